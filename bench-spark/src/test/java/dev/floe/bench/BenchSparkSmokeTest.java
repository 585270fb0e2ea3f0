package dev.floe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke run of W1-W3 through Spark on Floe and on Iceberg, at tiny scale in this JVM: the
 * harness runs, both connectors compute the same answers, and the report shows the Spark ratio.
 */
class BenchSparkSmokeTest {
  @TempDir
  Path dir;

  @Test
  void w1ToW3RunThroughSparkOnBothFormatsAndAgree() throws Exception {
    Bench.Summary summary = Bench.run(Bench.Options.parse("--in-process", "--scale", "tiny", "--reps", "1",
        "--workloads", "W1,W2,W3", "--systems", "spark", "--out", dir.toString()));

    assertThat(summary.failures()).isEmpty();
    assertThat(summary.checks()).noneMatch(c -> c.startsWith("MISMATCH"))
        .anyMatch(c -> c.startsWith("OK W2 spark-floe and spark-iceberg agree"))
        .anyMatch(c -> c.startsWith("OK W3 spark-floe and spark-iceberg agree"));
    long n = Scale.TINY.rows();
    WorkerResult w3 = summary.results().stream()
        .filter(r -> r.workload.equals("W3") && r.system.equals(Workloads.SPARK_FLOE)).findFirst().orElseThrow();
    assertThat(w3.facts).containsEntry("rows", Long.toString(n)).containsEntry("sum of id", Long.toString(n * (n - 1) / 2));
    WorkerResult w1 = summary.results().stream()
        .filter(r -> r.workload.equals("W1") && r.system.equals(Workloads.SPARK_FLOE)).findFirst().orElseThrow();
    assertThat(w1.facts).containsEntry("files", Integer.toString(Scale.TINY.files()));

    String report = Files.readString(summary.report());
    assertThat(report).contains("Spark on Floe", "Spark on Iceberg", "Spark: Floe / Iceberg", Workloads.SPARK_W1,
        Workloads.SPARK_W2, Workloads.SPARK_W3);
  }
}
