package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.metadata.Snapshot;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the end-to-end tests. */
final class TableChecks {
  private TableChecks() {}

  static List<Long> ids(Table table) {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterator<Record> it = table.newScan().select("id").records()) {
      it.forEachRemaining(r -> ids.add((Long) r.get(0)));
    }
    return ids;
  }

  /** Every snapshot's manifest list exists and every file the current snapshot reads exists. */
  static void assertNothingMissing(Table table) {
    for (Snapshot s : table.history().allSnapshots()) {
      assertThat(table.io().newInputFile(s.manifestList()).exists())
          .as("manifest list of snapshot %s", s.snapshotId()).isTrue();
      for (FileScanTask task : table.newScan().useSnapshot(s.snapshotId()).planFiles()) {
        assertThat(table.io().newInputFile(task.file().path()).exists())
            .as("data file %s of snapshot %s", task.file().path(), s.snapshotId()).isTrue();
      }
    }
  }

  /** Sum of the records the table's append snapshots say they added. */
  static long committedRecords(Table table) {
    return table.history().allSnapshots().stream().mapToLong(s -> s.summaryLong("added-records")).sum();
  }
}
