package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.table.Table;
import dev.floe.types.Types;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ALTER TABLE ... COLUMN through Floe's schema evolution (by field id, no file rewritten), and
 * time travel by tag and to a snapshot of an older schema.
 */
class SparkEvolutionTest extends SparkTestBase {

  @BeforeEach
  void table() {
    sql("CREATE NAMESPACE IF NOT EXISTS floe.%s", ns);
    sql("DROP TABLE IF EXISTS %s", t("people"));
    sql("CREATE TABLE %s (id BIGINT NOT NULL, name STRING, age INT, address STRUCT<city: STRING>) USING floe"
        + " PARTITIONED BY (bucket(4, id))", t("people"));
    sql("INSERT INTO %s VALUES (1, 'ann', 30, named_struct('city', 'Oslo')), (2, 'bob', 40, null)", t("people"));
  }

  @Test
  void addRenameDropAndWidenColumnsKeepOldFilesReadable() {
    List<String> filesBefore = dataFiles(floeTable("people"));
    sql("ALTER TABLE %s ADD COLUMN email STRING COMMENT 'contact' AFTER name", t("people"));
    sql("ALTER TABLE %s ADD COLUMN address.zip INT", t("people"));
    sql("ALTER TABLE %s RENAME COLUMN name TO full_name", t("people"));
    sql("ALTER TABLE %s ALTER COLUMN age TYPE BIGINT", t("people"));
    sql("INSERT INTO %s VALUES (3, 'cid', 'c@x', 50, named_struct('city', 'Rome', 'zip', 100))", t("people"));
    sql("ALTER TABLE %s DROP COLUMN email", t("people"));

    Table table = floeTable("people");
    assertThat(table.schema().columns()).extracting(f -> f.name()).containsExactly("id", "full_name", "age", "address");
    assertThat(table.schema().field("age").type()).isEqualTo(Types.LONG);
    assertThat(dataFiles(table)).containsAll(filesBefore); // nothing rewritten
    List<Row> rows = sql("SELECT id, full_name, age, address.city, address.zip FROM %s ORDER BY id", t("people"));
    assertThat(rows.toString()).isEqualTo("[[1,ann,30,Oslo,null], [2,bob,40,null,null], [3,cid,50,Rome,100]]");
    assertThat(sql("SELECT count(*) FROM %s WHERE full_name = 'ann'", t("people")).get(0).getLong(0)).isEqualTo(1);
  }

  @Test
  void timeTravelShowsTheSchemaOfTheSnapshotAndTagsAreVersions() {
    Table table = floeTable("people");
    long before = table.currentSnapshot().orElseThrow().snapshotId();
    table.manageSnapshots().createTag("v1", before).commit();
    sql("ALTER TABLE %s ADD COLUMN email STRING", t("people"));
    sql("INSERT INTO %s VALUES (3, 'cid', 30, null, 'c@x')", t("people"));

    List<Row> old = sql("SELECT * FROM %s VERSION AS OF 'v1' ORDER BY id", t("people"));
    assertThat(old).hasSize(2);
    assertThat(old.get(0).schema().fieldNames()).containsExactly("id", "name", "age", "address");
    assertThat(sql("SELECT * FROM %s VERSION AS OF %d", t("people"), before)).hasSize(2);
    assertThat(sql("SELECT email FROM %s WHERE id = 3", t("people")).get(0).getString(0)).isEqualTo("c@x");
  }

  @Test
  void changesFloeRefusesAreAnalysisErrorsAndChangeNothing() {
    int schemaId = floeTable("people").schema().schemaId();
    assertThatThrownBy(() -> sql("ALTER TABLE %s ADD COLUMN code STRING NOT NULL", t("people")))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("code");
    assertThatThrownBy(() -> sql("ALTER TABLE %s DROP COLUMN id", t("people")))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> sql("ALTER TABLE %s ALTER COLUMN name TYPE INT", t("people")))
        .isInstanceOf(AnalysisException.class);
    assertThat(floeTable("people").schema().schemaId()).isEqualTo(schemaId);
  }
}
