package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTest {
  @TempDir Path dir;

  @Test
  void repeatingACommitWithTheSameKeyDoesNotDuplicateRows() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.unpartitioned(), Map.of());
      CommitResult first = table.newAppend().appendRecords(Events.rows(0, 10)).idempotencyKey("stream-1", 7).commit();
      assertThat(first.alreadyCommitted()).isFalse();

      // The same batch again, from a fresh table handle as a restarted writer would.
      Table again = catalog.loadTable(TableIdentifier.parse("db.t"));
      CommitResult retry = again.newAppend().appendRecords(Events.rows(0, 10)).idempotencyKey("stream-1", 7).commit();
      assertThat(retry.alreadyCommitted()).isTrue();
      assertThat(retry.snapshot().orElseThrow().snapshotId()).isEqualTo(first.snapshot().orElseThrow().snapshotId());

      // An older checkpoint of the same writer is also already covered.
      assertThat(again.newAppend().appendRecords(Events.rows(0, 10)).idempotencyKey("stream-1", 3).commit()
          .alreadyCommitted()).isTrue();

      // A newer checkpoint, and another writer with the same sequence, do commit.
      assertThat(again.newAppend().appendRecords(Events.rows(10, 20)).idempotencyKey("stream-1", 8).commit()
          .alreadyCommitted()).isFalse();
      assertThat(again.newAppend().appendRecords(Events.rows(20, 30)).idempotencyKey("stream-2", 7).commit()
          .alreadyCommitted()).isFalse();

      Table reloaded = catalog.loadTable(TableIdentifier.parse("db.t"));
      assertThat(reloaded.snapshots()).hasSize(3);
      assertThat(TableChecks.ids(reloaded)).hasSize(30).doesNotHaveDuplicates();
      // The skipped retries left no stray data files behind.
      long dataFiles = reloaded.io().list(reloaded.location() + "/data/").stream()
          .filter(f -> f.location().endsWith(".parquet")).count();
      assertThat(dataFiles).isEqualTo(3);
    }
  }
}
