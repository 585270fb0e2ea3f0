package dev.floe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's one entry point. {@code run} (the default) plans every task of the chosen
 * workloads, runs each in a fresh JVM (same flags for every system), gathers the results and
 * writes {@code report.md} and the W4 chart; {@code worker} is what those JVMs run.
 *
 * <pre>
 * bench/run [--workloads W1,W2,...|all] [--scale tiny|small|full] [--reps N] [--out DIR]
 *           [--systems floe,iceberg-lean,iceberg-hadoop,duckdb] [--jvm-flags "..."] [--keep-data]
 * </pre>
 */
public final class Bench {
  static final List<String> IMPLEMENTED = List.of("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8");
  /** What runs without naming systems: the library-level comparison. */
  static final List<String> DEFAULT_SYSTEMS = List.of("floe", "iceberg-lean", "iceberg-hadoop", DuckDb.ID);
  /** Every system: the defaults plus W1-W3 through Spark (bench-spark module). */
  static final List<String> ALL_SYSTEMS = List.of("floe", "iceberg-lean", "iceberg-hadoop", DuckDb.ID,
      Workloads.SPARK_FLOE, Workloads.SPARK_ICEBERG);
  /** The bench-spark build output (jar, lib/, classes/): where Spark worker JVMs get their class path. */
  static final String SPARK_HOME = "bench.spark.home";
  static final String SERIAL_PLANNING = "iceberg.scan.plan-in-worker-pool";
  // AlwaysPreTouch: G1 grows its young generation after the first collections, and the first pass
  // through the new regions pays a page fault per 4 KiB; without it the first measured
  // repetitions of a scan ran up to 4x slower than the rest, for both systems alike.
  static final String DEFAULT_JVM_FLAGS = "-Xms3g -Xmx3g -XX:+UseG1GC -XX:+AlwaysPreTouch";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Bench() {}

  /** What the run was asked to do. */
  record Options(List<String> workloads, Scale scale, int reps, Path out, List<String> systems, boolean inProcess,
      List<String> jvmFlags, boolean keepData, String command) {

    static Options parse(String... args) {
      List<String> workloads = IMPLEMENTED;
      Scale scale = Scale.SMALL;
      int reps = 3;
      Path out = Path.of("bench-out");
      List<String> systems = DEFAULT_SYSTEMS;
      boolean inProcess = false;
      boolean keepData = false;
      List<String> flags = Arrays.asList(DEFAULT_JVM_FLAGS.split(" "));
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--workloads" -> {
            String v = value(args, ++i, a);
            workloads = v.equalsIgnoreCase("all") ? IMPLEMENTED
                : Arrays.stream(v.split(",")).map(w -> w.trim().toUpperCase(Locale.ROOT)).toList();
            for (String w : workloads) {
              if (!IMPLEMENTED.contains(w)) {
                throw new BenchException("workload " + w + " is not implemented (have " + IMPLEMENTED + ")");
              }
            }
          }
          case "--scale" -> scale = Scale.parse(value(args, ++i, a));
          case "--reps" -> {
            reps = Integer.parseInt(value(args, ++i, a));
            if (reps < 1) {
              throw new BenchException("--reps must be at least 1");
            }
          }
          case "--out" -> out = Path.of(value(args, ++i, a));
          case "--systems" -> {
            String v = value(args, ++i, a).trim();
            systems = v.equals("all") ? ALL_SYSTEMS : v.equals("spark") ? Workloads.SPARK_SYSTEMS
                : Arrays.stream(v.split(",")).map(String::trim).toList();
            for (String s : systems) {
              if (!ALL_SYSTEMS.contains(s)) {
                throw new BenchException("unknown system " + s + " (have " + ALL_SYSTEMS + ")");
              }
            }
          }
          case "--jvm-flags" -> flags = Arrays.stream(value(args, ++i, a).trim().split("\\s+")).toList();
          case "--in-process" -> inProcess = true;
          case "--keep-data" -> keepData = true;
          case "-h", "--help" -> throw new BenchException(usage());
          default -> throw new BenchException("unknown option " + a + "\n" + usage());
        }
      }
      String command = System.getProperty("bench.command", "bench/run " + String.join(" ", args));
      return new Options(workloads, scale, reps, out, systems, inProcess, flags, keepData, command);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new BenchException(option + " needs a value");
      }
      return args[i];
    }
  }

  static String usage() {
    return "usage: bench/run [--workloads W1,W2,...|all] [--scale tiny|small|full] [--reps N] [--out DIR]\n"
        + "                 [--systems " + String.join(",", ALL_SYSTEMS) + "|spark|all] [--jvm-flags \"...\"]"
        + " [--keep-data]";
  }

  /** Everything a run produced. */
  record Summary(Path report, List<WorkerResult> results, List<String> failures, List<String> checks,
      double wallSeconds) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("worker")) {
      worker(Arrays.asList(args).subList(1, args.length));
      return;
    }
    try {
      Summary s = run(Options.parse(args));
      System.out.printf("report: %s (%.0f s)%n", s.report(), s.wallSeconds());
      if (!s.failures().isEmpty()) {
        System.err.println("some tasks failed:\n  " + String.join("\n  ", s.failures()));
        System.exit(1);
      }
    } catch (BenchException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void worker(List<String> args) throws Exception {
    Path resultFile = null;
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("--result")) {
        resultFile = Path.of(args.get(i + 1));
      }
    }
    Task task = Task.fromArgs(args);
    WorkerResult result = Workloads.run(task);
    if (resultFile == null) {
      System.out.println(JSON.writeValueAsString(result));
    } else {
      JSON.writeValue(resultFile.toFile(), result);
    }
  }

  static Summary run(Options o) throws Exception {
    long start = System.nanoTime();
    if (o.inProcess() && System.getProperty(SERIAL_PLANNING) == null) {
      // forked Iceberg JVMs get this flag on their command line; in-process, set it before any scan
      System.setProperty(SERIAL_PLANNING, "false");
    }
    Path out = o.out().toAbsolutePath();
    Path data = out.resolve("data");
    Path logs = out.resolve("logs");
    Files.createDirectories(data);
    Files.createDirectories(logs);
    Map<String, String> machine = MachineFacts.collect(o.jvmFlags(), o.inProcess());
    machine.put("durable create floor (new file + fsync + dir fsync, p50)",
        String.format("%.2f ms", MachineFacts.durableCreateMillis(data.resolve("fsync-probe"), 200)));

    List<Task> tasks = plan(o, data);
    Map<String, WorkerResult> merged = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    Map<String, Double> taskSeconds = new LinkedHashMap<>();
    int n = 0;
    for (Task task : tasks) {
      n++;
      if (!o.inProcess()) {
        System.out.printf("[%d/%d] %s %s %s%n", n, tasks.size(), task.workload(), task.system(),
            task.params().isEmpty() ? "" : task.params());
      }
      long t0 = System.nanoTime();
      try {
        WorkerResult r = task.params().containsKey("processes") ? runProcesses(o, task, logs)
            : o.inProcess() ? Workloads.run(task) : runForked(o, task, logs);
        merged.merge(task.workload() + "/" + task.system(), r, (a, b) -> {
          a.merge(b);
          return a;
        });
      } catch (Exception | AssertionError e) {
        String msg = task.label() + ": " + e;
        failures.add(msg);
        System.err.println("  FAILED " + msg);
        if (o.inProcess()) {
          e.printStackTrace();
        }
      }
      taskSeconds.merge(task.workload(), Stats.seconds(t0), Double::sum);
    }
    List<WorkerResult> results = new ArrayList<>(merged.values());
    List<String> checks = Agreement.check(results, o.scale());
    double wall = Stats.seconds(start);
    Path report = Report.write(out, o, machine, results, failures, checks, taskSeconds, wall, Instant.now());
    if (!o.keepData()) {
      Trees.delete(data);
    }
    return new Summary(report, results, failures, checks, wall);
  }

  /** The tasks of a run, in order: each workload's systems one after another. */
  static List<Task> plan(Options o, Path data) {
    List<Task> tasks = new ArrayList<>();
    for (String w : o.workloads()) {
      List<String> systems = switch (w) {
        case "W1", "W2", "W3" -> List.of("floe", "iceberg-lean", DuckDb.ID, Workloads.SPARK_FLOE,
            Workloads.SPARK_ICEBERG);
        case "W7" -> List.of("floe", "iceberg-lean", DuckDb.ID);
        case "W8" -> List.of("floe", "iceberg-lean");
        default -> List.of("floe", "iceberg-lean", "iceberg-hadoop");
      };
      systems = systems.stream().filter(o.systems()::contains).toList();
      if (!w.equals("W6")) {
        for (String s : systems) {
          tasks.add(new Task(w, s, o.scale(), o.reps(), data, Map.of()));
        }
        if (w.equals("W5")) {
          // the same contention across processes: no in-JVM coordination can help there
          for (int rep = 1; rep <= o.reps(); rep++) {
            for (String s : systems) {
              tasks.add(new Task(w, s, o.scale(), o.reps(), data,
                  Map.of("processes", "" + Workloads.W5_THREADS, "rep", "" + rep)));
            }
          }
        }
        continue;
      }
      for (int size : o.scale().planSizes()) {
        for (String s : systems) {
          tasks.add(new Task(w, s, o.scale(), o.reps(), data, Map.of("phase", "build", "size", "" + size)));
        }
      }
      List<String> planners = new ArrayList<>(systems);
      if (!o.inProcess() && planners.contains("iceberg-lean")) {
        planners.add(planners.indexOf("iceberg-lean") + 1, "iceberg-lean-pool");
      }
      // cold means a fresh JVM: one per repetition, interleaved across systems; the first is a
      // discarded warm-up (page cache, JIT of the JDK itself)
      int first = o.inProcess() ? 1 : 0;
      for (int size : o.scale().planSizes()) {
        for (String filter : List.of("1%", "none")) {
          for (int rep = first; rep <= o.reps(); rep++) {
            for (String s : planners) {
              Map<String, String> p = new LinkedHashMap<>(Map.of("phase", "plan", "size", "" + size, "filter", filter));
              if (rep == 0) {
                p.put("discard", "warmup");
              } else {
                p.put("rep", "" + rep);
              }
              tasks.add(new Task(w, s, o.scale(), o.reps(), data, p));
            }
          }
        }
      }
    }
    return tasks;
  }

  /**
   * W5 across processes: creates the table, starts one committer JVM per process with a common
   * start time a few seconds ahead (JVM start and warm-up fit before it), adds their tallies up
   * and checks the table afterwards.
   */
  private static WorkerResult runProcesses(Options o, Task task, Path logs) throws Exception {
    int processes = Integer.parseInt(task.param("processes"));
    try (TableSystem sys = Workloads.open(task.system(), task.data())) {
      sys.create(Workloads.W5_PROCESS_TABLE, Map.of());
    }
    long startAt = System.currentTimeMillis() + (o.inProcess() ? 1_500 : 8_000);
    List<Task> parts = new ArrayList<>();
    for (int k = 0; k < processes; k++) {
      parts.add(new Task(task.workload(), task.system(), task.scale(), 1, task.data(),
          Map.of("process", "" + k, "start-at", "" + startAt, "rep", task.param("rep"))));
    }
    List<java.util.concurrent.Future<WorkerResult>> futures = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(processes);
    try {
      for (Task part : parts) {
        futures.add(pool.submit(() -> o.inProcess() ? Workloads.run(part) : runForked(o, part, logs)));
      }
      Workloads.Tally total = new Workloads.Tally();
      for (java.util.concurrent.Future<WorkerResult> f : futures) {
        WorkerResult r = f.get();
        Workloads.Tally t = new Workloads.Tally();
        t.ok = Long.parseLong(r.facts.get("ok"));
        t.failed = Long.parseLong(r.facts.get("failed"));
        t.retries = Long.parseLong(r.facts.get("retries"));
        t.elapsedSeconds = Double.parseDouble(r.facts.get("elapsed"));
        for (double ms : r.series.get(0).values()) {
          t.latencies.add(ms);
        }
        t.failures.addAll(r.notes);
        total.add(t);
      }
      WorkerResult result = new WorkerResult(task.workload(), task.system());
      try (TableSystem sys = Workloads.open(task.system(), task.data())) {
        Workloads.report(result, sys, total, " (" + processes + " processes)", sys.state(Workloads.W5_PROCESS_TABLE));
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  private static WorkerResult runForked(Options o, Task task, Path logs) throws IOException, InterruptedException {
    Path resultFile = logs.resolve(task.label() + ".json");
    Path log = logs.resolve(task.label() + ".log");
    Files.deleteIfExists(resultFile);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(o.jvmFlags());
    if (task.system().startsWith("iceberg") && !task.system().equals("iceberg-lean-pool")) {
      cmd.add("-D" + SERIAL_PLANNING + "=false");
    }
    cmd.add("-cp");
    if (Workloads.throughSpark(task.system())) {
      SparkClasspath spark = SparkClasspath.find();
      cmd.addAll(cmd.size() - 1, spark.jvmFlags());
      cmd.add(spark.classpath());
    } else {
      cmd.add(System.getProperty("java.class.path"));
    }
    cmd.add(Bench.class.getName());
    cmd.add("worker");
    cmd.add("--result");
    cmd.add(resultFile.toString());
    cmd.addAll(task.toArgs());
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (Workloads.throughSpark(task.system())) {
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // Spark binds to loopback only
    }
    Process p = builder.start();
    int exit = p.waitFor();
    if (exit != 0 || !Files.exists(resultFile)) {
      List<String> lines = Files.readAllLines(log);
      String tail = String.join("\n    ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      throw new BenchException("worker exited with " + exit + " (log " + log + "):\n    " + tail);
    }
    return JSON.readValue(resultFile.toFile(), WorkerResult.class);
  }
}
