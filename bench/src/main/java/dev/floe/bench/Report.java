package dev.floe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;

/** Writes report.md (tables, facts, checks, machine) and the W4 latency chart. */
final class Report {
  static final String CHART = "w4-commit-latency.svg";
  static final List<String> COLUMN_ORDER = List.of("floe", "iceberg-lean", "iceberg-lean-pool", "iceberg-hadoop",
      DuckDb.ID, Workloads.SPARK_FLOE, Workloads.SPARK_ICEBERG);
  static final Map<String, String> HEADERS = Map.of(
      "floe", "Floe",
      "iceberg-lean", "Iceberg (lean ops)",
      "iceberg-lean-pool", "Iceberg (lean ops, worker-pool planning)",
      "iceberg-hadoop", "Iceberg (HadoopTables)",
      DuckDb.ID, "DuckDB (1 thread)",
      Workloads.SPARK_FLOE, "Spark on Floe",
      Workloads.SPARK_ICEBERG, "Spark on Iceberg");
  static final Map<String, String> TITLES = Map.of(
      "W1", "W1 write: N rows into 10 files, one commit",
      "W2", "W2 scan-all: every column of every row into records, folded into a checksum",
      "W3", "W3 scan-2: id and amount only, sum of amount",
      "W4", "W4 commit-seq: sequential single-file appends (registered files with full stats)",
      "W5", "W5 commit-conc: 4 committers append to one table (threads in one JVM; separate JVMs)",
      "W6", "W6 plan: metadata-only tables, 100 commits; plan with a 1% id filter and with none",
      "W7", "W7 point: id = k lookups on the W1 table",
      "W8", "W8 compact: many small files bin-packed to large targets; W3 and W7 before and after");

  /** A target of issue 3, checked on Floe's median or on the Floe / Iceberg ratio. */
  record Target(String workload, String metricPrefix, String text, boolean onRatio, DoublePredicate met) {}

  static final List<Target> TARGETS = List.of(
      new Target("W1", "write rows/s", ">= 1.5x Iceberg", true, r -> r >= 1.5),
      new Target("W2", "scan rows/s", ">= 2x Iceberg", true, r -> r >= 2),
      new Target("W3", "scan rows/s", ">= 2x Iceberg", true, r -> r >= 2),
      new Target("W4", "commits/s over", ">= 200 durable commits/s", false, v -> v >= 200),
      new Target("W4", "long run: flatness", "<= 1.2", false, v -> v <= 1.2),
      new Target("W5", "commits/s total", ">= 150 commits/s", false, v -> v >= 150),
      new Target("W5", "failed commits", "0", false, v -> v == 0),
      new Target("W5", "lost commits", "0", false, v -> v == 0),
      new Target("W5", "p99 commit latency", "< 100 ms", false, v -> v < 100),
      new Target("W6", "warm plan", "<= 1/10 of Iceberg", true, r -> r <= 0.1),
      new Target("W6", "cold plan", "<= 1/3 of Iceberg", true, r -> r <= 1.0 / 3));

  private Report() {}

  static Path write(Path out, Bench.Options o, Map<String, String> machine, List<WorkerResult> results,
      List<String> failures, List<String> checks, Map<String, Double> taskSeconds, double wall, Instant when)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Floe vs Apache Iceberg benchmark\n\n");
    md.append(String.format(Locale.ROOT, "Scale **%s**, %d measured repetitions after warm-up, finished %s,"
        + " wall time %s.%n%n", o.scale().name(), o.reps(), when, duration(wall)));
    md.append("Command:\n\n```\n").append(o.command()).append("\n```\n\n");
    md.append("Cells are `median (min–max)` over the repetitions. **Floe / Iceberg** divides Floe's median by the"
        + " best Iceberg median (best of the Iceberg columns in the metric's direction): for rates above 1 means"
        + " Floe is faster, for times and counts below 1 means Floe is better. **Spark: Floe / Iceberg** divides"
        + " Spark on Floe by Spark on Iceberg (same Spark, same SQL, same input).\n\n");
    if (!failures.isEmpty()) {
      md.append("## Failed tasks\n\n");
      for (String f : failures) {
        md.append("- `").append(f.replace("\n", " ")).append("`\n");
      }
      md.append('\n');
    }
    for (String w : o.workloads()) {
      List<WorkerResult> rs = new ArrayList<>();
      for (WorkerResult r : results) {
        if (r.workload.equals(w)) {
          rs.add(r);
        }
      }
      if (rs.isEmpty()) {
        continue;
      }
      section(md, w, rs, taskSeconds.getOrDefault(w, 0.0));
      if (w.equals("W4")) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (String sys : COLUMN_ORDER) {
          for (WorkerResult r : rs) {
            if (r.system.equals(sys) && !r.series.isEmpty()) {
              curves.put(HEADERS.get(sys), r.series.get(r.series.size() - 1).values());
            }
          }
        }
        if (!curves.isEmpty()) {
          Files.writeString(out.resolve(CHART), SvgChart.commitLatency("W4: commit latency over commit number",
              curves));
          md.append("![W4 commit latency over commit number](").append(CHART).append(")\n\n");
        }
      }
    }
    md.append("## Cross-checks (same answers from every system)\n\n");
    if (checks.isEmpty()) {
      md.append("- nothing to compare in this run\n");
    }
    for (String c : checks) {
      md.append("- ").append(c).append('\n');
    }
    md.append("\n## Machine\n\n| fact | value |\n|---|---|\n");
    machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\n## Method\n\n");
    md.append(METHOD);
    Path report = out.resolve("report.md");
    Files.writeString(report, md.toString());
    return report;
  }

  static final String METHOD = """
      - One generator (fixed seed) feeds both systems: id i, ts 2026-01-01T00:00 + i s, category cat-00..cat-99,
        amount in [0, 1000), 20 random letters; strings that repeat are built once. Data files are zstd Parquet
        (Parquet 1.17.1 for both), default row-group size, 10 files of equal row counts per W1 table.
      - Every system+workload runs in a fresh JVM with the same flags, after an unmeasured warm-up; W6 cold plans
        use one fresh JVM per repetition (plus one discarded), warm plans are the median of repeated plans in
        that JVM. The page cache is warm in both cases (manifests fit in memory).
      - **Iceberg (lean ops)**: Iceberg 1.12 with a file-based TableOperations written for this bench over plain
        java.nio (hard-link publish of v<N>.metadata.json, no fsync, no lock, no version hint) and a java.nio
        FileIO: Iceberg at its best on a local disk. **Iceberg (HadoopTables)**: the stock file-system catalog
        (Hadoop LocalFileSystem, forks chmod, in-JVM lock). Reads and writes of data go through the same Iceberg
        code either way, so W1-W3 and W7 run with lean ops only. Iceberg plans serially
        (-Diceberg.scan.plan-in-worker-pool=false, faster on 2 cores) except the "worker-pool planning" column.
        Iceberg keeps its defaults otherwise: newAppend (merging appends), 4 commit retries from 100 ms;
        W6 tables turn manifest merging off so each of the 100 commits keeps its own manifest.
      - **Floe** commits are durable: each metadata file is written, fsynced, hard-linked and its directory
        fsynced. Iceberg lean ops do not fsync (its HadoopTables commits do not either).
      - W1 "writer alone" subtracts the time the generator alone takes for the same rows (measured in the same
        JVM); "incl. generation" is the end-to-end rate.
      - W4/W5/W6 register metadata-only data files (1,000 rows each, disjoint id ranges, bounds for all 5 columns,
        value/null counts, sizes); nothing reads them. W5 counts a commit lost when it reported success but its
        file is not in the table read fresh at the end; retries are lost races that were retried (Iceberg: counted
        by wrapping its TableOperations; Floe: attempts - 1 from CommitResult).
      - W7 files/row groups per lookup: files the scan plans for id = k, and row groups of those files whose
        footer statistics on id contain k (what a statistics-pruning reader decodes).
      - DuckDB reads Floe's W1 files with read_parquet, SET threads TO 1; W2 and W3 aggregate inside DuckDB.
      """;

  private static void section(StringBuilder md, String w, List<WorkerResult> rs, double seconds) {
    md.append("## ").append(TITLES.getOrDefault(w, w)).append("\n\n");
    List<String> systems = new ArrayList<>();
    for (String s : COLUMN_ORDER) {
      for (WorkerResult r : rs) {
        if (r.system.equals(s) && !systems.contains(s)) {
          systems.add(s);
        }
      }
    }
    Set<String> metricNames = new LinkedHashSet<>();
    Map<String, WorkerResult.Metric> byKey = new LinkedHashMap<>();
    for (String s : systems) {
      for (WorkerResult r : rs) {
        if (r.system.equals(s)) {
          for (WorkerResult.Metric m : r.metrics) {
            metricNames.add(m.name());
            byKey.put(s + "|" + m.name(), m);
          }
        }
      }
    }
    md.append("| metric |");
    for (String s : systems) {
      md.append(' ').append(HEADERS.getOrDefault(s, s)).append(" |");
    }
    boolean spark = systems.contains(Workloads.SPARK_FLOE) && systems.contains(Workloads.SPARK_ICEBERG);
    md.append(" Floe / Iceberg |").append(spark ? " Spark: Floe / Iceberg |" : "").append(" target | met |\n|---|");
    md.append("---|".repeat(systems.size())).append(spark ? "---|" : "").append("---|---|---|\n");
    for (String name : metricNames) {
      WorkerResult.Metric any = null;
      md.append("| ").append(name).append(" |");
      for (String s : systems) {
        WorkerResult.Metric m = byKey.get(s + "|" + name);
        any = any == null ? m : any;
        md.append(' ').append(m == null ? "—" : cell(m)).append(" |");
      }
      double floe = byKey.containsKey("floe|" + name) ? Stats.median(byKey.get("floe|" + name).values()) : Double.NaN;
      double iceberg = Double.NaN;
      for (String s : systems) {
        WorkerResult.Metric m = byKey.get(s + "|" + name);
        if (s.startsWith("iceberg") && m != null) {
          double v = Stats.median(m.values());
          if (Double.isNaN(iceberg) || (any.higherIsBetter() ? v > iceberg : v < iceberg)) {
            iceberg = v;
          }
        }
      }
      double ratio = floe / iceberg;
      md.append(' ').append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "—").append(" |");
      if (spark) {
        WorkerResult.Metric sf = byKey.get(Workloads.SPARK_FLOE + "|" + name);
        WorkerResult.Metric si = byKey.get(Workloads.SPARK_ICEBERG + "|" + name);
        double sparkRatio = sf == null || si == null ? Double.NaN : Stats.median(sf.values()) / Stats.median(si.values());
        md.append(' ').append(Double.isFinite(sparkRatio) ? String.format(Locale.ROOT, "%.2f", sparkRatio) : "—")
            .append(" |");
      }
      Target target = null;
      for (Target t : TARGETS) {
        if (t.workload().equals(w) && name.startsWith(t.metricPrefix())) {
          target = t;
        }
      }
      if (target == null) {
        md.append(" | |\n");
      } else {
        double v = target.onRatio() ? ratio : floe;
        String met = Double.isNaN(v) ? "?" : target.met().test(v) ? "yes" : "**no**";
        md.append(' ').append(target.text()).append(" | ").append(met).append(" |\n");
      }
    }
    md.append('\n');
    Map<String, Map<String, String>> facts = new LinkedHashMap<>();
    for (String s : systems) {
      for (WorkerResult r : rs) {
        if (r.system.equals(s)) {
          r.facts.forEach((k, v) -> facts.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(s, v));
        }
      }
    }
    if (!facts.isEmpty()) {
      md.append("<details><summary>facts</summary>\n\n| fact |");
      for (String s : systems) {
        md.append(' ').append(HEADERS.getOrDefault(s, s)).append(" |");
      }
      md.append("\n|---|").append("---|".repeat(systems.size())).append('\n');
      facts.forEach((k, bySystem) -> {
        md.append("| ").append(k).append(" |");
        for (String s : systems) {
          md.append(' ').append(bySystem.getOrDefault(s, "")).append(" |");
        }
        md.append('\n');
      });
      md.append("\n</details>\n\n");
    }
    List<String> notes = new ArrayList<>();
    for (WorkerResult r : rs) {
      for (String n : r.notes) {
        if (!notes.contains(n)) {
          notes.add(n);
        }
      }
    }
    for (String n : notes) {
      md.append("- ").append(n).append('\n');
    }
    md.append(String.format(Locale.ROOT, "%sWall time of this workload (all systems): %s.%n%n",
        notes.isEmpty() ? "" : "\n", duration(seconds)));
  }

  static String cell(WorkerResult.Metric m) {
    List<Double> v = m.values();
    String med = number(Stats.median(v), m.unit());
    if (v.size() == 1) {
      return med;
    }
    return med + " (" + number(Stats.min(v), m.unit()) + "–" + number(Stats.max(v), m.unit()) + ")";
  }

  static String number(double v, String unit) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (unit.equals("rows/s")) {
      return String.format(Locale.ROOT, "%.2f M", v / 1e6);
    }
    if (unit.equals("count")) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String duration(double seconds) {
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
  }
}
