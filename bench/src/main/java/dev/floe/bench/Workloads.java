package dev.floe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The workloads of WORKLOADS.md, each measured on one system in the current JVM. */
final class Workloads {
  static final String W1_TABLE = "w1";
  /** Registered files in W4-W6 hold this many rows each. */
  static final long ENTRY_ROWS = 1_000;
  static final long ENTRY_BYTES = 50_000;
  static final int W5_THREADS = 4;
  static final int W6_COMMITS = 100;

  private Workloads() {}

  static TableSystem open(String system, Path data) {
    return switch (system) {
      case "floe" -> new FloeSystem(data);
      case "iceberg-lean", "iceberg-lean-pool" -> new IcebergSystem(data, IcebergSystem.Mode.LEAN, system);
      case "iceberg-hadoop" -> new IcebergSystem(data, IcebergSystem.Mode.HADOOP, system);
      case SPARK_FLOE, SPARK_ICEBERG -> spark(system, data);
      default -> throw new BenchException("unknown system " + system);
    };
  }

  static final String SPARK_FLOE = "spark-floe";
  static final String SPARK_ICEBERG = "spark-iceberg";
  static final List<String> SPARK_SYSTEMS = List.of(SPARK_FLOE, SPARK_ICEBERG);

  static boolean throughSpark(String system) {
    return SPARK_SYSTEMS.contains(system);
  }

  /**
   * The Spark systems live in the bench-spark module, which depends on this one (Iceberg's Spark
   * runtime cannot share a class path with the Iceberg jars measured here): found by name.
   */
  private static TableSystem spark(String system, Path data) {
    try {
      return (TableSystem) Class.forName("dev.floe.bench.SparkSystem").getDeclaredConstructor(Path.class,
          String.class).newInstance(data, system);
    } catch (ClassNotFoundException e) {
      throw new BenchException("system " + system + " needs the bench-spark module on the class path"
          + " (bench/run builds and adds it when --systems names a Spark system)");
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new BenchException("cannot start " + system + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new BenchException("cannot start " + system + ": " + e, e);
    }
  }

  static WorkerResult run(Task task) throws Exception {
    WorkerResult result = new WorkerResult(task.workload(), task.system());
    if (task.system().equals(DuckDb.ID)) {
      try (DuckDb duck = new DuckDb(); FloeSystem floe = new FloeSystem(task.data())) {
        result.fact("duckdb version", duck.version());
        duckdb(task, duck, floe, result);
      }
      return result;
    }
    try (TableSystem sys = open(task.system(), task.data())) {
      switch (task.workload()) {
        case "W1" -> w1(task, sys, result);
        case "W2" -> w2(task, sys, result);
        case "W3" -> w3(task, sys, result);
        case "W4" -> w4(task, sys, result);
        case "W5" -> w5(task, sys, result);
        case "W6" -> w6(task, sys, result);
        case "W7" -> w7(task, sys, result);
        case "W8" -> CompactionWorkload.w8(task, sys, result);
        default -> throw new BenchException("workload " + task.workload() + " is not implemented");
      }
    }
    return result;
  }

  // ------------------------------------------------------------------ W1-W3, W7: data path

  private static void w1(Task task, TableSystem sys, WorkerResult result) {
    if (throughSpark(sys.id())) {
      w1Spark(task, sys, result);
      return;
    }
    Scale s = task.scale();
    sys.write("w1_warmup", Math.min(s.rows(), 1_000_000), s.files());
    sys.create("w1_warmup", Map.of());
    List<Double> rates = new ArrayList<>();
    List<Double> writerRates = new ArrayList<>();
    List<Double> genRates = new ArrayList<>();
    List<Double> mbs = new ArrayList<>();
    TableSystem.WriteOutcome out = null;
    for (int rep = 0; rep < task.reps(); rep++) {
      double gen = generationSeconds(s.rows());
      long t0 = System.nanoTime();
      out = sys.write(W1_TABLE, s.rows(), s.files());
      double sec = Stats.seconds(t0);
      rates.add(s.rows() / sec);
      writerRates.add(s.rows() / Math.max(1e-9, sec - gen));
      genRates.add(s.rows() / gen);
      mbs.add(out.bytes() / 1e6 / sec);
    }
    result.metric("write rows/s (incl. generation)", "rows/s", true, rates);
    result.metric("write MB/s (output)", "MB/s", true, mbs);
    result.metric("writer alone rows/s (write time minus generation time)", "rows/s", true, writerRates);
    result.metric("generation alone rows/s", "rows/s", true, genRates);
    result.fact("files", out.files());
    result.fact("bytes", out.bytes());
    result.fact("rows", out.rows());
  }

  /** W1 through Spark: the input is generated and cached by Spark before the timed writes. */
  private static void w1Spark(Task task, TableSystem sys, WorkerResult result) {
    Scale s = task.scale();
    sys.prepareWrite(s.rows(), s.files());
    sys.write("w1_warmup", s.rows(), s.files());
    sys.create("w1_warmup", Map.of());
    List<Double> rates = new ArrayList<>();
    List<Double> mbs = new ArrayList<>();
    TableSystem.WriteOutcome out = null;
    for (int rep = 0; rep < task.reps(); rep++) {
      long t0 = System.nanoTime();
      out = sys.write(W1_TABLE, s.rows(), s.files());
      double sec = Stats.seconds(t0);
      rates.add(s.rows() / sec);
      mbs.add(out.bytes() / 1e6 / sec);
    }
    result.metric(SPARK_W1, "rows/s", true, rates);
    result.metric("Spark: write MB/s (output)", "MB/s", true, mbs);
    result.fact("files", out.files());
    result.fact("bytes", out.bytes());
    result.fact("rows", out.rows());
    result.notes.add("Spark systems: local[2], one session per JVM; W1 writes rows Spark generated and cached"
        + " beforehand (10 partitions, 10 files), W2 is SELECT count(*), sum(hash(all 5 columns)), W3 SELECT"
        + " count(*), sum(id), sum(amount); Floe through its Spark catalog, Iceberg through its Spark runtime"
        + " (Hadoop catalog, vectorized Parquet reads).");
  }

  static final String SPARK_W1 = "Spark: write rows/s (cached input, one commit)";
  static final String SPARK_W2 = "Spark: scan rows/s (all 5 columns, hash of each row)";
  static final String SPARK_W3 = "Spark: scan rows/s (id, amount; sums)";

  /** Generates rows without writing them, folding them so the JIT cannot drop the work. */
  static double generationSeconds(long rows) {
    long t0 = System.nanoTime();
    RowGenerator g = new RowGenerator();
    long sink = 0;
    for (long i = 0; i < rows; i++) {
      g.next();
      sink += g.payload.hashCode() + g.category.length() + (long) g.amount + g.ts.getSecond();
    }
    double sec = Stats.seconds(t0);
    if (sink == 42) {
      System.out.print("");
    }
    return sec;
  }

  /** The W1 table W2, W3 and W7 read: written (untimed) unless already there at this scale. */
  private static void ensureW1(Task task, TableSystem sys) {
    Scale s = task.scale();
    if (!sys.exists(W1_TABLE) || sys.state(W1_TABLE).records() != s.rows()) {
      sys.write(W1_TABLE, s.rows(), s.files());
    }
  }

  private static void w2(Task task, TableSystem sys, WorkerResult result) {
    ensureW1(task, sys);
    sys.scanAll(W1_TABLE);
    List<Double> rates = new ArrayList<>();
    TableSystem.ScanOutcome out = null;
    for (int rep = 0; rep < task.reps(); rep++) {
      long t0 = System.nanoTime();
      out = sys.scanAll(W1_TABLE);
      rates.add(out.rows() / Stats.seconds(t0));
    }
    result.metric(throughSpark(sys.id()) ? SPARK_W2 : "scan rows/s (all 5 columns into records)", "rows/s", true,
        rates);
    result.fact("rows", out.rows());
    result.fact("checksum", out.checksum());
  }

  private static void w3(Task task, TableSystem sys, WorkerResult result) {
    ensureW1(task, sys);
    sys.scanTwo(W1_TABLE);
    List<Double> rates = new ArrayList<>();
    TableSystem.ScanOutcome out = null;
    for (int rep = 0; rep < task.reps(); rep++) {
      long t0 = System.nanoTime();
      out = sys.scanTwo(W1_TABLE);
      rates.add(out.rows() / Stats.seconds(t0));
    }
    result.metric(throughSpark(sys.id()) ? SPARK_W3 : "scan rows/s (id, amount)", "rows/s", true, rates);
    result.fact("rows", out.rows());
    result.fact("sum of id", out.checksum());
    result.fact("sum of amount", String.format("%.6e", out.sum()));
  }

  static long[] lookupKeys(Scale s) {
    SplittableRandom random = new SplittableRandom(RowGenerator.SEED + 7);
    long[] keys = new long[s.lookups()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextLong(s.rows());
    }
    return keys;
  }

  private static void w7(Task task, TableSystem sys, WorkerResult result) {
    ensureW1(task, sys);
    long[] keys = lookupKeys(task.scale());
    for (int i = 0; i < Math.max(1, keys.length / 10); i++) {
      sys.lookup(W1_TABLE, keys[i]);
    }
    List<Double> rates = new ArrayList<>();
    long found = 0;
    for (int rep = 0; rep < task.reps(); rep++) {
      found = 0;
      long t0 = System.nanoTime();
      for (long k : keys) {
        found += sys.lookup(W1_TABLE, k);
      }
      rates.add(keys.length / Stats.seconds(t0));
    }
    result.metric("point lookups/s (id = k, all columns)", "lookups/s", true, rates);
    result.fact("rows found", found);
    result.fact("lookups", keys.length);
    int sample = Math.min(keys.length, 20);
    double files = 0;
    double rowGroups = 0;
    for (int i = 0; i < sample; i++) {
      List<String> planned = sys.plannedFiles(W1_TABLE, keys[i]);
      files += planned.size();
      for (String f : planned) {
        rowGroups += Footers.rowGroupsContaining(f, keys[i]);
      }
    }
    result.fact("files opened per lookup", String.format("%.2f", files / sample));
    result.fact("row groups decoded per lookup", String.format("%.2f", rowGroups / sample));
  }

  private static void duckdb(Task task, DuckDb duck, FloeSystem floe, WorkerResult result) throws Exception {
    Scale s = task.scale();
    if (task.workload().equals("W1")) {
      Path dir = task.data().resolve("duckdb");
      Files.createDirectories(dir);
      Path file = dir.resolve("w1.parquet");
      Files.deleteIfExists(file);
      duck.write(file, Math.min(s.rows(), 1_000_000));
      List<Double> rates = new ArrayList<>();
      List<Double> mbs = new ArrayList<>();
      for (int rep = 0; rep < task.reps(); rep++) {
        Files.deleteIfExists(file);
        long t0 = System.nanoTime();
        long bytes = duck.write(file, s.rows());
        double sec = Stats.seconds(t0);
        rates.add(s.rows() / sec);
        mbs.add(bytes / 1e6 / sec);
      }
      Files.deleteIfExists(file);
      result.metric("write rows/s (incl. generation)", "rows/s", true, rates);
      result.metric("write MB/s (output)", "MB/s", true, mbs);
      result.notes.add("DuckDB W1: COPY of rows generated in SQL (same columns and shapes, DuckDB's own"
          + " random) to one zstd Parquet file, 1 thread.");
      return;
    }
    ensureW1(task, floe);
    List<String> files = floe.dataFiles(W1_TABLE);
    List<Double> rates = new ArrayList<>();
    switch (task.workload()) {
      case "W2" -> {
        duck.scanAll(files);
        long rows = 0;
        for (int rep = 0; rep < task.reps(); rep++) {
          long t0 = System.nanoTime();
          rows = duck.scanAll(files);
          rates.add(rows / Stats.seconds(t0));
        }
        result.metric("scan rows/s (all 5 columns into records)", "rows/s", true, rates);
        result.fact("rows", rows);
      }
      case "W3" -> {
        duck.scanTwo(files);
        long rows = 0;
        for (int rep = 0; rep < task.reps(); rep++) {
          long t0 = System.nanoTime();
          rows = duck.scanTwo(files);
          rates.add(rows / Stats.seconds(t0));
        }
        result.metric("scan rows/s (id, amount)", "rows/s", true, rates);
        result.fact("rows", rows);
        result.fact("sum of amount", String.format("%.6e", duck.lastSum));
      }
      case "W7" -> {
        long[] keys = lookupKeys(s);
        try (PreparedStatement st = duck.prepareLookup(files)) {
          for (int i = 0; i < Math.max(1, keys.length / 10); i++) {
            DuckDb.lookup(st, keys[i]);
          }
          long found = 0;
          for (int rep = 0; rep < task.reps(); rep++) {
            found = 0;
            long t0 = System.nanoTime();
            for (long k : keys) {
              found += DuckDb.lookup(st, k);
            }
            rates.add(keys.length / Stats.seconds(t0));
          }
          result.metric("point lookups/s (id = k, all columns)", "lookups/s", true, rates);
          result.fact("rows found", found);
        }
      }
      default -> throw new BenchException("DuckDB has no " + task.workload());
    }
    result.notes.add("DuckDB reads Floe's W1 files (zstd Parquet of the same rows) with read_parquet, 1 thread;"
        + " W2/W3 aggregate inside DuckDB (W2: sum(hash(all columns))).");
  }

  // ------------------------------------------------------------------ W4-W6: metadata path

  static FileEntry entry(TableSystem sys, Task task, String table, long n) {
    return new FileEntry(task.data().toAbsolutePath() + "/registered/" + sys.id() + "/" + table + "/f-" + n
        + ".parquet", n * ENTRY_ROWS, ENTRY_ROWS, ENTRY_BYTES);
  }

  private static void w4(Task task, TableSystem sys, WorkerResult result) {
    Scale s = task.scale();
    int commits = s.commits();
    // HadoopTables forks processes on every commit: its long run would take most of an hour at
    // full scale for a curve that only gets worse; it runs the measured blocks only.
    int longCommits = task.system().equals("iceberg-hadoop") ? commits : Math.max(commits, s.longCommits());
    int window = Math.max(1, Math.min(100, commits / 10));

    sys.create("w4_warmup", Map.of());
    TableSystem.Committer warm = sys.committer("w4_warmup");
    for (int i = 0; i < Math.min(50, commits); i++) {
      warm.commit(entry(sys, task, "w4_warmup", i));
    }

    List<Double> rates = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    List<Double> last = new ArrayList<>();
    double[] latencies = new double[longCommits];
    for (int rep = 0; rep < task.reps(); rep++) {
      sys.create("w4", Map.of());
      TableSystem.Committer c = sys.committer("w4");
      long start = System.nanoTime();
      for (int i = 0; i < commits; i++) {
        FileEntry e = entry(sys, task, "w4", i);
        long t0 = System.nanoTime();
        c.commit(e);
        latencies[i] = Stats.millis(t0);
      }
      rates.add(commits / Stats.seconds(start));
      first.add(Stats.median(Arrays.copyOfRange(latencies, 0, window)));
      last.add(Stats.median(Arrays.copyOfRange(latencies, commits - window, commits)));
    }
    TableSystem.TableState atBlock = sys.state("w4");
    result.metric("commits/s over " + commits + " sequential commits", "commits/s", true, rates);
    result.metric("p50 latency of commits 1-" + window, "ms", false, first);
    result.metric("p50 latency of commits " + (commits - window + 1) + "-" + commits, "ms", false, last);
    result.fact("metadata.json bytes after " + commits + " commits", atBlock.metadataBytes());
    result.fact("snapshots after " + commits + " commits", atBlock.snapshots());

    if (longCommits > commits) {
      TableSystem.Committer c = sys.committer("w4");
      long start = System.nanoTime();
      for (int i = commits; i < longCommits; i++) {
        FileEntry e = entry(sys, task, "w4", i);
        long t0 = System.nanoTime();
        c.commit(e);
        latencies[i] = Stats.millis(t0);
      }
      double rest = Stats.seconds(start);
      double blockSeconds = commits / rates.get(rates.size() - 1);
      int endWindow = Math.min(100, longCommits);
      double p50Start = Stats.median(Arrays.copyOfRange(latencies, 0, endWindow));
      double p50End = Stats.median(Arrays.copyOfRange(latencies, longCommits - endWindow, longCommits));
      String range = "1-" + longCommits;
      result.metric("long run: commits/s over commits " + range, "commits/s", true,
          List.of(longCommits / (blockSeconds + rest)));
      result.metric("long run: p50 latency of commits " + (longCommits - endWindow + 1) + "-" + longCommits, "ms",
          false, List.of(p50End));
      result.metric("long run: flatness, p50 of last " + endWindow + " / p50 of first " + endWindow,
          "x", false, List.of(p50End / p50Start));
      TableSystem.TableState end = sys.state("w4");
      result.fact("metadata.json bytes after " + longCommits + " commits", end.metadataBytes());
      result.fact("snapshots after " + longCommits + " commits", end.snapshots());
      result.fact("manifests after " + longCommits + " commits", end.manifests());
      if (end.snapshots() != longCommits || end.files() != longCommits) {
        result.notes.add("W4 " + sys.id() + ": expected " + longCommits + " snapshots and files, found "
            + end.snapshots() + " and " + end.files());
      }
    }
    result.series.add(new WorkerResult.Series("commit latency ms", latencies));
  }

  private static void w5(Task task, TableSystem sys, WorkerResult result) throws InterruptedException {
    double seconds = task.scale().concurrentSeconds();
    if (task.params().containsKey("process")) {
      w5Process(task, sys, result, seconds);
      return;
    }
    concurrentRun(task, sys, "w5_warmup", Math.max(0.5, seconds / 5), W5_THREADS, 0, 0, true);
    for (int rep = 0; rep < task.reps(); rep++) {
      Tally t = concurrentRun(task, sys, W5_TABLE, seconds, W5_THREADS, 0, 0, true);
      report(result, sys, t, " (" + W5_THREADS + " threads, one JVM)", sys.state(W5_TABLE));
    }
  }

  static final String W5_TABLE = "w5";
  static final String W5_PROCESS_TABLE = "w5p";

  /**
   * One of the W5 committer processes: warms up on a table of its own, waits for the common
   * start time, then appends with one thread; the orchestrator adds the processes up.
   */
  private static void w5Process(Task task, TableSystem sys, WorkerResult result, double seconds)
      throws InterruptedException {
    int process = Integer.parseInt(task.param("process"));
    long startAt = Long.parseLong(task.param("start-at"));
    String warmTable = "w5p_warmup_" + process;
    concurrentRun(task, sys, warmTable, Math.min(2, Math.max(0.5, seconds / 5)), 1, process, 0, true);
    Tally t = concurrentRun(task, sys, W5_PROCESS_TABLE, seconds, 1, process, startAt, false);
    sys.create(warmTable, Map.of());
    result.fact("ok", t.ok);
    result.fact("failed", t.failed);
    result.fact("retries", t.retries);
    result.fact("elapsed", t.elapsedSeconds);
    result.series.add(new WorkerResult.Series("latencies", t.latencies.stream().mapToDouble(Double::doubleValue)
        .toArray()));
    result.notes.addAll(t.failures);
  }

  /** What the committers of one W5 run did. */
  static final class Tally {
    final List<Double> latencies = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    long ok;
    long failed;
    long retries;
    double elapsedSeconds;

    synchronized void add(Tally other) {
      latencies.addAll(other.latencies);
      ok += other.ok;
      failed += other.failed;
      retries += other.retries;
      elapsedSeconds = Math.max(elapsedSeconds, other.elapsedSeconds);
      failures.addAll(other.failures);
    }
  }

  /**
   * Appends from {@code threads} threads for {@code seconds}, from {@code startAtMillis} (epoch)
   * or now when 0. Ids are unique per (process, thread, sequence).
   */
  private static Tally concurrentRun(Task task, TableSystem sys, String table, double seconds, int threads,
      int process, long startAtMillis, boolean create) throws InterruptedException {
    if (create) {
      sys.create(table, Map.of());
    }
    List<TableSystem.Committer> committers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      committers.add(sys.committer(table));
    }
    long countedBefore = committers.get(0).countedRetries();
    Tally[] tallies = new Tally[threads];
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> crash = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    long[] window = new long[1];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Tally tally = new Tally();
      tallies[t] = tally;
      Thread th = new Thread(() -> {
        try {
          go.await();
          long end = window[0] + (long) (seconds * 1e9);
          long idBase = (process * 16L + thread) * 1_000_000_000L;
          for (long seq = 0; System.nanoTime() < end; seq++) {
            FileEntry e = entry(sys, task, table, idBase + seq);
            long t0 = System.nanoTime();
            try {
              int retries = committers.get(thread).commit(e);
              tally.latencies.add(Stats.millis(t0));
              tally.ok++;
              tally.retries += Math.max(0, retries);
            } catch (RuntimeException failure) {
              tally.failed++;
              if (tally.failures.isEmpty()) {
                tally.failures.add("W5 " + sys.id() + " failure: " + failure.getClass().getSimpleName() + ": "
                    + failure.getMessage());
              }
            }
          }
        } catch (Throwable t2) {
          crash.compareAndSet(null, t2);
        }
      }, "w5-committer-" + t);
      workers.add(th);
      th.start();
    }
    if (startAtMillis > 0) {
      long wait = startAtMillis - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
    }
    window[0] = System.nanoTime();
    go.countDown();
    for (Thread th : workers) {
      th.join();
    }
    Tally all = new Tally();
    for (Tally t : tallies) {
      all.add(t);
    }
    all.elapsedSeconds = Stats.seconds(window[0]);
    if (crash.get() != null) {
      throw new BenchException("W5 committer crashed", crash.get());
    }
    long counted = committers.get(0).countedRetries();
    if (counted >= 0) {
      // Iceberg retries inside its commit; every lost race but the last of a failed commit was retried
      all.retries = Math.max(0, counted - countedBefore - all.failed);
    }
    return all;
  }

  /** Adds one W5 repetition to the metrics; {@code state} is the table read fresh afterwards. */
  static void report(WorkerResult result, TableSystem sys, Tally t, String how, TableSystem.TableState state) {
    double[] lat = t.latencies.stream().mapToDouble(Double::doubleValue).toArray();
    add(result, "commits/s total" + how, "commits/s", true, t.ok / t.elapsedSeconds);
    add(result, "p50 commit latency" + how, "ms", false, Stats.percentile(lat, 50));
    add(result, "p99 commit latency" + how, "ms", false, Stats.percentile(lat, 99));
    add(result, "retries (lost races retried)" + how, "count", false, t.retries);
    add(result, "failed commits (gave up)" + how, "count", false, t.failed);
    add(result, "lost commits (reported ok, not in table)" + how, "count", false, Math.max(0, t.ok - state.files()));
    add(result, "successful commits" + how, "count", true, t.ok);
    for (String f : t.failures) {
      if (!result.notes.contains(f) && result.notes.stream().filter(n -> n.startsWith("W5 " + sys.id())).count() < 3) {
        result.notes.add(f);
      }
    }
    if (state.files() > t.ok) {
      result.notes.add("W5 " + sys.id() + how + ": table holds " + state.files() + " files but only " + t.ok
          + " commits reported success (a failed commit landed)");
    }
    if (state.snapshots() != state.files()) {
      result.notes.add("W5 " + sys.id() + how + ": " + state.snapshots() + " snapshots for " + state.files()
          + " files");
    }
  }

  /** Appends one repetition's value to a metric, creating it on first use. */
  private static void add(WorkerResult result, String name, String unit, boolean higherIsBetter, double value) {
    WorkerResult one = new WorkerResult(result.workload, result.system);
    one.metric(name, unit, higherIsBetter, List.of(value));
    result.merge(one);
  }

  static String w6Table(int size) {
    return "w6_" + size;
  }

  /** The 1% filter: ids of the size/100 consecutive files starting in the middle of the table. */
  static long[] onePercent(int size) {
    long low = (size / 2) * ENTRY_ROWS;
    return new long[] {low, low + (size / 100) * ENTRY_ROWS};
  }

  private static void w6(Task task, TableSystem sys, WorkerResult result) {
    int size = Integer.parseInt(task.param("size"));
    String table = w6Table(size);
    if (task.param("phase").equals("build")) {
      // Manifest merging off: every commit keeps its own manifest (100 manifests), as in the issue.
      sys.create(table, Map.of("commit.manifest-merge.enabled", "false"));
      int perCommit = size / W6_COMMITS;
      long t0 = System.nanoTime();
      for (int c = 0; c < W6_COMMITS; c++) {
        List<FileEntry> entries = new ArrayList<>(perCommit);
        for (int i = 0; i < perCommit; i++) {
          entries.add(entry(sys, task, table, (long) c * perCommit + i));
        }
        sys.appendEntries(table, entries);
      }
      double sec = Stats.seconds(t0);
      TableSystem.TableState st = sys.state(table);
      result.metric(size + " files: build, registered files/s (" + W6_COMMITS + " commits)", "files/s", true,
          List.of(size / sec));
      result.fact(size + " files: manifests", st.manifests());
      result.fact(size + " files: metadata.json bytes", st.metadataBytes());
      if (st.files() != size) {
        throw new BenchException("W6 " + sys.id() + " built " + st.files() + " files, expected " + size);
      }
      return;
    }
    boolean filtered = task.param("filter").equals("1%");
    long[] range = onePercent(size);
    Long low = filtered ? range[0] : null;
    Long high = filtered ? range[1] : null;
    String label = String.format("%,d files, %s: ", size, filtered ? "1% id filter" : "no filter");
    long t0 = System.nanoTime();
    TableSystem.Planner planner = sys.planner(table);
    int planned = planner.plan(low, high);
    double cold = Stats.millis(t0);
    // warm: at least 3 plans and 2 s of planning first (tiny: only the 3), so the JIT has compiled the planner
    double warmSeconds = task.scale().equals(Scale.TINY) ? 0 : 2;
    long warmStart = System.nanoTime();
    for (int i = 0; i < 3 || Stats.seconds(warmStart) < warmSeconds; i++) {
      planner.plan(low, high);
    }
    double[] warm = new double[Math.max(3, task.reps())];
    for (int i = 0; i < warm.length; i++) {
      long t1 = System.nanoTime();
      planner.plan(low, high);
      warm[i] = Stats.millis(t1);
    }
    if (!task.params().containsKey("discard")) {
      result.metric(label + "cold plan (fresh JVM: open table + plan)", "ms", false, List.of(cold));
      result.metric(label + "warm plan (same process, again)", "ms", false, List.of(Stats.median(warm)));
    }
    result.fact(label + "files planned", planned);
    int expected = filtered ? size / 100 : size;
    if (planned != expected) {
      result.notes.add("W6 " + sys.id() + " planned " + planned + " files for " + label + "expected " + expected);
    }
  }
}
