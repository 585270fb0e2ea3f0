package dev.floe.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of measurement: a workload on one system, run in its own JVM by {@link Bench} (or in
 * the caller's, for the smoke test). {@code params} carry workload details (W6: phase, size,
 * filter). Round-trips through command-line arguments.
 */
record Task(String workload, String system, Scale scale, int reps, Path data, Map<String, String> params) {
  Task {
    params = Map.copyOf(params);
  }

  String param(String key) {
    String v = params.get(key);
    if (v == null) {
      throw new BenchException("task " + this + " lacks parameter " + key);
    }
    return v;
  }

  /** A file-name-safe label, unique within a run. */
  String label() {
    StringBuilder sb = new StringBuilder(workload + "-" + system);
    new java.util.TreeMap<>(params).forEach((k, v) -> sb.append('-').append(k).append('_').append(v));
    return sb.toString().replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of("--workload", workload, "--system", system, "--scale", scale.name(),
        "--reps", Integer.toString(reps), "--data", data.toString()));
    params.forEach((k, v) -> {
      args.add("--param");
      args.add(k + "=" + v);
    });
    return args;
  }

  static Task fromArgs(List<String> args) {
    String workload = null;
    String system = null;
    Scale scale = null;
    int reps = 3;
    Path data = null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      String v = args.get(i + 1);
      switch (args.get(i)) {
        case "--workload" -> workload = v;
        case "--system" -> system = v;
        case "--scale" -> scale = Scale.parse(v);
        case "--reps" -> reps = Integer.parseInt(v);
        case "--data" -> data = Path.of(v);
        case "--param" -> params.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
        default -> { /* the orchestrator's own options */ }
      }
    }
    if (workload == null || system == null || scale == null || data == null) {
      throw new BenchException("worker needs --workload, --system, --scale and --data: " + args);
    }
    return new Task(workload, system, scale, reps, data, params);
  }
}
