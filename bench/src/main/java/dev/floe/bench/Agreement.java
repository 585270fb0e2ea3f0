package dev.floe.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cross-checks that the systems computed the same thing, so a fast wrong answer cannot pass as a
 * result. Lines starting with {@code MISMATCH} are failures; {@code OK} lines say what was checked.
 */
final class Agreement {
  private Agreement() {}

  static List<String> check(List<WorkerResult> results, Scale scale) {
    List<String> out = new ArrayList<>();
    same(out, results, "W1", List.of("rows"), false);
    same(out, results, "W2", List.of("rows", "checksum"), false);
    same(out, results, "W2", List.of("rows"), true);
    same(out, results, "W3", List.of("rows", "sum of id"), false);
    same(out, results, "W3", List.of("rows"), true);
    sameDouble(out, results, "W3", "sum of amount");
    for (String w : List.of("W1", "W2", "W3")) {
      List<String> keys = switch (w) {
        case "W1" -> List.of("rows");
        case "W2" -> List.of("rows", "checksum");
        default -> List.of("rows", "sum of id");
      };
      sameSpark(out, results, w, keys);
    }
    same(out, results, "W8", List.of("rows", "sum of id after", "rows rewritten"), false);
    for (WorkerResult r : results) {
      if (r.workload.equals("W7") && r.facts.containsKey("rows found")) {
        long found = Long.parseLong(r.facts.get("rows found"));
        out.add((found == scale.lookups() ? "OK" : "MISMATCH") + " W7 " + r.system + ": " + found + " rows for "
            + scale.lookups() + " lookups of existing ids");
      }
      if (r.workload.equals("W6")) {
        for (String note : r.notes) {
          if (note.contains("planned")) {
            out.add("MISMATCH " + note);
          }
        }
      }
      if (r.workload.equals("W8")) {
        for (String note : r.notes) {
          if (note.contains("rows changed")) {
            out.add("MISMATCH " + note);
          }
        }
      }
      if (r.workload.equals("W4")) {
        for (String note : r.notes) {
          out.add("MISMATCH " + note);
        }
      }
    }
    Map<String, Map<String, String>> planned = new LinkedHashMap<>();
    for (WorkerResult r : results) {
      if (r.workload.equals("W6")) {
        r.facts.forEach((k, v) -> {
          if (k.endsWith("files planned")) {
            planned.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(r.system, v);
          }
        });
      }
    }
    planned.forEach((k, bySystem) -> out.add((bySystem.values().stream().distinct().count() == 1 ? "OK" : "MISMATCH")
        + " W6 " + k + ": " + bySystem));
    return out;
  }

  /** Facts equal between Spark on Floe and Spark on Iceberg (and W3's sum of amount, within rounding). */
  private static void sameSpark(List<String> out, List<WorkerResult> results, String workload, List<String> keys) {
    WorkerResult floe = find(results, workload, Workloads.SPARK_FLOE);
    WorkerResult iceberg = find(results, workload, Workloads.SPARK_ICEBERG);
    if (floe == null || iceberg == null) {
      return;
    }
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (String k : keys) {
      a.add(k + "=" + floe.facts.get(k));
      b.add(k + "=" + iceberg.facts.get(k));
    }
    boolean agree = a.equals(b);
    if (workload.equals("W3") && agree) {
      double x = Double.parseDouble(floe.facts.get("sum of amount"));
      double y = Double.parseDouble(iceberg.facts.get("sum of amount"));
      agree = x == y || Math.abs(x - y) <= 1e-9 * Math.abs(x);
      a.add("sum of amount=" + floe.facts.get("sum of amount"));
    }
    out.add((agree ? "OK" : "MISMATCH") + " " + workload + " spark-floe and spark-iceberg agree on "
        + (agree ? a : a + " vs " + b));
  }

  private static WorkerResult find(List<WorkerResult> results, String workload, String system) {
    for (WorkerResult r : results) {
      if (r.workload.equals(workload) && r.system.equals(system)) {
        return r;
      }
    }
    return null;
  }

  /** Facts equal across Floe and Iceberg (or, with {@code duck}, between Floe and DuckDB). */
  private static void same(List<String> out, List<WorkerResult> results, String workload, List<String> keys,
      boolean duck) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (WorkerResult r : results) {
      boolean include = r.system.equals("floe") || (duck ? r.system.equals(DuckDb.ID) : r.system.startsWith("iceberg"));
      if (!r.workload.equals(workload) || !include) {
        continue;
      }
      List<String> v = new ArrayList<>();
      for (String k : keys) {
        v.add(k + "=" + r.facts.get(k));
      }
      values.put(r.system, v);
    }
    if (values.size() < 2) {
      return;
    }
    boolean agree = values.values().stream().distinct().count() == 1;
    out.add((agree ? "OK" : "MISMATCH") + " " + workload + " " + String.join(" and ", values.keySet()) + " agree on "
        + (agree ? values.values().iterator().next() : values));
  }

  private static void sameDouble(List<String> out, List<WorkerResult> results, String workload, String key) {
    Double floe = null;
    for (WorkerResult r : results) {
      if (r.workload.equals(workload) && r.system.equals("floe") && r.facts.containsKey(key)) {
        floe = Double.parseDouble(r.facts.get(key));
      }
    }
    if (floe == null) {
      return;
    }
    for (WorkerResult r : results) {
      if (r.workload.equals(workload) && !r.system.equals("floe") && !Workloads.throughSpark(r.system)
          && r.facts.containsKey(key)) {
        double other = Double.parseDouble(r.facts.get(key));
        // summation order differs between readers; 1e-9 relative is far below any real disagreement
        boolean agree = Objects.equals(floe, other) || Math.abs(floe - other) <= 1e-9 * Math.abs(floe);
        out.add((agree ? "OK" : "MISMATCH") + " " + workload + " floe and " + r.system + " agree on " + key + ": "
            + r.facts.get(key));
      }
    }
  }
}
