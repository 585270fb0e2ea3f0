package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured Streaming from a Floe table into a Floe table: the source reads each new snapshot's
 * appended rows, the sink commits each micro-batch once, and a query restarted from its
 * checkpoint, even one that died after the sink committed but before Spark recorded the batch,
 * writes every row exactly once.
 */
class SparkStreamingTest extends SparkTestBase {
  static final Schema SCHEMA = Schema.of(NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "batch", Types.INT), NestedField.optional(3, "note", Types.STRING));

  @TempDir
  Path checkpoints;
  Table source;
  int appended;

  @BeforeEach
  void tables() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
    sql("DROP TABLE IF EXISTS %s", t("src"));
    sql("DROP TABLE IF EXISTS %s", t("dst"));
    source = floe.createTable(TableIdentifier.parse(ns + ".src"), SCHEMA, PartitionSpec.unpartitioned(), Map.of());
    sql("CREATE TABLE %s (id BIGINT NOT NULL, batch INT, note STRING) USING floe", t("dst"));
    appended = 0;
  }

  /** One snapshot of {@code rows} new rows in the source; ids continue from the last call. */
  private void appendToSource(int rows) {
    List<Record> batch = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      batch.add(Record.of(SCHEMA.asStruct(), (long) appended++, appended / 100, "row " + appended));
    }
    source.newAppend().appendRecords(batch).commit();
  }

  private StreamingQuery start(Path checkpoint) throws Exception {
    return spark.readStream().option("max-snapshots-per-batch", "1").table(t("src"))
        .writeStream().option("checkpointLocation", checkpoint.toString()).toTable(t("dst"));
  }

  private void runToEnd(Path checkpoint) throws Exception {
    StreamingQuery q = start(checkpoint);
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(q.exception().isEmpty()).as("query failed: %s", q.exception()).isTrue();
  }

  @Test
  void everyRowArrivesExactlyOnceAcrossRestartsAndReplays() throws Exception {
    Path checkpoint = checkpoints.resolve("q1");
    for (int i = 0; i < 3; i++) {
      appendToSource(100);
    }
    runToEnd(checkpoint);
    assertExactlyOnce(300);
    Table dst = floeTable("dst");
    assertThat(dst.snapshots()).hasSize(3); // one per source snapshot (max-snapshots-per-batch = 1)

    // more data while the query is down; the restart goes on after the last snapshot it read
    appendToSource(50);
    appendToSource(50);
    runToEnd(checkpoint);
    assertExactlyOnce(400);
    dst.refresh();
    int snapshotsBefore = dst.snapshots().size();
    assertThat(snapshotsBefore).isEqualTo(5);

    // the sink committed batch N, then the query died before Spark's commit log recorded it:
    // the restarted query runs batch N again, and Floe's idempotency key makes it a no-op
    Path lastCommit = lastFile(checkpoint.resolve("commits"));
    Files.delete(lastCommit);
    Files.deleteIfExists(lastCommit.resolveSibling("." + lastCommit.getFileName() + ".crc"));
    runToEnd(checkpoint);
    assertExactlyOnce(400);
    dst.refresh();
    assertThat(dst.snapshots()).hasSize(snapshotsBefore);
    assertNoStrayFiles(dst);

    // and it still goes on with new data afterwards
    appendToSource(25);
    runToEnd(checkpoint);
    assertExactlyOnce(425);
  }

  @Test
  void sinkKeysAreTheQueryIdAndBatchId() throws Exception {
    appendToSource(10);
    StreamingQuery q = start(checkpoints.resolve("q2"));
    try {
      q.processAllAvailable();
      Table dst = floeTable("dst");
      Snapshot s = dst.currentSnapshot().orElseThrow();
      assertThat(s.summary()).containsEntry("spark.query-id", q.id().toString()).containsEntry("spark.batch-id", "0");
      // the source's offset is the source snapshot it read up to
      String end = q.lastProgress().sources()[0].endOffset();
      assertThat(end).isEqualTo("{\"snapshot-id\":" + source.currentSnapshot().orElseThrow().snapshotId() + "}");
    } finally {
      q.stop();
    }
  }

  @Test
  void streamFromASnapshotReadsOnlyLaterAppends() throws Exception {
    appendToSource(100);
    long first = source.currentSnapshot().orElseThrow().snapshotId();
    appendToSource(30);
    StreamingQuery q = spark.readStream().option("stream-from-snapshot-id", first).table(t("src"))
        .writeStream().option("checkpointLocation", checkpoints.resolve("q3").toString()).toTable(t("dst"));
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    List<Row> rows = sql("SELECT min(id), max(id), count(*) FROM %s", t("dst"));
    assertThat(rows.get(0).toString()).isEqualTo("[100,129,30]");
  }

  private void assertExactlyOnce(int expected) {
    List<Row> rows = sql("SELECT id FROM %s", t("dst"));
    Set<Long> ids = new HashSet<>();
    for (Row r : rows) {
      assertThat(ids.add(r.getLong(0))).as("id %d arrived twice", r.getLong(0)).isTrue();
    }
    assertThat(ids).hasSize(expected);
    for (long id = 0; id < expected; id++) {
      assertThat(ids).contains(id);
    }
  }

  private static void assertNoStrayFiles(Table table) throws IOException {
    Set<String> referenced = new HashSet<>(dataFiles(table));
    try (Stream<Path> files = Files.walk(Path.of(table.location(), "data"))) {
      assertThat(files.filter(Files::isRegularFile).map(Path::toString).toList())
          .containsExactlyInAnyOrderElementsOf(referenced);
    }
  }

  private static Path lastFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString()))).orElseThrow();
    }
  }
}
