package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.codec.ManifestJson;
import dev.floe.codec.ManifestListJson;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.table.Table;
import dev.floe.util.CloseableIterator;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Manifest rewrites: fewer manifests, clustered by partition, every entry exactly as it was. */
class ManifestRewriteTest extends OnDiskTest {

  @BeforeEach
  void setUp() {
    // no merging on commit: one manifest per append, the state a rewrite is for
    table = Tables.create(catalog, "bucket(4, id)", Map.of("commit.manifest-merge.enabled", "false",
        "commit.manifest.target-size-bytes", "32768"));
    Tables.appendCommits(table, 30, 40);
  }

  private List<ManifestFile> manifests(Snapshot s) throws Exception {
    try (InputStream in = table.io().newInputFile(s.manifestList()).newStream()) {
      return ManifestListJson.read(s.manifestList(), in, id -> table.metadata().spec(id).partitionType(table.schema()),
          ManifestJson.typesOf(table.schema()));
    }
  }

  /** Every live entry: path -> (status-free) snapshot id and both sequence numbers. */
  private Map<String, List<Long>> liveEntries(Snapshot s) throws Exception {
    Map<String, List<Long>> out = new HashMap<>();
    for (ManifestFile m : manifests(s)) {
      try (InputStream in = table.io().newInputFile(m.path()).newStream();
           CloseableIterator<ManifestEntry> it = ManifestJson.read(m, in,
               table.metadata().spec(m.specId()).partitionType(table.schema()), ManifestJson.typesOf(table.schema()))) {
        while (it.hasNext()) {
          ManifestEntry e = it.next();
          if (e.isLive()) {
            assertThat(out.put(e.file().path(), List.of(e.snapshotId(), e.sequenceNumber(), e.fileSequenceNumber())))
                .as("listed once: %s", e.file().path()).isNull();
          }
        }
      }
    }
    return out;
  }

  /** How many bucket values a manifest's partition summary admits. */
  static int bucketsCovered(ManifestFile m) {
    return (Integer) m.partitions().get(0).upperBound().orElseThrow()
        - (Integer) m.partitions().get(0).lowerBound().orElseThrow() + 1;
  }

  @Test
  void mergesAndClustersManifestsKeepingEveryEntryExactly() throws Exception {
    Snapshot before = table.currentSnapshot().orElseThrow();
    List<ManifestFile> manifestsBefore = manifests(before);
    Map<String, List<Long>> entriesBefore = liveEntries(before);
    RowChecks.Rows rows = RowChecks.ofTable(table);
    assertThat(manifestsBefore).hasSize(30).allSatisfy(m -> assertThat(bucketsCovered(m)).isEqualTo(4));

    ManifestRewriteResult r = Compaction.rewriteManifests(table);

    Snapshot after = table.currentSnapshot().orElseThrow();
    assertThat(r.snapshotId()).contains(after.snapshotId());
    assertThat(after.operation()).isEqualTo("replace");
    assertThat(r.manifestsBefore()).isEqualTo(30);
    List<ManifestFile> manifestsAfter = manifests(after);
    assertThat(r.manifestsAfter()).isEqualTo(manifestsAfter.size());
    assertThat(manifestsAfter.size()).isBetween(2, 10);
    assertThat(r.entries()).isEqualTo(entriesBefore.size());
    assertThat(liveEntries(after)).isEqualTo(entriesBefore);
    // clustered: each manifest's partition summary spans one or two of the four buckets
    assertThat(manifestsAfter).allSatisfy(m -> assertThat(bucketsCovered(m)).isLessThanOrEqualTo(2));
    RowChecks.assertSameRows(RowChecks.ofTable(table), rows);
    // incremental reads still find files by the snapshot that appended them
    List<Snapshot> snapshots = table.snapshots();
    long appended = table.newScan().appendsBetween(snapshots.get(9).snapshotId(), after.snapshotId()).count();
    assertThat(appended).isEqualTo(20 * 40);
    assertThat(table.newScan().useSnapshot(snapshots.get(4).snapshotId()).count()).isEqualTo(5 * 40);
  }

  @Test
  void aTableWithOneManifestOrNoneIsLeftAsItIs() {
    Table empty = catalog.createTable(dev.floe.catalog.TableIdentifier.parse("db.empty"), WideRows.SCHEMA,
        dev.floe.partition.PartitionSpec.unpartitioned(), Map.of());
    assertThat(Compaction.rewriteManifests(empty).snapshotId()).isEmpty();
    empty.newAppend().appendRecords(WideRows.rows(0, 10)).commit();
    long snapshots = empty.snapshots().size();
    ManifestRewriteResult r = Compaction.rewriteManifests(empty);
    assertThat(r.snapshotId()).isEmpty();
    assertThat(r.manifestsBefore()).isEqualTo(1);
    assertThat(empty.snapshots()).hasSize((int) snapshots);
  }

  @Test
  void appendsCommittedWhileManifestsAreRewrittenAreKept() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> appended = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Thread appender = new Thread(() -> {
      try (StorageCatalog own = Tables.catalog(dir)) {
        Table mine = own.loadTable(Tables.ID);
        for (long k = 0; !stop.get() || k < 3; k++) {
          long from = 1_000_000 + k * 10;
          mine.newAppend().appendRecords(WideRows.rows(from, from + 10)).commit();
          for (long id = from; id < from + 10; id++) {
            appended.add(id);
          }
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    appender.start();
    for (int i = 0; i < 5; i++) {
      Compaction.rewriteManifests(table);
    }
    stop.set(true);
    appender.join(120_000);
    assertThat(failures).isEmpty();
    table.refresh();
    List<Long> ids = new ArrayList<>();
    try (var it = table.newScan().select("id").records()) {
      it.forEachRemaining(rec -> ids.add((Long) rec.get(0)));
    }
    List<Long> expected = new ArrayList<>();
    for (long id = 0; id < 30 * 40; id++) {
      expected.add(id);
    }
    expected.addAll(appended);
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
  }
}
