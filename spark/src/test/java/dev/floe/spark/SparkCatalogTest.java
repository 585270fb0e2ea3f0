package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.partition.PartitionField;
import dev.floe.partition.Transforms;
import dev.floe.table.Table;
import dev.floe.types.Types;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DDL through the catalog plugin, checked against the Floe metadata it writes. */
class SparkCatalogTest extends SparkTestBase {

  @BeforeEach
  void namespace() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
  }

  @Test
  void createTableMapsColumnsTypesAndPartitionTransforms() {
    sql("CREATE TABLE %s (id BIGINT NOT NULL, ts TIMESTAMP_NTZ, at TIMESTAMP, category STRING COMMENT 'kind',"
        + " amount DECIMAL(9,2), day DATE, flag BOOLEAN, score DOUBLE, tags ARRAY<STRING>,"
        + " attrs MAP<STRING, INT>, address STRUCT<city: STRING, zip: INT>)"
        + " USING floe PARTITIONED BY (days(ts), bucket(16, id))", t("events"));

    Table table = floeTable("events");
    assertThat(table.schema().field("id").required()).isTrue();
    assertThat(table.schema().field("id").id()).isEqualTo(1);
    assertThat(table.schema().field("ts").type()).isEqualTo(Types.TIMESTAMP);
    assertThat(table.schema().field("at").type()).isEqualTo(Types.TIMESTAMPTZ);
    assertThat(table.schema().field("amount").type()).isEqualTo(Types.decimal(9, 2));
    assertThat(table.schema().field("category").doc()).contains("kind");
    assertThat(table.schema().field("address.city").type()).isEqualTo(Types.STRING);
    List<PartitionField> spec = table.spec().fields();
    assertThat(spec).hasSize(2);
    assertThat(spec.get(0).transform()).isEqualTo(Transforms.day());
    assertThat(spec.get(0).sourceId()).isEqualTo(table.schema().field("ts").id());
    assertThat(spec.get(1).transform()).isEqualTo(Transforms.bucket(16));
    assertThat(spec.get(1).sourceId()).isEqualTo(1);

    String described = sql("DESCRIBE TABLE %s", t("events")).stream().map(Row::toString)
        .collect(Collectors.joining("\n"));
    assertThat(described).contains("[id,bigint,null]", "[ts,timestamp_ntz,null]", "[category,string,kind]",
        "days(ts)", "bucket(16, id)");
  }

  @Test
  void showTablesAndNamespacesAndDrop() {
    sql("CREATE TABLE %s (id BIGINT) USING floe", t("a"));
    sql("CREATE TABLE %s (id BIGINT)", t("b"));
    assertThat(sql("SHOW TABLES IN floe.%s", ns).stream().map(r -> r.getString(1)).toList())
        .contains("a", "b");
    assertThat(sql("SHOW NAMESPACES IN floe").stream().map(r -> r.getString(0)).toList()).contains(ns);

    sql("DROP TABLE %s", t("a"));
    assertThat(floe.tableExists(dev.floe.catalog.TableIdentifier.parse(ns + ".a"))).isFalse();
    assertThat(sql("SHOW TABLES IN floe.%s", ns).stream().map(r -> r.getString(1)).toList())
        .doesNotContain("a").contains("b");
  }

  @Test
  void createTableAsSelectWritesTheRowsInOneSnapshot() {
    sql("CREATE TABLE %s USING floe PARTITIONED BY (category) AS SELECT id, CAST(id %% 3 AS STRING) AS category"
        + " FROM range(0, 30)", t("ctas"));

    Table table = floeTable("ctas");
    assertThat(table.snapshots()).hasSize(1);
    assertThat(floeRows(table)).hasSize(30);
    assertThat(table.spec().fields()).hasSize(1);
    assertThat(sql("SELECT count(*), sum(id) FROM %s WHERE category = '1'", t("ctas")).get(0).toString())
        .isEqualTo("[10,145]");
  }

  @Test
  void tablePropertiesAreSetAndRemoved() {
    sql("CREATE TABLE %s (id BIGINT) USING floe TBLPROPERTIES ('write.parquet.compression-codec' = 'zstd')",
        t("props"));
    sql("ALTER TABLE %s SET TBLPROPERTIES ('owner.team' = 'data')", t("props"));
    assertThat(floeTable("props").properties()).containsEntry("owner.team", "data")
        .containsEntry("write.parquet.compression-codec", "zstd");
    sql("ALTER TABLE %s UNSET TBLPROPERTIES ('owner.team')", t("props"));
    assertThat(floeTable("props").properties()).doesNotContainKey("owner.team");
  }

  @Test
  void unsupportedTypesAndTransformsAreAnalysisErrorsNamingTheColumn() {
    assertThatThrownBy(() -> sql("CREATE TABLE %s (id BIGINT, span INTERVAL DAY TO SECOND) USING floe",
        t("bad_type")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("span")
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> sql("CREATE TABLE %s (id BIGINT, name STRING) USING floe PARTITIONED BY (days(name))",
        t("bad_transform")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> sql("CREATE TABLE %s (id BIGINT) USING parquet", t("bad_provider")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("USING floe");
    assertThat(floe.listTables(List.of(ns)).stream().map(id -> id.name()).toList())
        .doesNotContain("bad_type", "bad_transform", "bad_provider");
  }
}
