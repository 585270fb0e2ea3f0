package dev.floe.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.StorageTableOperations;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.ValidationException;
import dev.floe.io.FileIO;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.BaseTable;
import dev.floe.table.Table;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The commit loop's promises, with faults injected at the atomic swap (the one thing real storage
 * cannot be told to do on demand): lost races retry with backoff, conflicts and exhausted retries
 * clean up what the commit wrote, an unknown outcome cleans up nothing.
 */
class CommitLoopTest {
  private static final Schema SCHEMA = Schema.of(NestedField.required(1, "id", Types.LONG));

  private final InMemoryFileIO io = new InMemoryFileIO();

  /** Real storage-only operations with a scripted outcome for the next swaps. */
  private static final class ScriptedOps implements TableOperations {
    final StorageTableOperations real;
    final List<RuntimeException> script = new ArrayList<>();
    int commits;

    ScriptedOps(StorageTableOperations real) {
      this.real = real;
    }

    public TableMetadata current() { return real.current(); }
    public TableMetadata refresh() { return real.refresh(); }
    public FileIO io() { return real.io(); }

    public void commit(TableMetadata base, TableMetadata updated) {
      commits++;
      if (!script.isEmpty()) {
        RuntimeException next = script.remove(0);
        if (next instanceof CommitStateUnknownException) {
          real.commit(base, updated); // it did land, but the writer cannot know
        }
        throw next;
      }
      real.commit(base, updated);
    }
  }

  private record Setup(ScriptedOps ops, Table table, List<Long> sleeps) {}

  private Setup setup(Map<String, String> props) {
    String wh = "mem://wh" + System.nanoTime();
    try (StorageCatalog catalog = new StorageCatalog(wh, io)) {
      catalog.createTable(TableIdentifier.parse("db.t"), SCHEMA, PartitionSpec.unpartitioned(), props);
    }
    ScriptedOps ops = new ScriptedOps(new StorageTableOperations(io, wh + "/db/t", "db.t"));
    List<Long> sleeps = new ArrayList<>();
    CommitLoop loop = new CommitLoop(ops, (m, k) -> k.findIn(m), System::currentTimeMillis, sleeps::add,
        RandomGenerator.of("L64X128MixRandom"));
    return new Setup(ops, new BaseTable("db.t", ops, loop), sleeps);
  }

  private static List<Record> rows(long... ids) {
    List<Record> out = new ArrayList<>();
    for (long id : ids) {
      out.add(Record.of(SCHEMA.asStruct(), id));
    }
    return out;
  }

  @Test
  void lostRacesAreRetriedWithGrowingBackoffAndLeaveNoStrayFiles() {
    Setup s = setup(Map.of());
    s.table.newAppend().appendRecords(rows(1)).commit();
    int filesBefore = io.fileCount();
    s.ops.script.addAll(List.of(new CommitFailedException("lost 1"), new CommitFailedException("lost 2"),
        new CommitFailedException("lost 3")));
    CommitResult r = s.table.newAppend().appendRecords(rows(2)).commit();
    assertThat(r.attempts()).isEqualTo(4);
    assertThat(s.sleeps).hasSize(3);
    RetryPolicy p = RetryPolicy.DEFAULT;
    for (int i = 0; i < 3; i++) {
      long cap = Math.min(p.maxWaitMs(), p.minWaitMs() << i);
      assertThat(s.sleeps.get(i)).isBetween(cap / 2, cap);
    }
    assertThat(s.table.refresh().snapshots()).hasSize(2);
    // One new data file, manifest, manifest list and metadata file: the three losing attempts'
    // manifests and lists were deleted (the version hint may or may not have been rewritten).
    assertThat(io.fileCount() - filesBefore).isBetween(4, 5);
  }

  @Test
  void exhaustedRetriesFailTypedAndDeleteEverythingTheCommitWrote() {
    Setup s = setup(Map.of(RetryPolicy.NUM_RETRIES, "2"));
    int filesBefore = io.fileCount();
    for (int i = 0; i < 3; i++) {
      s.ops.script.add(new CommitFailedException("lost"));
    }
    assertThatThrownBy(() -> s.table.newAppend().appendRecords(rows(1)).commit())
        .isInstanceOf(CommitFailedException.class).hasMessageContaining("after 3 attempts");
    assertThat(io.fileCount()).isEqualTo(filesBefore);
    assertThat(s.table.refresh().snapshots()).isEmpty();
  }

  @Test
  void aConflictIsNotRetriedAndCleansUp() {
    Setup s = setup(Map.of());
    int filesBefore = io.fileCount();
    CommitLoop loop = new CommitLoop(s.ops, (m, k) -> Optional.empty());
    assertThatThrownBy(() -> loop.commit(List.of((base, ctx) -> {
      String f = base.location() + "/metadata/scratch.json";
      ctx.attemptFile(f);
      io.newOutputFile(f).createExclusive(new byte[] {1});
      throw new ValidationException("conflicts with a concurrent delete");
    }), Optional.empty(), () -> {})).isInstanceOf(ValidationException.class);
    assertThat(io.fileCount()).isEqualTo(filesBefore);
    assertThat(s.ops.commits).isZero();
  }

  @Test
  void anUnknownOutcomeDeletesNothingAndTheRetriedKeyIsRecognised() {
    Setup s = setup(Map.of());
    s.ops.script.add(new CommitStateUnknownException("timed out after sending"));
    assertThatThrownBy(() -> s.table.newAppend().appendRecords(rows(1)).idempotencyKey("w", 1).commit())
        .isInstanceOf(CommitStateUnknownException.class);
    // The swap landed: every file it references must still be there.
    Table fresh = new BaseTable("db.t", s.ops);
    assertThat(fresh.refresh().snapshots()).hasSize(1);
    assertThat(fresh.newScan().count()).isEqualTo(1);
    // The writer retries with the same key: a no-op that reports success.
    CommitResult retry = fresh.newAppend().appendRecords(rows(1)).idempotencyKey("w", 1).commit();
    assertThat(retry.alreadyCommitted()).isTrue();
    assertThat(fresh.refresh().snapshots()).hasSize(1);
  }
}
