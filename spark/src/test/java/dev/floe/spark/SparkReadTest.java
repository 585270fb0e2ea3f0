package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads through Spark agree with Floe's own scans and with DuckDB over the same files, with and
 * without pushed filters, row-group splits and the columnar path.
 */
class SparkReadTest extends SparkTestBase {
  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE),
      NestedField.optional(5, "day", Types.DATE),
      NestedField.optional(6, "price", Types.decimal(9, 2)));
  static final int FILES = 5;
  static final int ROWS_PER_FILE = 200;
  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);

  @BeforeAll
  static void writeTables() {
    String ns = "sparkreadtest";
    Table events = floe.createTable(TableIdentifier.parse(ns + ".events"), SCHEMA, PartitionSpec.unpartitioned(),
        Map.of());
    for (int f = 0; f < FILES; f++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        long id = (long) f * ROWS_PER_FILE + i;
        rows.add(Record.of(SCHEMA.asStruct(), id, T0.plusMinutes(id), id % 7 == 0 ? null : "cat-" + (id % 10),
            (id * 37 % 1000) / 10.0, LocalDate.of(2026, 1, 1).plusDays(id % 30),
            BigDecimal.valueOf(id * 13 % 10000, 2)));
      }
      events.newAppend().appendRecords(rows).commit(); // one file per commit, disjoint id ranges
    }
    // many row groups in one file: tiny row groups, so splits have something to split
    Table big = floe.createTable(TableIdentifier.parse(ns + ".big"), SCHEMA, PartitionSpec.unpartitioned(),
        Map.of("write.parquet.row-group-size-bytes", "4096", "read.split.target-size", "8192"));
    List<Record> rows = new ArrayList<>();
    for (long id = 0; id < 20_000; id++) {
      rows.add(Record.of(SCHEMA.asStruct(), id, T0.plusSeconds(id), "c" + (id % 3), (double) id,
          LocalDate.of(2026, 1, 1), BigDecimal.valueOf(id, 2)));
    }
    big.newAppend().appendRecords(rows).commit();
  }

  @Test
  void fullScanAgreesWithFloeAndDuckDb() throws Exception {
    List<Row> spark = sql("SELECT id, ts, category, amount, day, price FROM %s ORDER BY id", t("events"));
    Table table = floeTable("events");
    List<Record> floeRows = floeRows(table);
    floeRows.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));

    assertThat(spark).hasSize(FILES * ROWS_PER_FILE);
    for (int i = 0; i < spark.size(); i++) {
      Row s = spark.get(i);
      Record f = floeRows.get(i);
      assertThat(s.getLong(0)).isEqualTo(f.get(0));
      assertThat(s.get(1)).isEqualTo(f.get(1));
      assertThat(s.get(2)).isEqualTo(f.get(2));
      assertThat(s.get(3)).isEqualTo(f.get(3));
      assertThat(s.get(4)).isEqualTo(f.get(4));
      assertThat(s.getDecimal(5)).isEqualByComparingTo((BigDecimal) f.get(5));
    }
    List<List<Object>> duck = duckdb(table, "SELECT count(*), sum(id), count(category), sum(amount),"
        + " sum(price) FROM FILES");
    Row agg = sql("SELECT count(*), sum(id), count(category), sum(amount), sum(price) FROM %s", t("events")).get(0);
    assertThat(agg.getLong(0)).isEqualTo(((Number) duck.get(0).get(0)).longValue());
    assertThat(agg.getLong(1)).isEqualTo(((Number) duck.get(0).get(1)).longValue());
    assertThat(agg.getLong(2)).isEqualTo(((Number) duck.get(0).get(2)).longValue());
    assertThat(agg.getDouble(3)).isCloseTo(((Number) duck.get(0).get(3)).doubleValue(),
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(agg.getDecimal(4)).isEqualByComparingTo((BigDecimal) duck.get(0).get(4));
  }

  @Test
  void pushedFiltersPruneFilesAndFloeFiltersTheRows() throws Exception {
    Dataset<Row> df = spark.sql("SELECT id, category FROM " + t("events")
        + " WHERE id >= 250 AND id < 300 AND category = 'cat-3'");

    assertThat(df.rdd().getNumPartitions()).isEqualTo(1); // one file of five holds ids 200..399
    String plan = df.queryExecution().executedPlan().toString();
    assertThat(plan).doesNotContain("Filter "); // Floe evaluated every predicate itself
    List<Long> ids = df.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
    List<Long> expected = new ArrayList<>();
    for (long id = 250; id < 300; id++) {
      if (id % 7 != 0 && id % 10 == 3) {
        expected.add(id);
      }
    }
    assertThat(ids).isEqualTo(expected);
    assertThat(duckdb(floeTable("events"), "SELECT count(*) FROM FILES WHERE id >= 250 AND id < 300"
        + " AND category = 'cat-3'").get(0).get(0)).isEqualTo((long) expected.size());
  }

  @Test
  void filtersFloeDoesNotTakeStayInSparkAndRowsAreStillRight() {
    String q = "SELECT id FROM %s WHERE %s ORDER BY id";
    // the referee: Spark evaluating the same predicates itself over the rows read unfiltered
    spark.table(t("events")).localCheckpoint().createOrReplaceTempView("events_copy");
    for (String where : List.of("amount > 50.5", "category LIKE '%7'", "lower(category) = 'cat-1'",
        "id % 11 = 0", "category IS NULL OR amount < 2", "NOT (category <=> 'cat-2')", "id IN (1, 2, 999, 5000)",
        "day = DATE'2026-01-05' AND price > 10.5", "ts >= TIMESTAMP_NTZ'2026-01-01 10:00:00' AND id < 700")) {
      List<Long> viaFloe = sql(q, t("events"), where).stream().map(r -> r.getLong(0)).toList();
      List<Long> viaSpark = spark.sql(String.format(q, "events_copy", where))
          .collectAsList().stream().map(r -> r.getLong(0)).toList();
      assertThat(viaFloe).as(where).isEqualTo(viaSpark).isNotEmpty();
    }
  }

  @Test
  void nanAndNegativeZeroFollowSparkSemantics() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
    sql("CREATE OR REPLACE TABLE %s (id INT, d DOUBLE, f FLOAT) USING floe", t("floats"));
    sql("INSERT INTO %s VALUES (1, double('NaN'), float('NaN')), (2, -0.0, -0.0), (3, 0.0, 0.0), (4, 5.0, 5.0),"
        + " (5, null, null), (6, double('-Infinity'), float('Infinity'))", t("floats"));
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("d", DataTypes.DoubleType)
        .add("f", DataTypes.FloatType);
    List<Row> same = List.of(RowFactory.create(1, Double.NaN, Float.NaN), RowFactory.create(2, -0.0, -0.0f),
        RowFactory.create(3, 0.0, 0.0f), RowFactory.create(4, 5.0, 5.0f), RowFactory.create(5, null, null),
        RowFactory.create(6, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
    spark.createDataFrame(same, schema).createOrReplaceTempView("floats_ref");
    for (String where : List.of("d > 1", "d = 0", "d <> 5", "NOT (d < 1)", "d = double('NaN')", "f >= 0",
        "d IN (0.0, 5.0)", "isnan(d)", "d IS NOT NULL")) {
      String q = "SELECT id FROM %s WHERE " + where + " ORDER BY id";
      assertThat(sql(q, t("floats"))).as(where).isEqualTo(sql(q, "floats_ref"));
    }
  }

  @Test
  void largeFilesAreSplitByRowGroupAndEveryRowIsReadOnce() {
    Dataset<Row> df = spark.table(t("big"));
    Table big = floeTable("big");
    assertThat(big.newScan().planFiles()).hasSize(1);
    assertThat(big.newScan().planFiles().get(0).file().splitOffsets().size()).isGreaterThan(3);

    assertThat(df.rdd().getNumPartitions()).isGreaterThan(1);
    Row agg = spark.sql("SELECT count(*), count(DISTINCT id), sum(id) FROM " + t("big")).collectAsList().get(0);
    assertThat(agg.getLong(0)).isEqualTo(20_000);
    assertThat(agg.getLong(1)).isEqualTo(20_000);
    assertThat(agg.getLong(2)).isEqualTo(20_000L * 19_999 / 2);
    // a pushed filter with splits: row groups outside the range are skipped, the rest filtered
    assertThat(spark.sql("SELECT count(*), min(id), max(id) FROM " + t("big") + " WHERE id BETWEEN 5000 AND 5999")
        .collectAsList().get(0).toString()).isEqualTo("[1000,5000,5999]");
  }

  @Test
  void columnarAndRowPathsReadTheSame() {
    Dataset<Row> columnar = spark.read().table(t("events"));
    Dataset<Row> rowwise = spark.read().option("columnar", "false").table(t("events"));
    assertThat(columnar.queryExecution().executedPlan().toString()).contains("ColumnarToRow");
    assertThat(rowwise.queryExecution().executedPlan().toString()).doesNotContain("ColumnarToRow");
    assertThat(columnar.orderBy("id").collectAsList()).isEqualTo(rowwise.orderBy("id").collectAsList());
    // without the decimal, every column's values reach Spark's vectors as decoded from the pages
    String[] flat = {"id", "ts", "category", "amount", "day"};
    assertThat(spark.read().table(t("events")).selectExpr(flat).orderBy("id").collectAsList())
        .isEqualTo(rowwise.selectExpr(flat).orderBy("id").collectAsList());
    // and across the row-group splits of one file
    assertThat(sql("SELECT count(*), sum(id), count(DISTINCT ts), min(category), max(amount) FROM %s", t("big"))
        .get(0).toString()).isEqualTo("[20000,199990000,20000,c0,19999.0]");
  }

  @Test
  void statisticsReachTheOptimizer() {
    var stats = spark.table(t("events")).queryExecution().optimizedPlan().stats();
    assertThat(stats.rowCount().isDefined()).isTrue();
    assertThat(stats.rowCount().get().longValue()).isEqualTo(FILES * ROWS_PER_FILE);
    assertThat(stats.sizeInBytes().longValue()).isPositive();
    var filtered = spark.sql("SELECT * FROM " + t("events") + " WHERE id < 100").queryExecution().optimizedPlan()
        .stats();
    assertThat(filtered.rowCount().get().longValue()).isEqualTo(ROWS_PER_FILE); // one file planned
  }

  @Test
  void nestedColumnsRoundTrip() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
    sql("CREATE OR REPLACE TABLE %s (id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, INT>,"
        + " address STRUCT<city: STRING, zip: INT>, at TIMESTAMP, bin BINARY) USING floe", t("nested"));
    sql("INSERT INTO %s VALUES (1, array('a', 'b'), map('x', 1), named_struct('city', 'Oslo', 'zip', 150),"
        + " TIMESTAMP'2026-03-01 12:00:00', X'CAFE'), (2, array(), map(), null, null, null),"
        + " (3, null, map('y', null), named_struct('city', null, 'zip', 9), TIMESTAMP'1969-12-31 23:59:59.5', X'')",
        t("nested"));
    List<Row> rows = sql("SELECT id, tags, attrs, address.city, address.zip, at, bin FROM %s ORDER BY id",
        t("nested"));
    assertThat(rows.get(0).getList(1)).containsExactly("a", "b");
    assertThat(rows.get(0).getJavaMap(2)).containsEntry("x", 1);
    assertThat(rows.get(0).getString(3)).isEqualTo("Oslo");
    assertThat(rows.get(0).get(5).toString()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat((byte[]) rows.get(0).get(6)).containsExactly((byte) 0xCA, (byte) 0xFE);
    assertThat(rows.get(1).getList(1)).isEmpty();
    assertThat(rows.get(1).isNullAt(3)).isTrue();
    assertThat(rows.get(2).isNullAt(1)).isTrue();
    assertThat(rows.get(2).getJavaMap(2)).containsEntry("y", null);
    assertThat(rows.get(2).get(5).toString()).isEqualTo("1969-12-31T23:59:59.500Z");
    List<Record> floeRows = floeRows(floeTable("nested"));
    assertThat(floeRows).hasSize(3);
    assertThat(sql("SELECT count(*) FROM %s WHERE address.city = 'Oslo'", t("nested")).get(0).getLong(0))
        .isEqualTo(1);
  }
}
