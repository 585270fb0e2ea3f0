package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.metadata.Snapshot;
import dev.floe.table.Table;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DELETE FROM and INSERT OVERWRITE through Floe's row-level operations: whole files dropped from
 * the metadata alone, partly matching files rewritten, static and dynamic overwrites; the rows
 * left agree between Spark, Floe and DuckDB.
 */
class SparkRowLevelTest extends SparkTestBase {

  @BeforeEach
  void table() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
    sql("DROP TABLE IF EXISTS %s", t("orders"));
    sql("CREATE TABLE %s (id BIGINT NOT NULL, category STRING, amount DOUBLE) USING floe PARTITIONED BY (category)",
        t("orders"));
    // two commits; each task writes one file per category (a, b, c)
    sql("INSERT INTO %s SELECT id, element_at(array('a', 'b', 'c'), CAST(id %% 3 AS INT) + 1), id * 1.0"
        + " FROM range(0, 300)", t("orders"));
    sql("INSERT INTO %s SELECT id, element_at(array('a', 'b', 'c'), CAST(id %% 3 AS INT) + 1), id * 1.0"
        + " FROM range(300, 600)", t("orders"));
  }

  @AfterEach
  void mode() {
    spark.conf().unset("spark.sql.sources.partitionOverwriteMode");
  }

  private List<Long> ids(String where) {
    return sql("SELECT id FROM %s WHERE %s ORDER BY id", t("orders"), where).stream().map(r -> r.getLong(0)).toList();
  }

  private long count() {
    return sql("SELECT count(*) FROM %s", t("orders")).get(0).getLong(0);
  }

  @Test
  void deleteOfWholePartitionsDropsFilesFromTheMetadataAlone() throws Exception {
    Table before = floeTable("orders");
    List<String> filesBefore = dataFiles(before);
    sql("DELETE FROM %s WHERE category = 'b'", t("orders"));

    Table table = floeTable("orders");
    Snapshot s = table.currentSnapshot().orElseThrow();
    assertThat(s.operation()).isEqualTo("delete");
    assertThat(s.summaryLong("added-data-files")).isZero();
    List<String> bFiles = filesBefore.stream().filter(f -> f.contains("/category=b/")).toList();
    assertThat(bFiles).isNotEmpty();
    assertThat(s.summaryLong("deleted-data-files")).isEqualTo(bFiles.size());
    // nothing rewritten: the other files are the same files
    assertThat(dataFiles(table)).hasSize(filesBefore.size() - bFiles.size()).allMatch(filesBefore::contains);
    assertThat(count()).isEqualTo(400);
    assertThat(ids("category = 'b'")).isEmpty();
    assertThat(duckdb(table, "SELECT count(*), count(*) FILTER (WHERE category = 'b') FROM FILES").get(0))
        .containsExactly(400L, 0L);
  }

  @Test
  void deleteOfSomeRowsRewritesOnlyTheFilesThatHoldThem() throws Exception {
    sql("DELETE FROM %s WHERE id >= 100 AND id < 150", t("orders"));

    Table table = floeTable("orders");
    Snapshot s = table.currentSnapshot().orElseThrow();
    // only files holding ids 100..149 (one task's files of the first commit) are rewritten
    assertThat(s.summaryLong("deleted-data-files")).isEqualTo(3);
    assertThat(s.summaryLong("added-data-files")).isEqualTo(3);
    assertThat(count()).isEqualTo(550);
    assertThat(ids("id >= 90 AND id < 160")).hasSize(20).noneMatch(id -> id >= 100 && id < 150);
    List<Object> duck = duckdb(table, "SELECT count(*), sum(id) FROM FILES").get(0);
    long expectedSum = 599L * 600 / 2 - (100 + 149) * 50 / 2;
    assertThat(duck.get(0)).isEqualTo(550L);
    assertThat(((Number) duck.get(1)).longValue()).isEqualTo(expectedSum);
    assertThat(floeRows(table)).hasSize(550);
  }

  @Test
  void deleteWithAConditionFloeCannotEvaluateExactlyIsRefusedAndChangesNothing() {
    long snapshots = floeTable("orders").snapshots().size();
    assertThatThrownBy(() -> sql("DELETE FROM %s WHERE amount > 10.5", t("orders")))
        .isInstanceOf(AnalysisException.class);
    assertThatThrownBy(() -> sql("DELETE FROM %s WHERE lower(category) = 'a'", t("orders")))
        .isInstanceOf(AnalysisException.class);
    assertThat(floeTable("orders").snapshots()).hasSize((int) snapshots);
    assertThat(count()).isEqualTo(600);
  }

  @Test
  void insertOverwriteReplacesTheWholeTableByDefault() {
    sql("INSERT OVERWRITE %s SELECT id, 'z', 0.0 FROM range(0, 10)", t("orders"));
    assertThat(count()).isEqualTo(10);
    assertThat(sql("SELECT DISTINCT category FROM %s", t("orders"))).extracting(r -> r.getString(0))
        .containsExactly("z");
    assertThat(floeTable("orders").currentSnapshot().orElseThrow().operation()).isEqualTo("overwrite");
  }

  @Test
  void insertOverwriteOfAStaticPartitionReplacesOnlyIt() {
    sql("INSERT OVERWRITE %s PARTITION (category = 'a') SELECT id, -1.0 FROM range(1000, 1005)", t("orders"));
    assertThat(ids("category = 'a'")).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
    assertThat(ids("category = 'b'")).hasSize(200);
    assertThat(count()).isEqualTo(405);
  }

  @Test
  void dynamicOverwriteReplacesThePartitionsTheNewRowsFallIn() throws Exception {
    spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    sql("INSERT OVERWRITE %s SELECT id, IF(id %% 2 = 0, 'a', 'd'), 0.0 FROM range(2000, 2010)", t("orders"));

    assertThat(ids("category = 'a'")).containsExactly(2000L, 2002L, 2004L, 2006L, 2008L);
    assertThat(ids("category = 'd'")).containsExactly(2001L, 2003L, 2005L, 2007L, 2009L);
    assertThat(ids("category = 'b'")).hasSize(200);
    assertThat(ids("category = 'c'")).hasSize(200);
    List<Row> perCategory = sql("SELECT category, count(*) FROM %s GROUP BY category ORDER BY category",
        t("orders"));
    assertThat(perCategory.toString()).isEqualTo("[[a,5], [b,200], [c,200], [d,5]]");
    assertThat(duckdb(floeTable("orders"), "SELECT count(*) FROM FILES").get(0).get(0)).isEqualTo(410L);
  }
}
