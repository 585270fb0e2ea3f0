package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.NoSuchSnapshotException;
import dev.floe.expressions.Expressions;
import dev.floe.io.FileInfo;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.BaseTable;
import dev.floe.table.CleanupReport;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiration and orphan removal on a real disk: afterwards every file live snapshots use exists
 * and nothing only expired snapshots used remains; time travel to an expired snapshot fails with
 * a typed error; and a child JVM killed with SIGKILL in the middle of an expiration leaves a
 * table that reads correctly, whose leftovers orphan removal then clears.
 */
class MaintenanceIntegrationTest {
  private static final TableIdentifier ID = TableIdentifier.parse("db.events");

  @TempDir Path dir;

  /** Data files, manifests and manifest lists of every retained snapshot. */
  private static Set<String> referenced(Table table) {
    Set<String> out = new TreeSet<>();
    table.refresh();
    for (Snapshot s : table.history().allSnapshots()) {
      out.add(s.manifestList());
      for (FileScanTask t : table.newScan().useSnapshot(s.snapshotId()).planFiles()) {
        out.add(t.file().path());
      }
    }
    return out;
  }

  private static Set<String> stored(Table table) {
    Set<String> out = new TreeSet<>();
    for (FileInfo f : table.io().list(table.location() + "/")) {
      out.add(f.location());
    }
    return out;
  }

  private static Set<String> dataFiles(Set<String> files) {
    Set<String> out = new TreeSet<>();
    files.stream().filter(f -> f.endsWith(".parquet")).forEach(out::add);
    return out;
  }

  /** Appends, deletes, an update and branch work: files come and go. */
  private static void busyHistory(Table table, int rounds, long base) {
    for (int r = 0; r < rounds; r++) {
      long first = base + r * 20L;
      table.newAppend().appendRecords(Events.rows(first, first + 20)).commit();
      table.newDelete().deleteWhere(Expressions.and(Expressions.greaterThanOrEqual("id", first),
          Expressions.lessThan("id", first + 5))).commit();
      if (r % 3 == 0) {
        table.newUpdateRows().set("category", "fixed").where(Expressions.equal("id", first + 7)).commit();
      }
    }
  }

  @Test
  void afterExpiryAndOrphanRemovalTheDiskHoldsExactlyWhatLiveSnapshotsUse() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(ID, Events.SCHEMA, PartitionSpec.parse(Events.SCHEMA, "bucket(2, id)"),
          Map.of("floe.history.max-inline-snapshots", "6", "write.metadata.previous-versions-max", "2"));
      busyHistory(table, 8, 0);
      long oldSnapshot = table.history().allSnapshots().get(0).snapshotId();
      table.manageSnapshots().createBranch("side").commit();
      table.newAppend().toBranch("side").appendRecords(Events.rows(10_000, 10_010)).commit();
      busyHistory(table, 4, 1000);
      Set<String> before = referenced(table);
      Set<Long> rows = new TreeSet<>(TableChecks.ids(table));

      CleanupReport expired = table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1)
          .retainLast(2).commit();
      // new commits push the metadata log past the versions that named the old history chain
      table.newAppend().appendRecords(Events.rows(5000, 5001)).commit();
      table.newAppend().appendRecords(Events.rows(5001, 5002)).commit();
      table.newAppend().appendRecords(Events.rows(5002, 5003)).commit();
      rows.addAll(List.of(5000L, 5001L, 5002L));
      CleanupReport orphans = table.removeOrphanFiles().olderThan(System.currentTimeMillis() + 1).execute();

      Set<String> live = referenced(table);
      Set<String> disk = stored(table);
      assertThat(disk).as("every file of a live snapshot exists").containsAll(live);
      Set<String> onlyExpired = new TreeSet<>(before);
      onlyExpired.removeAll(live);
      assertThat(onlyExpired).isNotEmpty();
      assertThat(disk).as("nothing only expired snapshots used remains").doesNotContainAnyElementsOf(onlyExpired);
      assertThat(dataFiles(disk)).as("no data file beyond the live ones").isEqualTo(dataFiles(live));
      assertThat(expired.expiredSnapshots()).isNotEmpty();
      assertThat(orphans.totalFiles()).isPositive();
      assertThat(new TreeSet<>(TableChecks.ids(table))).isEqualTo(rows);
      assertThat(table.newScan().useRef("side").count()).isPositive();
      assertThatThrownBy(() -> table.newScan().useSnapshot(oldSnapshot))
          .isInstanceOf(NoSuchSnapshotException.class).hasMessageContaining(String.valueOf(oldSnapshot));
      // the metadata files left are the current one and those its log names
      long metadataFiles = disk.stream().filter(f -> f.endsWith(".metadata.json")).count();
      assertThat(metadataFiles).isEqualTo(1 + table.metadata().metadataLog().size());
      assertThat(((BaseTable) table).operations().currentMetadataLocation()).isPresent();
    }
  }

  @Test
  void aKilledExpirationLeavesAReadableTable() throws Exception {
    Random random = new Random(17);
    Set<Long> expected = new HashSet<>();
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      catalog.createTable(ID, Events.SCHEMA, PartitionSpec.unpartitioned(), Map.of());
    }
    int trials = 6;
    for (int trial = 0; trial < trials; trial++) {
      try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
        Table table = catalog.loadTable(ID);
        busyHistory(table, 6, trial * 1000L);
        expected.clear();
        expected.addAll(TableChecks.ids(table));
      }
      Process child = Children.start(ExpireWorker.class, dir.toString(), ID.toString());
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      // somewhere between the metadata commit and the last delete
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("phase scanning")) {
        // wait for the phase that deletes
      }
      long until = System.nanoTime() + random.nextInt(trial % 2 == 0 ? 5_000_000 : 40_000_000);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();

      try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
        Table table = catalog.loadTable(ID);
        assertThat(new HashSet<>(TableChecks.ids(table))).as("trial %d", trial).isEqualTo(expected);
        TableChecks.assertNothingMissing(table);
      }
    }
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.loadTable(ID);
      table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
      table.removeOrphanFiles().olderThan(System.currentTimeMillis() + 1).execute();
      assertThat(dataFiles(stored(table))).isEqualTo(dataFiles(referenced(table)));
      assertThat(new HashSet<>(TableChecks.ids(table))).isEqualTo(expected);
    }
  }
}
