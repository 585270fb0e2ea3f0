package dev.floe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expressions;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import dev.floe.testing.InMemoryFileIO;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Branches, tags, fast-forward and rollback: isolation of branch writes, and what is refused. */
class BranchesTest {
  private final InMemoryFileIO io = new InMemoryFileIO();

  private Table tableWithRows() {
    Table table = TestTables.create(io, "", Map.of());
    table.newAppend().appendRecords(TestTables.rows(0, 10)).commit();
    return table;
  }

  private static long head(Table t) {
    return t.refresh().currentSnapshot().orElseThrow().snapshotId();
  }

  @Test
  void writesToABranchAreInvisibleOnMainUntilFastForward() {
    Table table = tableWithRows();
    long mainBefore = head(table);
    table.manageSnapshots().createBranch("audit").commit();

    CommitResult onBranch = table.newAppend().toBranch("audit").appendRecords(TestTables.rows(10, 15)).commit();
    table.newDelete().toBranch("audit").deleteWhere(Expressions.lessThan("id", 2L)).commit();

    assertThat(head(table)).isEqualTo(mainBefore);
    assertThat(TestTables.ids(table)).hasSize(10);
    assertThat(table.newScan().useRef("audit").count()).isEqualTo(13);
    assertThat(onBranch.snapshot().orElseThrow().parentId()).contains(mainBefore);
    // main's snapshot log records only main's moves
    assertThat(table.metadata().snapshotLog()).extracting(HistoryEntry::snapshotId).containsExactly(mainBefore);

    table.manageSnapshots().fastForwardBranch("main", "audit").commit();

    table.refresh();
    assertThat(TestTables.ids(table)).isEqualTo(
        java.util.stream.LongStream.range(2, 15).boxed().toList());
    assertThat(table.metadata().snapshotLog()).hasSize(2);
  }

  @Test
  void tagsStayPutAndCannotBeWrittenTo() {
    Table table = tableWithRows();
    long first = head(table);
    table.manageSnapshots().createTag("v1", first).commit();
    table.newAppend().appendRecords(TestTables.rows(10, 20)).commit();

    assertThat(table.newScan().useRef("v1").count()).isEqualTo(10);
    assertThat(table.newScan().count()).isEqualTo(20);
    assertThatThrownBy(() -> table.newAppend().toBranch("v1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("tags cannot be written to");
    assertThatThrownBy(() -> table.newDelete().toBranch("v1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("tag");
    assertThatThrownBy(() -> table.newAppend().toBranch("nope"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no branch 'nope'");
    assertThatThrownBy(() -> table.newScan().useRef("nope"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("v1");

    table.manageSnapshots().replaceTag("v1", head(table)).commit();
    assertThat(table.newScan().useRef("v1").count()).isEqualTo(20);
    table.manageSnapshots().removeTag("v1").commit();
    assertThat(table.refresh().refs()).containsOnlyKeys("main");
  }

  @Test
  void badRefChangesAreRefusedAndChangeNothing() {
    Table table = tableWithRows();
    long first = head(table);
    table.manageSnapshots().createBranch("dev").commit();
    table.newAppend().toBranch("dev").appendRecords(TestTables.rows(10, 12)).commit();
    table.newAppend().appendRecords(TestTables.rows(20, 22)).commit(); // main and dev have diverged
    TableMetadata before = table.refresh();

    assertThatThrownBy(() -> table.manageSnapshots().removeBranch("main"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("main branch cannot be dropped");
    assertThatThrownBy(() -> table.manageSnapshots().fastForwardBranch("main", "dev"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an ancestor");
    assertThatThrownBy(() -> table.manageSnapshots().createBranch("dev"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("already has a branch");
    assertThatThrownBy(() -> table.manageSnapshots().createTag("t", 12345L))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no snapshot 12345");
    long devHead = before.refs().get("dev").snapshotId();
    assertThatThrownBy(() -> table.manageSnapshots().rollbackTo(devHead))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an ancestor");
    assertThatThrownBy(() -> table.manageSnapshots().removeTag("dev"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a branch");
    assertThatThrownBy(() -> table.manageSnapshots().createTag("t", first).setMinSnapshotsToKeep("t", 3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a tag");
    assertThatThrownBy(() -> table.manageSnapshots().setMaxRefAgeMs("main", 1000))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("never expires");
    assertThat(table.refresh()).isEqualTo(before);
  }

  @Test
  void rollbackAndSetCurrent() {
    Table table = tableWithRows();
    long first = head(table);
    table.newAppend().appendRecords(TestTables.rows(10, 20)).commit();
    table.manageSnapshots().createBranch("side", first).commit();
    long side = table.newAppend().toBranch("side").appendRecords(TestTables.rows(100, 101)).commit()
        .snapshot().orElseThrow().snapshotId();

    table.manageSnapshots().rollbackTo(first).commit();
    assertThat(table.newScan().count()).isEqualTo(10);
    table.manageSnapshots().setCurrentSnapshot(side).commit();
    assertThat(TestTables.ids(table)).contains(100L).hasSize(11);
    assertThat(table.metadata().snapshotLog()).extracting(HistoryEntry::snapshotId).endsWith(first, side);
  }

  @Test
  void retentionSettingsAreKeptOnTheRef() {
    Table table = tableWithRows();
    table.manageSnapshots().createBranch("keep").setMinSnapshotsToKeep("keep", 5).setMaxSnapshotAgeMs("keep", 86_400_000L)
        .setMaxRefAgeMs("keep", 7 * 86_400_000L).commit();
    SnapshotRef r = table.refresh().refs().get("keep");
    assertThat(r.minSnapshotsToKeep()).contains(5);
    assertThat(r.maxSnapshotAgeMs()).contains(86_400_000L);
    assertThat(r.maxRefAgeMs()).contains(7 * 86_400_000L);
    // a later write to the branch keeps its settings
    table.newAppend().toBranch("keep").appendRecords(TestTables.rows(10, 11)).commit();
    assertThat(table.refresh().refs().get("keep").minSnapshotsToKeep()).contains(5);
    table.manageSnapshots().renameBranch("keep", "kept").commit();
    assertThat(table.refresh().refs().get("kept").maxSnapshotAgeMs()).contains(86_400_000L);
  }

  @Test
  void aRefMovedMeanwhileMakesTheChangeConflict() {
    Table table = tableWithRows();
    table.manageSnapshots().createBranch("b").commit();
    ManageSnapshots stale = table.manageSnapshots().replaceBranch("b", head(table)).setMinSnapshotsToKeep("b", 2);
    table.newAppend().toBranch("b").appendRecords(TestTables.rows(10, 11)).commit();

    assertThatThrownBy(stale::commit).isInstanceOf(ValidationException.class)
        .hasMessageContaining("ref 'b' was at snapshot");
    assertThat(table.newScan().useRef("b").count()).isEqualTo(11);
  }

  @Test
  void conflictsOfABranchWriteAreJudgedAgainstThatBranch() {
    Table table = tableWithRows();
    table.manageSnapshots().createBranch("b").commit();
    long read = table.refresh().refs().get("b").snapshotId();
    // matching rows appended to main do not concern a delete on b
    table.newAppend().appendRecords(List.of(TestTables.row(-1, "x", 1.0))).commit();
    table.newDelete().toBranch("b").validateFromSnapshot(read).deleteWhere(Expressions.lessThan("id", 5L)).commit();
    assertThat(table.newScan().useRef("b").count()).isEqualTo(5);
    // matching rows appended to b do
    long read2 = table.refresh().refs().get("b").snapshotId();
    table.newAppend().toBranch("b").appendRecords(List.of(TestTables.row(-2, "x", 1.0))).commit();
    assertThatThrownBy(() -> table.newDelete().toBranch("b").validateFromSnapshot(read2)
        .deleteWhere(Expressions.lessThan("id", 7L)).commit()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("branch 'b'");
    assertThat(Optional.of(table.newScan().count())).contains(11L);
  }
}
