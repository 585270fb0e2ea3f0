package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old snapshots move to chained history files so the metadata stays small; time travel,
 * incremental reads and idempotency keys reach them all the same.
 */
class HistoryArchiveTest {
  @TempDir Path dir;

  private static Set<Long> ids(Table table, java.util.function.UnaryOperator<dev.floe.table.TableScan> scan) {
    Set<Long> out = new HashSet<>();
    try (var it = scan.apply(table.newScan()).select("id").records()) {
      it.forEachRemaining((Record r) -> out.add((Long) r.get(0)));
    }
    return out;
  }

  private static Set<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().collect(Collectors.toSet());
  }

  @Test
  void archivedSnapshotsStayReachableAndTheMetadataStaysSmall() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA, PartitionSpec.unpartitioned(),
          Map.of(HistoryFile.MAX_INLINE_PROPERTY, "6"));
      int commits = 30;
      for (int c = 0; c < commits; c++) {
        table.newAppend().appendRecords(Events.rows(c * 10L, c * 10L + 10)).idempotencyKey("w", c).commit();
      }
      Table reloaded = catalog.loadTable(TableIdentifier.parse("db.t"));
      assertThat(reloaded.snapshots()).hasSizeLessThanOrEqualTo(6);
      assertThat(reloaded.properties()).containsKey(HistoryFile.LOCATION_PROPERTY);
      List<Snapshot> all = reloaded.history().allSnapshots();
      assertThat(all).hasSize(commits);
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i).parentId()).contains(all.get(i - 1).snapshotId());
      }

      // The metadata file of commit 30 is no bigger than twice that of commit 6.
      long v7 = Files.size(dir.resolve("db/t/metadata/v7.metadata.json"));
      long v31 = Files.size(dir.resolve("db/t/metadata/v31.metadata.json"));
      assertThat(v31).isLessThan(2 * v7);

      // Time travel to an archived snapshot, by id and by time.
      Snapshot third = all.get(2);
      assertThat(ids(reloaded, s -> s.useSnapshot(third.snapshotId()))).isEqualTo(range(0, 30));
      assertThat(ids(reloaded, s -> s.asOfTime(third.timestampMs())))
          .containsAll(range(0, 30)).isSubsetOf(range(0, commits * 10L));
      // Incremental read from an archived snapshot to the current one.
      assertThat(ids(reloaded, s -> s.appendsBetween(all.get(4).snapshotId(), all.get(commits - 1).snapshotId())))
          .isEqualTo(range(50, commits * 10L));
      // An idempotency key committed long ago is still recognised.
      assertThat(reloaded.newAppend().appendRecords(Events.rows(0, 10)).idempotencyKey("w", 1).commit()
          .alreadyCommitted()).isTrue();
      assertThat(reloaded.newScan().count()).isEqualTo(commits * 10L);
      TableChecks.assertNothingMissing(reloaded);
    }
  }
}
