package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.io.FileInfo;
import dev.floe.metadata.Snapshot;
import dev.floe.table.CleanupReport;
import dev.floe.table.FileKind;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction killed with SIGKILL at random moments (while it reads, sorts, writes or commits)
 * leaves a readable table with every row exactly once; what it wrote and never committed is
 * referenced by no snapshot, and orphan cleanup removes it without changing the table.
 */
class CompactionCrashTest {
  @TempDir Path dir;

  @Test
  void killedCompactionsLoseNoRowAndLeaveOnlyRemovableOrphans() throws Exception {
    Random random = new Random(20261201);
    int rowsPerCommit = 400;
    int commits = 0;
    int killedWithOrphans = 0;
    try (StorageCatalog catalog = Tables.catalog(dir)) {
      Table table = Tables.create(catalog, "bucket(4, id)", Map.of("write.target-file-size-bytes", "65536",
          CompactionOptions.MIN_INPUT_FILES, "2"));
      String[] strategies = {"binpack", "sort", "zorder"};
      for (int trial = 0; trial < 9; trial++) {
        // new small files every trial, so there is always something to compact
        for (int c = 0; c < 4; c++, commits++) {
          table.newAppend().appendRecords(WideRows.rows((long) commits * rowsPerCommit,
              (long) (commits + 1) * rowsPerCommit)).commit();
        }
        RowChecks.Rows expected = RowChecks.Rows.of(WideRows.rows(0, (long) commits * rowsPerCommit));
        try (ChildJvm child = new ChildJvm(CompactorMain.class, dir.toString(), strategies[trial % 3])) {
          int groups = Integer.parseInt(child.await("planned ").substring("planned ".length()));
          // somewhere between planning and the last commit: after a random number of the child's
          // lines (a group written, a group committed), then a random moment more
          int lines = random.nextInt(2 * groups);
          for (int i = 0; i < lines; i++) {
            if (child.line().equals("done")) {
              break;
            }
          }
          long until = System.nanoTime() + random.nextInt(60_000_000);
          while (System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          child.kill();
        }
        table.refresh();
        RowChecks.assertSameRows(RowChecks.ofTable(table), expected);
        assertEveryReferencedFileExists(table);
        if (!orphans(table).isEmpty()) {
          killedWithOrphans++;
        }
      }
      assertThat(killedWithOrphans).as("kills that interrupted a rewrite").isPositive();

      // orphan cleanup (the table's RemoveOrphanFiles, with no safety age: no writer is running)
      // removes what the killed runs left, and the table reads the same
      RowChecks.Rows before = RowChecks.ofTable(table);
      Set<String> orphans = orphans(table);
      CleanupReport dryRun = table.removeOrphanFiles().olderThan(System.currentTimeMillis() + 60_000).dryRun()
          .execute();
      Set<String> found = new HashSet<>();
      for (FileKind kind : FileKind.values()) {
        found.addAll(dryRun.examples(kind));
      }
      assertThat(found).containsAll(orphans);
      CleanupReport removed = table.removeOrphanFiles().olderThan(System.currentTimeMillis() + 60_000).execute();
      assertThat(removed.totalFiles()).isGreaterThanOrEqualTo(orphans.size());
      assertThat(removed.failedDeletes()).isZero();
      assertThat(orphans(table)).isEmpty();
      RowChecks.assertSameRows(RowChecks.ofTable(table), before);
      assertEveryReferencedFileExists(table);
    }
  }

  /** Files under data/ (outputs, spilled runs) that no snapshot of the table references. */
  static Set<String> orphans(Table table) {
    Set<String> referenced = new HashSet<>();
    for (Snapshot s : table.history().allSnapshots()) {
      for (FileScanTask t : table.newScan().useSnapshot(s.snapshotId()).planFiles()) {
        referenced.add(t.file().path());
      }
    }
    Set<String> orphans = new HashSet<>();
    for (FileInfo f : table.io().list(table.location() + "/data/")) {
      if (!referenced.contains(f.location())) {
        orphans.add(f.location());
      }
    }
    return orphans;
  }

  static void assertEveryReferencedFileExists(Table table) {
    for (Snapshot s : table.history().allSnapshots()) {
      List<FileScanTask> tasks = table.newScan().useSnapshot(s.snapshotId()).planFiles();
      for (FileScanTask t : tasks) {
        assertThat(table.io().newInputFile(t.file().path()).exists()).as(t.file().path()).isTrue();
      }
    }
  }
}
