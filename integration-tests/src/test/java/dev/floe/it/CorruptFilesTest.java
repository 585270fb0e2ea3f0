package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NoSuchTableException;
import dev.floe.expressions.Expressions;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files and bad requests give typed errors and never change the table. */
class CorruptFilesTest {
  @TempDir Path dir;

  private Table twoCommits(StorageCatalog catalog) {
    Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA, PartitionSpec.unpartitioned(), Map.of());
    table.newAppend().appendRecords(Events.rows(0, 10)).commit();
    table.newAppend().appendRecords(Events.rows(10, 20)).commit();
    return table;
  }

  @Test
  void truncatedMetadataFileIsACorruptFileError() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      twoCommits(catalog);
      Path latest = dir.resolve("db/t/metadata/v3.metadata.json");
      byte[] bytes = Files.readAllBytes(latest);
      Files.write(latest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      assertThatThrownBy(() -> catalog.loadTable(TableIdentifier.parse("db.t")))
          .isInstanceOf(CorruptFileException.class).hasMessageContaining("v3.metadata.json");
    }
  }

  @Test
  void corruptManifestListIsACorruptFileErrorAndOlderSnapshotsStayReadable() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = twoCommits(catalog);
      String list = table.currentSnapshot().orElseThrow().manifestList();
      Files.writeString(Path.of(list.replaceFirst("^file:", "")), "{\"format\": \"floe-manifest-list\", \"manif");
      assertThatThrownBy(() -> table.newScan().planFiles()).isInstanceOf(CorruptFileException.class)
          .hasMessageContaining(list);
      long first = table.snapshots().get(0).snapshotId();
      assertThat(table.newScan().useSnapshot(first).count()).isEqualTo(10);
    }
  }

  @Test
  void badRequestsAreTypedAndChangeNothing() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = twoCommits(catalog);
      assertThatThrownBy(() -> table.newScan().filter(Expressions.equal("nope", 1)))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
      assertThatThrownBy(() -> table.newScan().filter(Expressions.equal("id", "abc")))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("id");
      assertThatThrownBy(() -> table.newAppend().appendRecords(java.util.List.of(
          Events.row(100).with("id", null))).commit())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("id");
      assertThatThrownBy(() -> catalog.loadTable(TableIdentifier.parse("db.missing")))
          .isInstanceOf(NoSuchTableException.class);
      assertThatThrownBy(() -> TableIdentifier.parse("../etc.passwd")).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> table.updateProperties().set("floe.history.location", "/tmp/x").commit())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("managed by Floe");
      assertThatThrownBy(() -> table.updateProperties().remove("floe.format-version").commit())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("managed by Floe");
      Table reloaded = catalog.loadTable(TableIdentifier.parse("db.t"));
      assertThat(reloaded.snapshots()).hasSize(2);
      assertThat(reloaded.newScan().count()).isEqualTo(20);
      long dataFiles = reloaded.io().list(reloaded.location() + "/data/").stream()
          .filter(f -> f.location().endsWith(".parquet")).count();
      assertThat(dataFiles).as("the failed append left no data file").isEqualTo(2);
    }
  }
}
