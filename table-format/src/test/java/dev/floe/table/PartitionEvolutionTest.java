package dev.floe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Partition evolution and sort orders: old files keep their spec, every spec's files are pruned
 * with the filter projected through that spec, field ids are never reused, and writers sort
 * within each file by the table's sort order.
 */
class PartitionEvolutionTest {
  private final InMemoryFileIO io = new InMemoryFileIO();

  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING));
  static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 0, 0);

  private Table create(String partitioning, Map<String, String> props) {
    StorageCatalog catalog = new StorageCatalog("mem://wh" + System.nanoTime(), io);
    return catalog.createTable(TableIdentifier.parse("db.t"), SCHEMA, PartitionSpec.parse(SCHEMA, partitioning), props);
  }

  /** Rows [from, to): one per hour from T0, categories a..d. */
  private static List<Record> rows(long from, long to) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(Record.of(SCHEMA.asStruct(), id, T0.plusHours(id), String.valueOf((char) ('a' + id % 4))));
    }
    return out;
  }

  private static Set<Long> ids(TableScan scan) {
    Set<Long> out = new TreeSet<>();
    try (CloseableIterator<Record> it = scan.records()) {
      it.forEachRemaining(r -> out.add((Long) r.get(0)));
    }
    return out;
  }

  private static Set<Long> expected(long from, long to, java.util.function.LongPredicate p) {
    Set<Long> out = new TreeSet<>();
    for (long id = from; id < to; id++) {
      if (p.test(id)) {
        out.add(id);
      }
    }
    return out;
  }

  @Test
  void oldFilesKeepTheirSpecAndEverySpecIsPruned() {
    Table table = create("", Map.of());
    table.newAppend().appendRecords(rows(0, 48)).commit();                 // spec 0: unpartitioned
    table.updateSpec().addField("day(ts)").commit();
    table.newAppend().appendRecords(rows(48, 96)).commit();                // spec 1: day(ts)
    table.updateSpec().replaceWith("bucket(4, id), category").commit();
    table.newAppend().appendRecords(rows(96, 144)).commit();               // spec 2: bucket + identity
    TableMetadata m = table.refresh();

    assertThat(m.specs()).hasSize(3);
    List<Integer> specsOfFiles = table.newScan().planFiles().stream().map(t -> t.file().specId()).distinct().sorted()
        .toList();
    assertThat(specsOfFiles).containsExactly(0, 1, 2);
    assertThat(m.spec().fields()).extracting(PartitionField::fieldId).containsExactly(1001, 1002);
    assertThat(m.lastPartitionId()).isEqualTo(1002);

    Expression day3 = Expressions.and(Expressions.greaterThanOrEqual("ts", "2026-03-03T00:00:00"),
        Expressions.lessThan("ts", "2026-03-04T00:00:00"));
    assertThat(ids(table.newScan().filter(day3))).isEqualTo(expected(0, 144, id -> id >= 48 && id < 72));
    // the day-partitioned spec prunes to one partition; its other days are skipped unread
    long spec1Files = table.newScan().filter(day3).planFiles().stream().filter(t -> t.file().specId() == 1).count();
    assertThat(spec1Files).isEqualTo(1);

    Expression categoryB = Expressions.equal("category", "b");
    assertThat(ids(table.newScan().filter(categoryB))).isEqualTo(expected(0, 144, id -> id % 4 == 1));
    assertThat(table.newScan().filter(categoryB).planFiles().stream().filter(t -> t.file().specId() == 2)
        .allMatch(t -> t.file().partition().get(1).equals("b"))).isTrue();
    assertThat(ids(table.newScan().filter(Expressions.equal("id", 100L)))).containsExactly(100L);
  }

  @Test
  void fieldIdsAreNeverReusedAndRemovedFieldsLeaveTheSpec() {
    Table table = create("day(ts)", Map.of());
    table.updateSpec().removeField("ts_day").commit();
    assertThat(table.refresh().spec().isUnpartitioned()).isTrue();
    table.updateSpec().addField("day(ts)").commit();
    assertThat(table.refresh().spec().fields()).extracting(PartitionField::fieldId).containsExactly(1001);
    table.updateSpec().renameField("ts_day", "d").addField("cat", "category").commit();
    assertThat(table.refresh().spec().fields()).extracting(f -> f.name() + "=" + f.fieldId())
        .containsExactly("d=1001", "cat=1002");
    table.updateSpec().removeField("day(ts)").commit();
    assertThat(table.refresh().spec().fields()).extracting(PartitionField::name).containsExactly("cat");
  }

  @Test
  void aColumnOnlyAnOldSpecUsesCanBeDroppedAndTheTableStillReads() {
    Table table = create("category", Map.of());
    table.newAppend().appendRecords(rows(0, 8)).commit();
    table.updateSpec().replaceWith("").commit();
    table.updateSchema().deleteColumn("category").commit();
    table.newAppend().appendRecords(List.of(Record.of(table.schema().asStruct(), 100L, T0))).commit();

    assertThat(ids(table.newScan())).hasSize(9);
    assertThat(ids(table.newScan().filter(Expressions.lessThan("id", 2L)))).containsExactly(0L, 1L);
  }

  @Test
  void badPartitionChangesAreRefused() {
    Table table = create("day(ts)", Map.of());
    TableMetadata before = table.refresh();
    assertThatThrownBy(() -> table.updateSpec().addField("day(nope)"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown column");
    assertThatThrownBy(() -> table.updateSpec().addField("hour(ts)"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("redundant");
    assertThatThrownBy(() -> table.updateSpec().addField("day(ts)"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("already has");
    assertThatThrownBy(() -> table.updateSpec().addField("category", "bucket(4, id)"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot take that column's name");
    assertThatThrownBy(() -> table.updateSpec().removeField("id_bucket"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ts_day");
    assertThatThrownBy(() -> table.updateSpec().addField("hour(category)"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot apply hour");
    assertThatThrownBy(() -> table.updateSchema().deleteColumn("ts"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("partition");
    assertThat(table.refresh()).isEqualTo(before);
  }

  @Test
  void concurrentSpecChangesConflict() {
    Table table = create("", Map.of());
    UpdatePartitionSpec a = table.updateSpec().addField("day(ts)");
    UpdatePartitionSpec b = table.updateSpec().addField("category");
    a.commit();
    assertThatThrownBy(b::commit).isInstanceOf(ValidationException.class)
        .hasMessageContaining("another partition spec change");
  }

  @Test
  void writersSortEachFileByTheSortOrder() {
    Table table = create("", Map.of(TableWriter.SORT_BUFFER_ROWS, "25"));
    table.replaceSortOrder().terms("category, id desc").commit();
    SortOrder order = table.refresh().sortOrders().stream()
        .filter(o -> o.orderId() == table.metadata().defaultSortOrderId()).findFirst().orElseThrow();
    assertThat(order.orderId()).isEqualTo(1);
    List<Record> shuffled = rows(0, 100);
    Collections.shuffle(shuffled, new Random(7));

    table.newAppend().appendRecords(shuffled).commit();

    List<DataFile> files = table.newScan().planFiles().stream().map(FileScanTask::file).toList();
    // a bounded buffer of 25 rows: each flush is a file of its own, every one sorted
    assertThat(files).hasSize(4);
    long total = 0;
    for (DataFile f : files) {
      assertThat(f.sortOrderId()).hasValue(1);
      List<Record> inFile = new ArrayList<>();
      try (CloseableIterator<Record> it = ParquetRecordReader.read(io.newInputFile(f.path()), table.schema())) {
        it.forEachRemaining(inFile::add);
      }
      for (int i = 1; i < inFile.size(); i++) {
        Record prev = inFile.get(i - 1);
        Record cur = inFile.get(i);
        int c = ((String) prev.get(2)).compareTo((String) cur.get(2));
        assertThat(c < 0 || (c == 0 && (Long) prev.get(0) > (Long) cur.get(0)))
            .as("%s before %s in %s", prev, cur, f.path()).isTrue();
      }
      total += inFile.size();
    }
    assertThat(total).isEqualTo(100);
    assertThat(ids(table.newScan())).hasSize(100);
  }

  @Test
  void sortOrdersParseTransformsDirectionsAndNullOrders() {
    SortOrder o = SortOrder.parse(SCHEMA, "bucket(4, id) desc nulls first, ts, category asc nulls last");
    assertThat(o.fields()).extracting(f -> f.transform() + " " + f.direction() + " " + f.nullOrder())
        .containsExactly("bucket[4] DESC NULLS_FIRST", "identity ASC NULLS_FIRST", "identity ASC NULLS_LAST");
    assertThatThrownBy(() -> SortOrder.parse(SCHEMA, "nope desc"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown column");
    Table table = create("", Map.of());
    table.replaceSortOrder().terms("category").commit();
    assertThatThrownBy(() -> table.updateSchema().deleteColumn("category"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("sort order");
    // back to unsorted
    table.replaceSortOrder().commit();
    assertThat(table.refresh().defaultSortOrderId()).isZero();
  }
}
