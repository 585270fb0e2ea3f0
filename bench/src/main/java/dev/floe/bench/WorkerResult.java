package dev.floe.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one worker (one system, one workload, usually one JVM) measured: metrics with every
 * repetition's value, facts for cross-checking the systems, series for charts, and notes.
 * Mutable while the worker runs; serialised as JSON between processes.
 */
final class WorkerResult {
  /** One figure over repetitions; {@code higherIsBetter} picks the ratio's direction. */
  record Metric(String name, String unit, boolean higherIsBetter, List<Double> values) {}

  record Series(String name, double[] values) {}

  public String workload;
  public String system;
  public List<Metric> metrics = new ArrayList<>();
  public Map<String, String> facts = new LinkedHashMap<>();
  public List<Series> series = new ArrayList<>();
  public List<String> notes = new ArrayList<>();

  WorkerResult() {}

  WorkerResult(String workload, String system) {
    this.workload = workload;
    this.system = system;
  }

  void metric(String name, String unit, boolean higherIsBetter, List<Double> values) {
    metrics.add(new Metric(name, unit, higherIsBetter, List.copyOf(values)));
  }

  void fact(String key, Object value) {
    facts.put(key, String.valueOf(value));
  }

  /** Merges another worker's result for the same workload and system (e.g. one per cold JVM). */
  void merge(WorkerResult other) {
    for (Metric m : other.metrics) {
      int i = indexOf(m.name());
      if (i < 0) {
        metrics.add(m);
      } else {
        List<Double> all = new ArrayList<>(metrics.get(i).values());
        all.addAll(m.values());
        metrics.set(i, new Metric(m.name(), m.unit(), m.higherIsBetter(), all));
      }
    }
    facts.putAll(other.facts);
    series.addAll(other.series);
    for (String n : other.notes) {
      if (!notes.contains(n)) {
        notes.add(n);
      }
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
