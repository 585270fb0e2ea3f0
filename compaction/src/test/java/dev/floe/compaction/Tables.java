package dev.floe.compaction;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.TableOperations;
import dev.floe.data.Record;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.TableMetadataBuilder;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.BaseTable;
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

  /**
   * Switches the table to another partition spec (a test fixture: straight through the table's
   * operations, as the table-format tests do for metadata the public API cannot change yet).
   */
  static void evolveSpec(Table table, String partitionBy) {
    TableOperations ops = ((BaseTable) table).operations();
    TableMetadata base = ops.refresh();
    PartitionSpec parsed = PartitionSpec.parse(base.schema(), partitionBy);
    List<PartitionField> fields = new java.util.ArrayList<>();
    int nextId = base.lastPartitionId() + 1; // partition field ids are never reused
    for (PartitionField f : parsed.fields()) {
      fields.add(new PartitionField(f.sourceId(), nextId++, f.name(), f.transform()));
    }
    PartitionSpec spec = new PartitionSpec(0, fields);
    ops.commit(base, base.toBuilder().addPartitionSpec(spec)
        .setDefaultPartitionSpec(TableMetadataBuilder.LAST_ADDED).build());
    table.refresh();
  }

  /** Gives the table a sort order (same fixture route as {@link #evolveSpec}). */
  static void sortOrder(Table table, SortOrder order) {
    TableOperations ops = ((BaseTable) table).operations();
    TableMetadata base = ops.refresh();
    ops.commit(base, base.toBuilder().addSortOrder(order).setDefaultSortOrder(TableMetadataBuilder.LAST_ADDED).build());
    table.refresh();
  }
}
