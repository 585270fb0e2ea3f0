package dev.floe.table;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-memory tables for the operation tests: a small orders schema and helpers to read rows back. */
final class TestTables {
  private TestTables() {}

  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "category", Types.STRING),
      NestedField.optional(3, "amount", Types.DOUBLE));

  static Table create(InMemoryFileIO io, String partitioning, Map<String, String> properties) {
    String wh = "mem://wh" + System.nanoTime();
    StorageCatalog catalog = new StorageCatalog(wh, io);
    return catalog.createTable(TableIdentifier.parse("db.t"), SCHEMA, PartitionSpec.parse(SCHEMA, partitioning),
        properties);
  }

  static Record row(long id, String category, Double amount) {
    return Record.of(SCHEMA.asStruct(), id, category, amount);
  }

  /** Rows ids [from, to): category cat-(id % 3), amount id * 1.5. */
  static List<Record> rows(long from, long to) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(row(id, "cat-" + (id % 3), id * 1.5));
    }
    return out;
  }

  /** Every row of the table by id, as the scan reads it. */
  static TreeMap<Long, Record> byId(Table table) {
    return byId(table.newScan());
  }

  static TreeMap<Long, Record> byId(TableScan scan) {
    TreeMap<Long, Record> out = new TreeMap<>();
    try (CloseableIterator<Record> it = scan.records()) {
      while (it.hasNext()) {
        Record r = it.next();
        if (out.put((Long) r.get(0), r) != null) {
          throw new AssertionError("row " + r.get(0) + " is in the table twice");
        }
      }
    }
    return out;
  }

  static List<Long> ids(Table table) {
    return new ArrayList<>(byId(table).keySet());
  }
}
