package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.data.Record;
import dev.floe.metadata.Snapshot;
import dev.floe.table.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes from Spark land in one Floe snapshot per job, read back the same through Floe and
 * DuckDB; bad input and failed jobs leave the table as it was, with no stray files.
 */
class SparkWriteTest extends SparkTestBase {

  @BeforeEach
  void table() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
    sql("CREATE OR REPLACE TABLE %s (id BIGINT NOT NULL, ts TIMESTAMP_NTZ, category STRING, amount DOUBLE)"
        + " USING floe PARTITIONED BY (days(ts), bucket(4, id))", t("events"));
  }

  @Test
  void insertIntoWritesPartitionedFilesInOneSnapshotPerStatement() throws Exception {
    sql("INSERT INTO %s VALUES (1, TIMESTAMP_NTZ'2026-01-01 10:00:00', 'a', 1.5),"
        + " (2, TIMESTAMP_NTZ'2026-01-02 11:00:00', 'b', 2.5)", t("events"));
    sql("INSERT INTO %s SELECT id, TIMESTAMP_NTZ'2026-01-01 00:00:00' + make_interval(0, 0, 0, 0, id %% 72),"
        + " concat('c', id %% 5), id * 0.5 FROM range(100, 1100)", t("events"));

    Table table = floeTable("events");
    assertThat(table.snapshots()).hasSize(2);
    assertThat(table.snapshots().get(1).summary()).containsKey("spark.query-id");
    List<Record> rows = floeRows(table);
    assertThat(rows).hasSize(1002);
    // partitioned: every file holds one day and one bucket
    assertThat(dataFiles(table)).allMatch(p -> p.contains("ts_day=") && p.contains("id_bucket="));
    List<List<Object>> duck = duckdb(table, "SELECT count(*), sum(id), sum(amount) FROM FILES");
    Row agg = sql("SELECT count(*), sum(id), sum(amount) FROM %s", t("events")).get(0);
    assertThat(agg.getLong(0)).isEqualTo(1002).isEqualTo(((Number) duck.get(0).get(0)).longValue());
    assertThat(agg.getLong(1)).isEqualTo(((Number) duck.get(0).get(1)).longValue());
    assertThat(agg.getDouble(2)).isEqualTo(((Number) duck.get(0).get(2)).doubleValue());
    // hidden partitioning prunes: one day of three
    Dataset<Row> oneDay = spark.sql("SELECT * FROM " + t("events")
        + " WHERE ts >= TIMESTAMP_NTZ'2026-01-02 00:00:00' AND ts < TIMESTAMP_NTZ'2026-01-03 00:00:00'");
    long files = dataFiles(table).size();
    assertThat((long) oneDay.rdd().getNumPartitions()).isLessThan(files);
    assertThat(oneDay.count()).isEqualTo(sql("SELECT * FROM %s WHERE to_date(ts) = DATE'2026-01-02'",
        t("events")).size());
  }

  @Test
  void dataFrameAppendMatchesColumnsByName() throws Exception {
    Dataset<Row> df = spark.sql("SELECT 'x' AS category, id, 2.0 AS amount,"
        + " TIMESTAMP_NTZ'2026-02-01 00:00:00' AS ts FROM range(0, 50)");
    df.writeTo(t("events")).append();
    df.writeTo(t("events")).append();

    assertThat(floeTable("events").snapshots()).hasSize(2);
    assertThat(sql("SELECT count(*), count(DISTINCT id), min(category) FROM %s", t("events")).get(0).toString())
        .isEqualTo("[100,50,x]");
  }

  @Test
  void writesWhoseSchemaDoesNotMatchAreRefusedBeforeAnyFileIsWritten() throws IOException, InterruptedException {
    Dataset<Row> extra = spark.sql("SELECT id, TIMESTAMP_NTZ'2026-02-01 00:00:00' AS ts, 'c' AS category,"
        + " 1.0 AS amount, 'oops' AS surplus FROM range(0, 10)");
    assertThatThrownBy(() -> extra.writeTo(t("events")).append()).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("surplus");
    assertThatThrownBy(() -> sql("INSERT INTO %s VALUES (1, 'a')", t("events")))
        .isInstanceOf(AnalysisException.class);
    assertThatThrownBy(() -> sql("INSERT INTO %s SELECT array(1), null, null, null", t("events")))
        .isInstanceOf(AnalysisException.class);

    assertUntouched();
  }

  @Test
  void aJobThatFailsHalfwayLeavesNoSnapshotAndNoFiles() throws IOException, InterruptedException {
    // two tasks: one finishes and writes its files, the other fails on a row; the job aborts
    assertThatThrownBy(() -> sql("INSERT INTO %s SELECT /*+ REPARTITION(2) */ id,"
        + " TIMESTAMP_NTZ'2026-01-01 00:00:00', CASE WHEN id = 1999 THEN raise_error('boom') ELSE 'ok' END, 1.0"
        + " FROM range(0, 2000)", t("events")))
        .hasStackTraceContaining("boom");
    assertUntouched();
  }

  @Test
  void aNullInARequiredColumnFailsTheJobAndLeavesNoFiles() throws IOException, InterruptedException {
    assertThatThrownBy(() -> sql("INSERT INTO %s SELECT CASE WHEN id > 5 THEN null ELSE id END,"
        + " TIMESTAMP_NTZ'2026-01-01 00:00:00', 'x', 1.0 FROM range(0, 10)", t("events")));

    assertUntouched();
  }

  private void assertUntouched() throws IOException, InterruptedException {
    SharedSpark.awaitNoRunningTasks();
    Table table = floeTable("events");
    assertThat(table.currentSnapshot()).isEmpty();
    Path data = Path.of(table.location(), "data");
    if (Files.exists(data)) {
      try (Stream<Path> files = Files.walk(data)) {
        // no data file and no task record; an aborted job's (empty) abort marker may stay a day
        assertThat(files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".aborted")).toList())
            .isEmpty();
      }
    }
  }

  @Test
  void timeTravelBySnapshotBranchAndTimestamp() throws Exception {
    sql("INSERT INTO %s VALUES (1, TIMESTAMP_NTZ'2026-01-01 00:00:00', 'a', 1.0)", t("events"));
    Table table = floeTable("events");
    Snapshot first = table.currentSnapshot().orElseThrow();
    Thread.sleep(5); // distinct commit timestamps (millisecond clock), not synchronisation
    sql("INSERT INTO %s VALUES (2, TIMESTAMP_NTZ'2026-01-01 00:00:00', 'b', 2.0)", t("events"));
    table.refresh();
    Snapshot second = table.currentSnapshot().orElseThrow();

    assertThat(sql("SELECT id FROM %s VERSION AS OF %d", t("events"), first.snapshotId())).hasSize(1);
    assertThat(sql("SELECT id FROM %s VERSION AS OF %d ORDER BY id", t("events"), second.snapshotId()))
        .hasSize(2);
    assertThat(sql("SELECT id FROM %s VERSION AS OF 'main'", t("events"))).hasSize(2);
    String at = java.time.Instant.ofEpochMilli(first.timestampMs()).toString();
    assertThat(sql("SELECT id FROM %s TIMESTAMP AS OF '%s'", t("events"), at)).hasSize(1);
    assertThat(spark.read().option("snapshot-id", first.snapshotId()).table(t("events")).count()).isEqualTo(1);

    assertThatThrownBy(() -> sql("SELECT * FROM %s VERSION AS OF 12345", t("events")))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("12345").hasMessageContaining("snapshots");
    assertThatThrownBy(() -> sql("SELECT * FROM %s TIMESTAMP AS OF '2001-01-01 00:00:00'", t("events")))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("no snapshot at or before");
    assertThatThrownBy(() -> sql("INSERT INTO %s VERSION AS OF %d VALUES (3, null, null, null)", t("events"),
        first.snapshotId())).isInstanceOf(Exception.class);
  }

  @Test
  void metadataTablesShowSnapshotsHistoryAndFiles() {
    sql("INSERT INTO %s VALUES (1, TIMESTAMP_NTZ'2026-01-01 00:00:00', 'a', 1.0)", t("events"));
    sql("INSERT INTO %s VALUES (2, TIMESTAMP_NTZ'2026-01-02 00:00:00', 'b', 2.0)", t("events"));
    Table table = floeTable("events");

    List<Row> snapshots = sql("SELECT snapshot_id, parent_id, operation, summary['spark.query-id'] IS NOT NULL"
        + " FROM %s.snapshots ORDER BY committed_at", t("events"));
    assertThat(snapshots).hasSize(2);
    assertThat(snapshots.get(0).getLong(0)).isEqualTo(table.snapshots().get(0).snapshotId());
    assertThat(snapshots.get(1).getLong(1)).isEqualTo(snapshots.get(0).getLong(0));
    assertThat(snapshots.get(1).getString(2)).isEqualTo("append");
    assertThat(snapshots.get(1).getBoolean(3)).isTrue();

    List<Row> history = sql("SELECT snapshot_id, is_current_ancestor FROM %s.history", t("events"));
    assertThat(history).hasSize(2).allMatch(r -> r.getBoolean(1));

    List<Row> files = sql("SELECT file_path, record_count, partition, lower_bounds['id'] FROM %s.files"
        + " ORDER BY file_path", t("events"));
    assertThat(files).hasSize(2);
    assertThat(files.stream().map(r -> r.getString(0)).toList()).containsExactlyInAnyOrderElementsOf(dataFiles(table));
    assertThat(files).allMatch(r -> r.getLong(1) == 1 && r.getString(2).startsWith("ts_day=2026-01-0"));
    assertThat(files.stream().map(r -> r.getString(3)).toList()).containsExactlyInAnyOrder("1", "2");
  }
}
