package dev.floe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expressions;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The evolution matrix: files written under schema v1, then every kind of change, each committed
 * and followed by more rows, and the whole table read back under the final schema (and older
 * snapshots under theirs) must give exactly the rows a hand-kept model says.
 */
class SchemaEvolutionTest {
  private final InMemoryFileIO io = new InMemoryFileIO();

  static final Schema V1 = new Schema(0, Types.StructType.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "qty", Types.INT),
      NestedField.optional(3, "price", Types.FLOAT),
      NestedField.optional(4, "amount", Types.decimal(9, 2)),
      NestedField.optional(5, "name", Types.STRING),
      NestedField.required(6, "code", Types.STRING),
      NestedField.optional(7, "total", Types.decimal(9, 2)),
      NestedField.optional(8, "address", Types.StructType.of(NestedField.optional(9, "city", Types.STRING)))),
      Set.of(1));

  private Table create() {
    StorageCatalog catalog = new StorageCatalog("mem://wh" + System.nanoTime(), io);
    return catalog.createTable(TableIdentifier.parse("db.t"), V1, PartitionSpec.parse(V1, "bucket(2, id)"), Map.of());
  }

  /** The expected final row of each id, column name to value. */
  private final TreeMap<Long, Map<String, Object>> model = new TreeMap<>();

  private static Record v1Row(long id) {
    return Record.of(V1.asStruct(), id, (int) id * 10, id == 0 ? 0.1f : id + 0.5f,
        new BigDecimal(id + ".25"), "n" + id, "c" + id, new BigDecimal(id + ".75"),
        Record.of((Types.StructType) V1.findField(8).orElseThrow().type(), "city" + id));
  }

  private static Map<String, Object> row(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      out.put(r.struct().fields().get(i).name(), v instanceof Record nested ? row(nested) : v);
    }
    return out;
  }

  private static TreeMap<Long, Map<String, Object>> read(TableScan scan) {
    TreeMap<Long, Map<String, Object>> out = new TreeMap<>();
    try (CloseableIterator<Record> it = scan.records()) {
      while (it.hasNext()) {
        Map<String, Object> r = row(it.next());
        assertThat(out.put((Long) r.get("id"), r)).isNull();
      }
    }
    return out;
  }

  @Test
  void everyKindOfChangeReadsBackAsTheModelSays() {
    Table table = create();
    List<Record> batch1 = new ArrayList<>();
    for (long id = 0; id < 6; id++) {
      batch1.add(v1Row(id));
      model.put(id, row(v1Row(id)));
    }
    // row 0 alone in its file: its price bounds are exactly 0.1f
    table.newAppend().appendRecords(batch1.subList(0, 1)).commit();
    table.newAppend().appendRecords(batch1.subList(1, batch1.size())).commit();
    long v1Snapshot = table.currentSnapshot().orElseThrow().snapshotId();

    // 1. optional column: null in old rows
    table.updateSchema().addColumn("note", Types.STRING).commit();
    model.values().forEach(r -> r.put("note", null));
    // 2. required column with a default: old rows read it; a writer leaving it out stores the write default
    table.updateSchema().addRequiredColumn("flag", Types.INT, 7).commit();
    model.values().forEach(r -> r.put("flag", 7));
    // 3. rename keeps the data
    table.updateSchema().renameColumn("name", "label").commit();
    model.values().forEach(r -> r.put("label", r.remove("name")));
    long renamedSnapshotSchema = table.schema().schemaId();
    // 4. drop: the column vanishes
    table.updateSchema().deleteColumn("amount").commit();
    model.values().forEach(r -> r.remove("amount"));
    // 5. reorder
    table.updateSchema().moveFirst("label").moveAfter("note", "id").moveBefore("flag", "code").commit();
    // 6. required to optional
    table.updateSchema().makeColumnOptional("code").commit();
    // 7. promotions
    table.updateSchema().updateColumn("qty", Types.LONG).updateColumn("price", Types.DOUBLE)
        .updateColumn("total", Types.decimal(18, 2)).commit();
    model.values().forEach(r -> {
      r.put("qty", ((Integer) r.get("qty")).longValue());
      r.put("price", ((Float) r.get("price")).doubleValue());
    });
    // 8. nested fields, optional and required with a default
    table.updateSchema().addColumn("address", "zip", Types.STRING)
        .addRequiredColumn("address", "country", Types.STRING, "NL").commit();
    model.values().forEach(r -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> a = (Map<String, Object>) r.get("address");
      a.put("zip", null);
      a.put("country", "NL");
    });
    // 9. a new write default for later rows; the initial default stays for old ones
    table.updateSchema().updateColumnDefault("flag", 9).commit();

    Schema now = table.schema();
    assertThat(now.columns()).extracting(NestedField::name)
        .containsExactly("label", "id", "note", "qty", "price", "flag", "code", "total", "address");
    assertThat(now.findField("label").orElseThrow().id()).isEqualTo(5);
    assertThat(table.metadata().lastColumnId()).isEqualTo(13);

    // rows of the final schema, one leaving flag out (its write default applies) and one with a
    // qty beyond int and a double price
    Types.StructType struct = now.asStruct();
    Types.StructType address = (Types.StructType) now.findField("address").orElseThrow().type();
    Types.StructType withoutFlag = new Types.StructType(struct.fields().stream()
        .filter(f -> !f.name().equals("flag")).toList());
    Record r10 = Record.of(withoutFlag, "L10", 10L, "note10", 5_000_000_000L, 0.30000000000000004, "c10",
        new BigDecimal("1234567890.12"), Record.of(address, "city10", "1011", "BE"));
    Record r11 = Record.of(struct, "L11", 11L, null, 11L, 11.5, 5, null, null, null);
    table.newAppend().appendRecords(List.of(r10, r11)).commit();
    model.put(10L, new LinkedHashMap<>(Map.of("label", "L10", "id", 10L, "note", "note10", "qty", 5_000_000_000L,
        "price", 0.30000000000000004, "flag", 9, "code", "c10", "total", new BigDecimal("1234567890.12"),
        "address", Map.of("city", "city10", "zip", "1011", "country", "BE"))));
    Map<String, Object> m11 = new LinkedHashMap<>();
    for (String c : List.of("label", "id", "note", "qty", "price", "code", "total", "address")) {
      m11.put(c, r11.get(c));
    }
    m11.put("label", "L11");
    m11.put("id", 11L);
    m11.put("qty", 11L);
    m11.put("price", 11.5);
    m11.put("flag", 5);
    model.put(11L, m11);

    TreeMap<Long, Map<String, Object>> all = read(table.newScan());
    assertThat(all.keySet()).isEqualTo(model.keySet());
    for (long id : model.keySet()) {
      assertThat(all.get(id)).as("row %d", id).isEqualTo(model.get(id));
    }
    // the flat reader (top-level primitive columns only) agrees on defaults, renames and promotions
    TreeMap<Long, Map<String, Object>> flat = read(table.newScan().select("id", "flag", "label", "qty", "price"));
    for (long id : model.keySet()) {
      for (String c : List.of("flag", "label", "qty", "price")) {
        assertThat(flat.get(id).get(c)).as("row %d column %s", id, c).isEqualTo(model.get(id).get(c));
      }
    }

    // pruning with bounds written under the old types: 0.1f read as a double is above 0.1
    assertThat(read(table.newScan().filter(Expressions.greaterThan("price", 0.1))).keySet()).contains(0L);
    assertThat(read(table.newScan().filter(Expressions.equal("price", (double) 0.1f))).keySet()).containsExactly(0L);
    assertThat(read(table.newScan().filter(Expressions.greaterThan("qty", 4_000_000_000L))).keySet())
        .containsExactly(10L);
    // old files hold no flag column: the filter on its default must still find their rows
    assertThat(read(table.newScan().filter(Expressions.equal("flag", 7))).keySet())
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(table.newScan().filter(Expressions.equal("flag", 9)).count()).isEqualTo(1);
    assertThat(table.newScan().filter(Expressions.equal("address.country", "NL")).count()).isEqualTo(6);
    assertThat(table.newScan().filter(Expressions.startsWith("label", "n")).count()).isEqualTo(6);

    // time travel reads an old snapshot with its own schema
    TreeMap<Long, Map<String, Object>> first = read(table.newScan().useSnapshot(v1Snapshot));
    assertThat(first.get(3L)).isEqualTo(row(v1Row(3)));
    assertThat(renamedSnapshotSchema).isGreaterThan(0);

    // the table's history keeps every schema, each a valid Iceberg schema id
    assertThat(table.metadata().schemas()).hasSizeGreaterThanOrEqualTo(9);
  }

  @Test
  void badChangesAreRefusedAndLeaveTheTableAlone() {
    Table table = create();
    table.newAppend().appendRecords(List.of(v1Row(1))).commit();
    TableMetadata before = table.refresh();

    assertThatThrownBy(() -> table.updateSchema().deleteColumn("id"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("identifier");
    assertThatThrownBy(() -> table.updateSchema().updateColumn("qty", Types.STRING))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("int to long");
    assertThatThrownBy(() -> table.updateSchema().updateColumn("id", Types.INT))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("long to int");
    assertThatThrownBy(() -> table.updateSchema().renameColumn("qty", "price"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> table.updateSchema().addRequiredColumn("n", Types.INT, "seven"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot convert 'seven' to int");
    assertThatThrownBy(() -> table.updateSchema().addRequiredColumn("n", Types.INT, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a default");
    assertThatThrownBy(() -> table.updateSchema().deleteColumn("nope"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown column");
    // the current partition spec takes its values from id
    Table partitioned = create();
    assertThatThrownBy(() -> partitioned.updateSchema().setIdentifierFields(List.of()).deleteColumn("id"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("partition spec");
    assertThat(table.refresh()).isEqualTo(before);
  }

  @Test
  void concurrentSchemaChangesConflictInsteadOfClobbering() {
    Table table = create();
    UpdateSchema first = table.updateSchema().addColumn("a", Types.INT);
    UpdateSchema second = table.updateSchema().addColumn("b", Types.INT);
    first.commit();

    assertThatThrownBy(second::commit).isInstanceOf(ValidationException.class)
        .hasMessageContaining("another schema change committed first");
    assertThat(table.refresh().schema().findField("a")).isPresent();
    assertThat(table.schema().findField("b")).isEmpty();
  }

  @Test
  void aSchemaChangeRebasesOverAppends() {
    Table table = create();
    Table other = new BaseTable("db.t", ((BaseTable) table).operations());
    UpdateSchema change = table.updateSchema().addColumn("a", Types.INT);
    other.newAppend().appendRecords(List.of(v1Row(1))).commit();

    change.commit();

    assertThat(table.refresh().schema().findField("a")).isPresent();
    assertThat(table.newScan().count()).isEqualTo(1);
  }
}
