package dev.floe.compaction;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Tables on a real local disk for the compaction tests. */
final class Tables {
  private Tables() {}

  static final TableIdentifier ID = TableIdentifier.parse("db.wide");

  static StorageCatalog catalog(Path dir) {
    return StorageCatalog.open(dir.toString(), Map.of());
  }

  static Table create(StorageCatalog catalog, String partitionBy, Map<String, String> properties) {
    return catalog.createTable(ID, WideRows.SCHEMA, PartitionSpec.parse(WideRows.SCHEMA, partitionBy), properties);
  }

  /** {@code commits} appends of {@code rowsPerCommit} rows each, ids 0.. in order. */
  static void appendCommits(Table table, int commits, int rowsPerCommit) {
    for (int c = 0; c < commits; c++) {
      List<Record> rows = WideRows.rows((long) c * rowsPerCommit, (long) (c + 1) * rowsPerCommit);
      table.newAppend().appendRecords(rows).commit();
    }
  }

  /** Switches the table to another partition spec (partition evolution). */
  static void evolveSpec(Table table, String partitionBy) {
    table.updateSpec().replaceWith(partitionBy).commit();
    table.refresh();
  }

  /** Gives the table a sort order, in its text form. */
  static void sortOrder(Table table, String order) {
    table.replaceSortOrder().terms(order).commit();
    table.refresh();
  }
}
