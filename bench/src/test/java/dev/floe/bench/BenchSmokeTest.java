package dev.floe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke run: every implemented workload at tiny scale, in this JVM, for Floe, Iceberg and
 * DuckDB, so the harness cannot rot. Checks that the report is written and that the systems
 * computed the same answers; the speeds themselves are not asserted.
 */
class BenchSmokeTest {
  private static final long TINY_ROWS = Scale.TINY.rows();

  @TempDir
  Path dir;

  @Test
  void everyWorkloadRunsAtTinyScaleAndTheSystemsAgree() throws Exception {
    Bench.Summary summary = Bench.run(Bench.Options.parse("--in-process", "--scale", "tiny", "--reps", "1",
        "--systems", "floe,iceberg-lean,duckdb", "--out", dir.toString()));

    assertThat(summary.failures()).isEmpty();
    assertThat(summary.checks()).isNotEmpty().noneMatch(c -> c.startsWith("MISMATCH"));
    assertThat(summary.checks()).anyMatch(c -> c.startsWith("OK W2 floe and iceberg-lean agree"));

    // answers known without the code under test: ids 0..N-1 once each
    assertThat(fact(summary, "W2", "floe", "rows")).isEqualTo(Long.toString(TINY_ROWS));
    assertThat(fact(summary, "W3", "floe", "sum of id")).isEqualTo(Long.toString(TINY_ROWS * (TINY_ROWS - 1) / 2));
    assertThat(fact(summary, "W3", "iceberg-lean", "sum of id")).isEqualTo(Long.toString(TINY_ROWS * (TINY_ROWS - 1) / 2));
    assertThat(fact(summary, "W7", "iceberg-lean", "rows found")).isEqualTo(Integer.toString(Scale.TINY.lookups()));
    assertThat(fact(summary, "W6", "floe", "1,000 files, 1% id filter: files planned")).isEqualTo("10");
    assertThat(fact(summary, "W6", "iceberg-lean", "1,000 files, 1% id filter: files planned")).isEqualTo("10");
    for (String system : List.of("floe", "iceberg-lean")) {
      assertThat(metric(summary, "W5", system, "lost commits")).containsOnly(0.0);
      assertThat(fact(summary, "W4", system, "snapshots after 60 commits")).isEqualTo("60");
    }

    // W8: the same rows before and after compaction, on both systems; Floe's sort keeps id lookups to one file
    assertThat(summary.checks()).anyMatch(c -> c.startsWith("OK W8 floe and iceberg-lean agree"));
    assertThat(fact(summary, "W8", "floe", "rows")).isEqualTo(Long.toString(TINY_ROWS));
    assertThat(fact(summary, "W8", "floe", "sum of id after")).isEqualTo(Long.toString(TINY_ROWS * (TINY_ROWS - 1) / 2));
    assertThat(Long.parseLong(fact(summary, "W8", "floe", "files after")))
        .isLessThan(Long.parseLong(fact(summary, "W8", "floe", "files before")));
    assertThat(fact(summary, "W8", "floe", "files per id lookup after sort by id")).isEqualTo("1.00");
    assertThat(metric(summary, "W8", "iceberg-lean", "compaction rows/s")).hasSize(1);

    String report = Files.readString(summary.report());
    for (String w : List.of("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8")) {
      assertThat(report).contains("## " + w + " ");
    }
    assertThat(report).contains("| Floe |", "Iceberg (lean ops)", "DuckDB (1 thread)", "Floe / Iceberg",
        "bench/run --in-process --scale tiny", "## Machine", "cores");
    String svg = Files.readString(dir.resolve(Report.CHART));
    assertThat(svg).startsWith("<svg").contains("<polyline", "Floe", "Iceberg (lean ops)").endsWith("</svg>\n");
  }

  @Test
  void hadoopTablesCommitsAreCountedInTheTable() throws Exception {
    WorkerResult r = Workloads.run(new Task("W4", "iceberg-hadoop", Scale.TINY, 1, dir, Map.of()));

    assertThat(r.facts).containsEntry("snapshots after 30 commits", "30");
    assertThat(r.series).hasSize(1);
    assertThat(r.series.get(0).values()).hasSize(30);
    assertThat(java.util.Arrays.stream(r.series.get(0).values()).min().orElseThrow()).isPositive();
  }

  @Test
  void theGeneratorIsDeterministicAndShapedAsSpecified() {
    RowGenerator a = new RowGenerator();
    RowGenerator b = new RowGenerator();
    for (int i = 0; i < 1_000; i++) {
      a.next();
      b.next();
      assertThat(a.id).isEqualTo(i);
      assertThat(a.ts).isEqualTo(RowGenerator.START.plusSeconds(i));
      assertThat(a.category).matches("cat-\\d\\d").isEqualTo(b.category);
      assertThat(a.amount).isBetween(0.0, 999.9999999).isEqualTo(b.amount);
      assertThat(a.payload).matches("[a-z]{20}").isEqualTo(b.payload);
    }
  }

  @Test
  void unknownWorkloadsAndScalesAreRefused() {
    assertThatThrownBy(() -> Bench.Options.parse("--workloads", "W9"))
        .isInstanceOf(BenchException.class).hasMessageContaining("W9 is not implemented");
    assertThatThrownBy(() -> Bench.Options.parse("--scale", "huge")).isInstanceOf(BenchException.class);
    assertThat(Bench.Options.parse("--workloads", "all").workloads()).containsExactlyElementsOf(Bench.IMPLEMENTED);
  }

  @Test
  void tasksSurviveTheTripThroughAChildJvmsArguments() {
    Task t = new Task("W6", "iceberg-lean-pool", Scale.SMALL, 5, dir, Map.of("phase", "plan", "size", "1000"));

    assertThat(Task.fromArgs(t.toArgs())).isEqualTo(t);
  }

  private static String fact(Bench.Summary s, String workload, String system, String key) {
    return result(s, workload, system).facts.get(key);
  }

  private static List<Double> metric(Bench.Summary s, String workload, String system, String prefix) {
    return result(s, workload, system).metrics.stream().filter(m -> m.name().startsWith(prefix)).findFirst()
        .orElseThrow().values();
  }

  private static WorkerResult result(Bench.Summary s, String workload, String system) {
    return s.results().stream().filter(r -> r.workload.equals(workload) && r.system.equals(system)).findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + workload + " " + system));
  }
}
