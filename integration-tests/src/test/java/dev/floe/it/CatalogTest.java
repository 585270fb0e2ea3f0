package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.NoSuchTableException;
import dev.floe.io.FileInfo;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage-only catalog's life cycle of tables; run on local disk and on S3 by the subclasses. */
abstract class CatalogTest {
  abstract Warehouse warehouse();

  @Test
  void tablesAreCreatedListedLoadedAndDropped() {
    TableIdentifier a = TableIdentifier.parse("db.a");
    TableIdentifier b = TableIdentifier.parse("db.b");
    try (StorageCatalog catalog = warehouse().open()) {
      Table table = catalog.createTable(a, Events.SCHEMA, PartitionSpec.parse(Events.SCHEMA, "bucket(4, id)"), Map.of());
      catalog.createTable(b, Events.SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      assertThatThrownBy(() -> catalog.createTable(a, Events.SCHEMA, PartitionSpec.unpartitioned(), Map.of()))
          .isInstanceOf(AlreadyExistsException.class);
      for (int c = 0; c < 3; c++) {
        table.newAppend().appendRecords(Events.rows(c * 100, (c + 1) * 100)).commit();
      }
      assertThat(catalog.listTables(List.of("db"))).containsExactly(a, b);
      assertThat(catalog.loadTable(a).newScan().count()).isEqualTo(300);

      List<FileInfo> dataOfA = catalog.io().list(catalog.tableLocation(a) + "/data");
      assertThat(dataOfA).isNotEmpty();
      assertThat(catalog.dropTable(a, false)).isTrue();
      assertThat(catalog.tableExists(a)).isFalse();
      assertThatThrownBy(() -> catalog.loadTable(a)).isInstanceOf(NoSuchTableException.class);
      assertThat(catalog.io().list(catalog.tableLocation(a) + "/data")).as("data kept without purge")
          .hasSameSizeAs(dataOfA);

      assertThat(catalog.dropTable(b, true)).isTrue();
      assertThat(catalog.io().list(catalog.tableLocation(b))).isEmpty();
      assertThat(catalog.dropTable(b, true)).isFalse();
      assertThat(catalog.listTables(List.of("db"))).isEmpty();
    }
  }
}
