package dev.floe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.testing.InMemoryFileIO;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Deletes, overwrites, updates and rewrites on a real (in-memory) table: what they remove and
 * add, which files they rewrite, and the conflict rules they check at commit. Concurrent commits
 * are made to happen between an operation's planning and its commit by naming the snapshot it
 * read ({@code validateFromSnapshot}); the thread races are in the integration tests.
 */
class RowLevelOperationsTest {
  private final InMemoryFileIO io = new InMemoryFileIO();

  private static List<DataFile> files(Table table) {
    List<DataFile> out = new ArrayList<>();
    for (FileScanTask t : table.newScan().planFiles()) {
      out.add(t.file());
    }
    return out;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void deleteOfWholePartitionsTouchesNoDataFile() {
    Table table = TestTables.create(io, "category", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 30)).commit();
    List<String> before = files(table).stream().map(DataFile::path).toList();

    CommitResult r = table.newDelete().deleteWhere(Expressions.equal("category", "cat-1")).commit();

    Snapshot s = r.snapshot().orElseThrow();
    assertThat(s.operation()).isEqualTo("delete");
    assertThat(s.summary()).containsEntry("deleted-data-files", "1").containsEntry("deleted-records", "10")
        .containsEntry("added-data-files", "0").containsEntry("total-records", "20");
    assertThat(TestTables.ids(table)).isEqualTo(range(0, 30).stream().filter(id -> id % 3 != 1).toList());
    // the two other partitions' files are the very same files: nothing was rewritten
    assertThat(files(table)).extracting(DataFile::path).hasSize(2).isSubsetOf(before);
  }

  @Test
  void deleteOfSomeRowsRewritesOnlyTheFilesThatHoldThem() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    table.newAppend().appendRecords(TestTables.rows(10, 20)).commit();
    DataFile untouched = files(table).stream().filter(f -> (Long) f.columnStats().get(1).lowerBound().get() == 10L)
        .findFirst().orElseThrow();

    CommitResult r = table.newDelete().deleteWhere(Expressions.lessThan("id", 4L)).commit();

    assertThat(r.snapshot().orElseThrow().operation()).isEqualTo("overwrite");
    assertThat(r.snapshot().get().summary()).containsEntry("deleted-data-files", "1")
        .containsEntry("added-data-files", "1").containsEntry("deleted-records", "10")
        .containsEntry("added-records", "6").containsEntry("total-records", "16");
    assertThat(TestTables.ids(table)).isEqualTo(range(4, 20));
    assertThat(files(table)).extracting(DataFile::path).contains(untouched.path()).hasSize(2);
    // the deleted rows stay readable in the snapshot before the delete
    long before = r.snapshot().get().parentId().orElseThrow();
    assertThat(TestTables.byId(table.newScan().useSnapshot(before)).keySet()).isEqualTo(new java.util.TreeSet<>(range(0, 20)));
  }

  @Test
  void deleteWhereNothingMatchesCommitsNothing() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    int files = io.fileCount();

    CommitResult r = table.newDelete().deleteWhere(Expressions.equal("category", "cat-9")).commit();

    assertThat(r.snapshot()).isEmpty();
    assertThat(table.refresh().snapshots()).hasSize(1);
    // a file whose stats could not rule it out was read, found without matches and left alone
    CommitResult none = table.newDelete().deleteWhere(Expressions.equal("amount", 2.0)).commit();
    assertThat(none.snapshot()).isEmpty();
    assertThat(io.fileCount()).isEqualTo(files);
  }

  @Test
  void deleteOfNamedFile() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 5)).commit();
    table.newAppend().appendRecords(TestTables.rows(5, 10)).commit();
    DataFile first = files(table).stream().filter(f -> (Long) f.columnStats().get(1).lowerBound().get() == 0L)
        .findFirst().orElseThrow();

    table.newDelete().deleteFile(first).commit();

    assertThat(TestTables.ids(table)).isEqualTo(range(5, 10));
    assertThatThrownBy(() -> table.newDelete().deleteFile(first).commit())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a data file of the table");
  }

  @Test
  void badDeleteFiltersAreRefusedAndChangeNothing() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 5)).commit();
    TableMetadata before = table.refresh();

    assertThatThrownBy(() -> table.newDelete().deleteWhere(Expressions.equal("colour", "red")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("colour").hasMessageContaining("unknown column");
    assertThatThrownBy(() -> table.newDelete().deleteWhere(Expressions.equal("id", "not a number")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(table.refresh()).isEqualTo(before);
  }

  @Test
  void overwriteReplacesTheMatchingRows() {
    Table table = TestTables.create(io, "category", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 9)).commit();

    table.newOverwrite()
        .overwriteWhere(Expressions.equal("category", "cat-0"))
        .appendRecords(List.of(TestTables.row(100, "cat-0", 1.0), TestTables.row(101, "cat-0", 2.0)))
        .commit();

    TreeMap<Long, Record> rows = TestTables.byId(table);
    assertThat(rows.keySet()).containsExactly(1L, 2L, 4L, 5L, 7L, 8L, 100L, 101L);
    assertThat(table.currentSnapshot().orElseThrow().operation()).isEqualTo("overwrite");
  }

  @Test
  void updateSetsValuesInMatchingRowsOnly() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    table.newAppend().appendRecords(TestTables.rows(10, 20)).commit();

    table.newUpdateRows().set("category", "fixed").set("amount", 0).where(Expressions.greaterThanOrEqual("id", 15L))
        .commit();

    TreeMap<Long, Record> rows = TestTables.byId(table);
    assertThat(rows).hasSize(20);
    for (long id = 0; id < 20; id++) {
      Record r = rows.get(id);
      if (id >= 15) {
        assertThat(r.get(1)).isEqualTo("fixed");
        assertThat(r.get(2)).isEqualTo(0.0);
      } else {
        assertThat(r).isEqualTo(TestTables.row(id, "cat-" + (id % 3), id * 1.5));
      }
    }
    // only the second file held matching rows
    assertThat(table.currentSnapshot().orElseThrow().summary()).containsEntry("deleted-data-files", "1");
  }

  @Test
  void updatesThatCannotBeAppliedAreRefused() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 3)).commit();

    assertThatThrownBy(() -> table.newUpdateRows().set("id", null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("required");
    assertThatThrownBy(() -> table.newUpdateRows().set("nope", 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown column");
    assertThatThrownBy(() -> table.newUpdateRows().set("amount", "abc"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("amount");
    assertThatThrownBy(() -> table.newUpdateRows().where(Expressions.equal("id", 1L)).commit())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one column");
    assertThat(table.refresh().snapshots()).hasSize(1);
  }

  @Test
  void rewriteReplacesFilesAndKeepsRows() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 5)).commit();
    table.newAppend().appendRecords(TestTables.rows(5, 10)).commit();
    List<DataFile> inputs = files(table);
    TableWriter writer = table.newWriter();
    writer.writeAll(TestTables.rows(0, 10));
    List<DataFile> outputs = writer.complete();

    CommitResult r = table.newRewrite().rewriteFiles(inputs, outputs).commit();

    assertThat(r.snapshot().orElseThrow().operation()).isEqualTo("replace");
    assertThat(files(table)).extracting(DataFile::path).containsExactlyElementsOf(outputs.stream().map(DataFile::path).toList());
    assertThat(TestTables.ids(table)).isEqualTo(range(0, 10));
  }

  @Test
  void rewriteThatWouldLoseRowsIsRefused() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 5)).commit();
    TableWriter writer = table.newWriter();
    writer.writeAll(TestTables.rows(0, 4));
    List<DataFile> outputs = writer.complete();

    assertThatThrownBy(() -> table.newRewrite().rewriteFiles(files(table), outputs).commit())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must keep every row");
  }

  @Test
  void rewriteConflictsWhenAnInputWasDeletedMeanwhile() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    List<DataFile> inputs = files(table);
    TableWriter writer = table.newWriter();
    writer.writeAll(TestTables.rows(0, 10));
    List<DataFile> outputs = writer.complete();
    table.newDelete().deleteWhere(Expressions.lessThan("id", 3L)).commit();

    assertThatThrownBy(() -> table.newRewrite().rewriteFiles(inputs, outputs).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("no longer in branch 'main'");
    // the deleted rows did not come back
    assertThat(TestTables.ids(table)).isEqualTo(range(3, 10));
  }

  @Test
  void rewriteDoesNotConflictWithConcurrentAppends() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    long read = table.currentSnapshot().orElseThrow().snapshotId();
    List<DataFile> inputs = files(table);
    TableWriter writer = table.newWriter();
    writer.writeAll(TestTables.rows(0, 10));
    List<DataFile> outputs = writer.complete();
    table.newAppend().appendRecords(TestTables.rows(10, 20)).commit();

    table.newRewrite().validateFromSnapshot(read).rewriteFiles(inputs, outputs).commit();

    assertThat(TestTables.ids(table)).isEqualTo(range(0, 20));
  }

  @Test
  void serializableDeleteConflictsWithAConcurrentAppendOfMatchingRows() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    long read = table.currentSnapshot().orElseThrow().snapshotId();
    table.newAppend().appendRecords(List.of(TestTables.row(50, "cat-x", 1.0))).commit();
    int files = io.fileCount();

    assertThatThrownBy(() -> table.newDelete().validateFromSnapshot(read)
        .deleteWhere(Expressions.equal("category", "cat-x")).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("serializable")
        .hasMessageContaining(IsolationLevel.DELETE_PROPERTY);
    assertThat(io.fileCount()).as("the delete deleted what it wrote").isEqualTo(files);

    // rows that cannot match do not conflict
    table.newDelete().validateFromSnapshot(read).deleteWhere(Expressions.lessThan("id", 2L)).commit();
    assertThat(TestTables.ids(table)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 50L);
  }

  @Test
  void snapshotIsolationLetsConcurrentRowsStand() {
    Table table = TestTables.create(io, "", Map.of(IsolationLevel.DELETE_PROPERTY, "snapshot"));
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    long read = table.currentSnapshot().orElseThrow().snapshotId();
    table.newAppend().appendRecords(List.of(TestTables.row(50, "cat-x", 1.0))).commit();

    table.newDelete().validateFromSnapshot(read).deleteWhere(Expressions.greaterThan("id", 8L)).commit();

    assertThat(TestTables.ids(table)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    // the per-operation override wins over the property
    long read2 = table.currentSnapshot().orElseThrow().snapshotId();
    table.newAppend().appendRecords(List.of(TestTables.row(60, "cat-y", 1.0))).commit();
    assertThatThrownBy(() -> table.newDelete().validateFromSnapshot(read2).isolationLevel(IsolationLevel.SERIALIZABLE)
        .deleteWhere(Expressions.equal("category", "cat-y")).commit())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aDeleteOfFilesRewrittenByAnotherDeleteFails() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    long read = table.currentSnapshot().orElseThrow().snapshotId();
    table.newDelete().deleteWhere(Expressions.lessThan("id", 3L)).commit();

    // planned on the same file the first delete rewrote: committing would resurrect rows 0..2
    assertThatThrownBy(() -> {
      OverwriteFiles o = table.newOverwrite().validateFromSnapshot(read);
      for (FileScanTask t : table.newScan().useSnapshot(read).planFiles()) {
        o.deleteFile(t.file());
      }
      o.commit();
    }).isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a data file");
    assertThat(TestTables.ids(table)).isEqualTo(range(3, 10));
  }

  @Test
  void idempotencyKeyMakesARepeatedDeleteANoOp() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    table.newDelete().idempotencyKey("cleaner", 1).deleteWhere(Expressions.lessThan("id", 3L)).commit();
    table.newAppend().appendRecords(TestTables.rows(0, 2)).commit(); // rows 0 and 1 come back on purpose

    CommitResult again = table.newDelete().idempotencyKey("cleaner", 1).deleteWhere(Expressions.lessThan("id", 3L))
        .commit();

    assertThat(again.alreadyCommitted()).isTrue();
    assertThat(TestTables.ids(table)).containsExactly(0L, 1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void aTransactionCanAppendAndDeleteTogether() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();

    Transaction tx = table.newTransaction();
    tx.newDelete().deleteWhere(Expressions.lessThan("id", 5L)).commit();
    tx.newAppend().appendRecords(TestTables.rows(100, 102)).commit();
    tx.commitTransaction();

    assertThat(TestTables.ids(table)).containsExactly(5L, 6L, 7L, 8L, 9L, 100L, 101L);
  }

  @Test
  void incrementalReadsRefuseRangesWithDeletes() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    long first = table.currentSnapshot().orElseThrow().snapshotId();
    table.newDelete().deleteWhere(Expressions.lessThan("id", 3L)).commit();
    table.newAppend().appendRecords(TestTables.rows(10, 12)).commit();
    long last = table.currentSnapshot().orElseThrow().snapshotId();

    assertThatThrownBy(() -> table.newScan().appendsBetween(first, last).planFiles())
        .isInstanceOf(ValidationException.class).hasMessageContaining("changed or removed rows");
  }
}
