package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Time travel and incremental reads; run on local disk and on S3 by the subclasses. */
abstract class TimeTravelTest {
  abstract Warehouse warehouse();

  private static Set<Long> ids(CloseableIterator<Record> it) {
    Set<Long> out = new HashSet<>();
    try (it) {
      it.forEachRemaining(r -> out.add((Long) r.get("id")));
    }
    return out;
  }

  private static Set<Long> range(long from, long to) {
    Set<Long> s = new HashSet<>();
    for (long i = from; i < to; i++) {
      s.add(i);
    }
    return s;
  }

  @Test
  void everySnapshotAndEveryMomentBetweenCommitsReadsExactlyWhatWasCommittedByThen() {
    try (StorageCatalog catalog = warehouse().open()) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.parse(Events.SCHEMA, "day(ts)"), Map.of());
      int commits = 6;
      int rows = 100;
      List<Long> committedAt = new ArrayList<>();
      for (int c = 0; c < commits; c++) {
        table.newAppend().appendRecords(Events.rows(c * rows, (c + 1) * rows)).commit();
        committedAt.add(table.currentSnapshot().orElseThrow().timestampMs());
      }
      List<Snapshot> snapshots = table.snapshots();
      assertThat(snapshots).hasSize(commits);
      for (int c = 0; c < commits; c++) {
        long snapshotId = snapshots.get(c).snapshotId();
        assertThat(ids(table.newScan().useSnapshot(snapshotId).records())).isEqualTo(range(0, (c + 1L) * rows));
        assertThat(table.newScan().useSnapshot(snapshotId).count()).isEqualTo((c + 1L) * rows);
        // Any moment from this commit until the next one sees exactly the rows of commits 0..c
        // (commits in the same millisecond: the latest of them).
        int lastAtThatTime = c;
        while (lastAtThatTime + 1 < commits && committedAt.get(lastAtThatTime + 1).equals(committedAt.get(c))) {
          lastAtThatTime++;
        }
        assertThat(ids(table.newScan().asOfTime(committedAt.get(c)).records()))
            .isEqualTo(range(0, (lastAtThatTime + 1L) * rows));
      }
      long beforeFirst = committedAt.get(0) - 1;
      assertThatThrownBy(() -> table.newScan().asOfTime(beforeFirst))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("no snapshot at or before");
      assertThatThrownBy(() -> table.newScan().useSnapshot(12345L))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("12345");
    }
  }

  @Test
  void incrementalScanReadsOnlyRowsAppendedBetweenTwoSnapshots() {
    try (StorageCatalog catalog = warehouse().open()) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.unpartitioned(), Map.of());
      for (int c = 0; c < 5; c++) {
        table.newAppend().appendRecords(Events.rows(c * 10, (c + 1) * 10)).commit();
      }
      List<Snapshot> s = table.snapshots();
      assertThat(ids(table.newScan().appendsBetween(s.get(1).snapshotId(), s.get(3).snapshotId()).records()))
          .isEqualTo(range(20, 40));
      assertThat(ids(table.newScan().appendsBetween(s.get(0).snapshotId(), s.get(4).snapshotId()).records()))
          .isEqualTo(range(10, 50));
      assertThatThrownBy(() -> table.newScan().appendsBetween(s.get(3).snapshotId(), s.get(1).snapshotId()).planFiles())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an ancestor");
    }
  }
}
