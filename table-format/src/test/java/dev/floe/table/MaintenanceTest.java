package dev.floe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.error.NoSuchSnapshotException;
import dev.floe.expressions.Expressions;
import dev.floe.io.FileInfo;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.MetadataDiff;
import dev.floe.metadata.MetadataUpdate;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.testing.InMemoryFileIO;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Snapshot expiration and orphan removal on in-memory tables: what stays (by every retention
 * rule), what goes, that files are deleted only when nothing retained refers to them, and that
 * the history chain, time travel and idempotency keys stay consistent.
 */
class MaintenanceTest {
  private final InMemoryFileIO io = new InMemoryFileIO();

  /** Every file some snapshot of the table (all retained ones) refers to, metadata files aside. */
  private static Set<String> referenced(Table table) {
    Set<String> out = new TreeSet<>();
    MetadataFiles files = new MetadataFiles(table.io(), table.refresh());
    for (Snapshot s : table.history().allSnapshots()) {
      out.add(s.manifestList());
      for (ManifestFile m : files.readManifests(s)) {
        out.add(m.path());
        for (ManifestEntry e : files.entries(m)) {
          if (e.isLive()) {
            out.add(e.file().path());
          }
        }
      }
    }
    return out;
  }

  private Set<String> stored(Table table) {
    Set<String> out = new TreeSet<>();
    for (FileInfo f : io.list(table.location() + "/")) {
      out.add(f.location());
    }
    return out;
  }

  private static long now() {
    return System.currentTimeMillis() + 1;
  }

  /** Ten commits: appends of two rows each, with a delete of the first rows after the fifth. */
  private Table tableWithHistory(Map<String, String> props) {
    Table table = TestTables.create(io, "", props);
    for (int c = 0; c < 10; c++) {
      table.newAppend().appendRecords(TestTables.rows(c * 2L, c * 2L + 2)).commit();
      if (c == 4) {
        table.newDelete().deleteWhere(Expressions.lessThan("id", 4L)).commit();
      }
    }
    return table;
  }

  @Test
  void expiresOldSnapshotsAndDeletesOnlyWhatNoRetainedSnapshotUses() {
    Table table = tableWithHistory(Map.of());
    List<Snapshot> before = table.history().allSnapshots();
    Set<String> referencedBefore = referenced(table);
    long first = before.get(0).snapshotId();

    CleanupReport r = table.expireSnapshots().expireOlderThan(now()).retainLast(3).commit();

    List<Snapshot> after = table.refresh().snapshots();
    assertThat(after).hasSize(3);
    assertThat(r.expiredSnapshots()).hasSize(before.size() - 3);
    Set<String> live = referenced(table);
    Set<String> onlyExpired = new TreeSet<>(referencedBefore);
    onlyExpired.removeAll(live);
    Set<String> storedNow = stored(table);
    assertThat(storedNow).as("every file live snapshots refer to exists").containsAll(live);
    assertThat(storedNow).as("nothing only expired snapshots referred to remains").doesNotContainAnyElementsOf(onlyExpired);
    // the two files the delete dropped were referenced only by expired snapshots
    assertThat(r.count(FileKind.DATA)).isEqualTo(2);
    assertThat(r.count(FileKind.MANIFEST_LIST)).isEqualTo(before.size() - 3);
    assertThat(r.totalBytes()).isPositive();
    assertThat(TestTables.ids(table)).hasSize(16);

    assertThatThrownBy(() -> table.newScan().useSnapshot(first))
        .isInstanceOf(NoSuchSnapshotException.class).hasMessageContaining("expired");
    assertThatThrownBy(() -> table.newScan().asOfTime(before.get(1).timestampMs()))
        .isInstanceOf(NoSuchSnapshotException.class);
    assertThat(table.newScan().asOfTime(after.get(0).timestampMs()).count()).isEqualTo(12);
  }

  @Test
  void aDryRunReportsTheSameAndChangesNothing() {
    Table table = tableWithHistory(Map.of());
    TableMetadata before = table.refresh();
    Set<String> storedBefore = stored(table);

    CleanupReport dry = table.expireSnapshots().expireOlderThan(now()).retainLast(2).dryRun().commit();

    assertThat(table.refresh()).isEqualTo(before);
    assertThat(stored(table)).isEqualTo(storedBefore);
    assertThat(dry.dryRun()).isTrue();
    CleanupReport real = table.expireSnapshots().expireOlderThan(now()).retainLast(2).commit();
    assertThat(real.counts()).isEqualTo(dry.counts());
    assertThat(real.expiredSnapshots()).isEqualTo(dry.expiredSnapshots());
  }

  @Test
  void refsKeepTheirSnapshotsAndTheirRetentionRulesApply() {
    Table table = tableWithHistory(Map.of());
    List<Snapshot> all = table.history().allSnapshots();
    long tagged = all.get(1).snapshotId();
    long branchHead = all.get(3).snapshotId();
    table.manageSnapshots().createTag("keep", tagged).createBranch("b", branchHead).setMinSnapshotsToKeep("b", 2)
        .createTag("old", all.get(0).snapshotId()).setMaxRefAgeMs("old", 1).commit();

    table.expireSnapshots().expireOlderThan(now()).commit();

    Set<Long> left = new HashSet<>();
    table.refresh().snapshots().forEach(s -> left.add(s.snapshotId()));
    assertThat(left).contains(tagged, branchHead, all.get(2).snapshotId(), table.currentSnapshot().orElseThrow().snapshotId());
    assertThat(left).doesNotContain(all.get(0).snapshotId());
    assertThat(table.metadata().refs()).containsOnlyKeys("main", "keep", "b");
    assertThat(table.newScan().useRef("keep").count()).isEqualTo(4);
    assertThat(table.newScan().useRef("b").count()).isEqualTo(8);
  }

  @Test
  void expiringACurrentSnapshotIsRefused() {
    Table table = tableWithHistory(Map.of());
    long current = table.currentSnapshot().orElseThrow().snapshotId();
    TableMetadata before = table.refresh();
    assertThatThrownBy(() -> table.expireSnapshots().expireSnapshotId(current).commit())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("current snapshot of branch 'main'");
    assertThatThrownBy(() -> table.expireSnapshots().retainLast(0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> table.expireSnapshots().expireSnapshotId(42L).commit())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no snapshot 42");
    assertThat(table.refresh()).isEqualTo(before);
  }

  @Test
  void archivedSnapshotsExpireTooAndTheChainStaysConsistent() {
    Table table = TestTables.create(io, "", Map.of(HistoryFile.MAX_INLINE_PROPERTY, "4"));
    for (int c = 0; c < 30; c++) {
      AppendFiles a = table.newAppend().appendRecords(TestTables.rows(c, c + 1L));
      if (c < 3) {
        a.idempotencyKey("ingest", c);
      }
      a.commit();
    }
    List<Snapshot> all = table.history().allSnapshots();
    assertThat(table.refresh().snapshots().size()).isLessThan(all.size());
    long cutoff = all.get(20).timestampMs();
    Set<String> referencedBefore = referenced(table);

    table.expireSnapshots().expireOlderThan(cutoff).retainLast(1).commit();

    List<Snapshot> left = table.history().allSnapshots();
    assertThat(left).allMatch(s -> s.timestampMs() >= cutoff);
    assertThat(left).hasSize((int) all.stream().filter(s -> s.timestampMs() >= cutoff).count());
    assertThat(left.get(left.size() - 1).snapshotId()).isEqualTo(all.get(29).snapshotId());
    // an archived, retained snapshot is still reachable by time travel; an expired one is not
    long archivedRetained = left.get(0).snapshotId();
    assertThat(table.newScan().useSnapshot(archivedRetained).count()).isPositive();
    assertThatThrownBy(() -> table.newScan().useSnapshot(all.get(5).snapshotId()))
        .isInstanceOf(NoSuchSnapshotException.class);
    // the log starts after the expired snapshots
    assertThat(table.history().log().get(0).timestampMs()).isGreaterThanOrEqualTo(cutoff);
    // idempotency keys of expired snapshots still make replays no-ops
    assertThat(table.newAppend().idempotencyKey("ingest", 1).appendRecords(TestTables.rows(0, 1)).commit()
        .alreadyCommitted()).isTrue();
    Set<String> live = referenced(table);
    assertThat(stored(table)).containsAll(live);
    assertThat(TestTables.ids(table)).hasSize(30);
    referencedBefore.removeAll(live);
    assertThat(stored(table)).doesNotContainAnyElementsOf(referencedBefore);
  }

  @Test
  void smallBatchesGiveTheSameResult() {
    Table table = tableWithHistory(Map.of());
    CleanupReport r = table.expireSnapshots().expireOlderThan(now()).retainLast(1).batchSize(1).commit();
    assertThat(r.count(FileKind.DATA)).isEqualTo(2);
    assertThat(stored(table)).containsAll(referenced(table));
    assertThat(TestTables.ids(table)).hasSize(16);
  }

  @Test
  void theExpiryCommitIsExpressibleAsRestUpdates() {
    Table table = tableWithHistory(Map.of());
    TableMetadata base = table.refresh();
    table.expireSnapshots().expireOlderThan(now()).retainLast(4).commit();
    TableMetadata committed = table.refresh();

    MetadataDiff diff = MetadataDiff.between(base, committed);
    TableMetadata replayed = applyAll(base, diff);
    assertThat(replayed.snapshots()).isEqualTo(committed.snapshots());
    assertThat(replayed.snapshotLog()).isEqualTo(committed.snapshotLog());
    assertThat(replayed.refs()).isEqualTo(committed.refs());
  }

  private static TableMetadata applyAll(TableMetadata base, MetadataDiff diff) {
    var b = base.toBuilder();
    for (MetadataUpdate u : diff.updates()) {
      u.applyTo(b);
    }
    return b.build();
  }

  @Test
  void orphansAreRemovedOnlyWhenUnreferencedAndOldEnough() throws Exception {
    Table table = tableWithHistory(Map.of("write.metadata.previous-versions-max", "3"));
    String stray = table.location() + "/data/stray.parquet";
    String strayManifest = table.location() + "/metadata/" + java.util.UUID.randomUUID() + "-m0.json";
    for (String p : List.of(stray, strayManifest)) {
      try (var out = io.newOutputFile(p).create()) {
        out.write(new byte[] {1, 2, 3});
      }
    }
    Set<String> live = referenced(table);
    String currentMetadata = ((BaseTable) table).operations().currentMetadataLocation().orElseThrow();

    CleanupReport young = table.removeOrphanFiles().execute();
    assertThat(young.totalFiles()).as("nothing is three days old").isZero();

    CleanupReport dry = table.removeOrphanFiles().olderThan(now()).dryRun().execute();
    assertThat(stored(table)).contains(stray);
    CleanupReport r = table.removeOrphanFiles().olderThan(now()).execute();

    assertThat(r.counts()).isEqualTo(dry.counts());
    assertThat(r.examples(FileKind.DATA)).containsExactly(stray);
    assertThat(r.examples(FileKind.MANIFEST)).containsExactly(strayManifest);
    // metadata versions beyond the three the log keeps go; the log's and the current stay
    assertThat(r.count(FileKind.METADATA)).isPositive();
    Set<String> left = stored(table);
    assertThat(left).containsAll(live).contains(currentMetadata).doesNotContain(stray, strayManifest);
    for (var e : table.metadata().metadataLog()) {
      assertThat(left).contains(e.metadataFile());
    }
    assertThat(TestTables.ids(table)).hasSize(16);
  }

  @Test
  void expiryThenOrphanRemovalLeavesExactlyWhatIsReferenced() {
    Table table = TestTables.create(io, "", Map.of(HistoryFile.MAX_INLINE_PROPERTY, "4",
        "write.metadata.previous-versions-max", "1"));
    for (int c = 0; c < 12; c++) {
      table.newAppend().appendRecords(TestTables.rows(c, c + 1L)).commit();
      if (c % 4 == 3) {
        table.newDelete().deleteWhere(Expressions.equal("id", (long) c)).commit();
      }
    }
    table.expireSnapshots().expireOlderThan(now()).retainLast(2).commit();
    table.newAppend().appendRecords(TestTables.rows(100, 101)).commit(); // moves the metadata log on
    table.removeOrphanFiles().olderThan(now()).execute();

    Set<String> expected = referenced(table);
    new History(io, table.refresh()).chainLocationsNewestFirst().forEach(expected::add);
    expected.add(((BaseTable) table).operations().currentMetadataLocation().orElseThrow());
    table.metadata().metadataLog().forEach(e -> expected.add(e.metadataFile()));
    Set<String> left = new TreeSet<>(stored(table));
    left.remove(table.location() + "/metadata/version-hint.text");
    // whatever the single logged metadata version's chain names stays too
    left.removeAll(expected);
    for (String extra : new ArrayList<>(left)) {
      assertThat(extra).as("left over: %s", extra).contains("/metadata/history-");
    }
    assertThat(TestTables.ids(table)).hasSize(10);
  }
}
