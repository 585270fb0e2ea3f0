package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.codec.ManifestListJson;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many small appends: the manifest list stays short, and nothing is lost or duplicated by merges. */
class ManifestMergeTest {
  @TempDir Path dir;

  private static int manifestCount(Table table, Snapshot s) throws Exception {
    try (InputStream in = table.io().newInputFile(s.manifestList()).newStream()) {
      return ManifestListJson.read(s.manifestList(), in, id -> table.metadata().spec(id).partitionType(table.schema()),
          id -> table.schema().findField(id).map(f -> f.type().asPrimitive()).orElse(null)).size();
    }
  }

  @Test
  void manySmallAppendsKeepFewManifestsAndEveryRow() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.parse(Events.SCHEMA, "bucket(2, id)"), Map.of("commit.manifest.merge-factor", "4"));
      int commits = 70;
      int maxManifests = 0;
      for (int c = 0; c < commits; c++) {
        table.newAppend().appendRecords(Events.rows(c * 2L, c * 2L + 2)).commit();
        maxManifests = Math.max(maxManifests, manifestCount(table, table.currentSnapshot().orElseThrow()));
      }
      // factor 4, 70 commits of 1-2 files each: a handful per tier, never one per commit.
      assertThat(maxManifests).isLessThan(20);
      List<Long> ids = TableChecks.ids(table);
      assertThat(ids).hasSize(commits * 2).doesNotHaveDuplicates();

      // Every older snapshot still reads exactly its rows, and incremental scans still see the
      // files by the snapshot that added them, after merges carried them into other manifests.
      List<Snapshot> snapshots = table.snapshots();
      for (int c : new int[] {0, 9, 33, 69}) {
        assertThat(table.newScan().useSnapshot(snapshots.get(c).snapshotId()).count()).isEqualTo((c + 1) * 2L);
      }
      Set<Long> appended = new HashSet<>();
      try (var it = table.newScan().appendsBetween(snapshots.get(9).snapshotId(), snapshots.get(40).snapshotId())
          .select("id").records()) {
        it.forEachRemaining(r -> appended.add((Long) r.get(0)));
      }
      Set<Long> expected = java.util.stream.LongStream.range(20, 82).boxed().collect(Collectors.toSet());
      assertThat(appended).isEqualTo(expected);
      TableChecks.assertNothingMissing(table);
    }
  }

  private static List<ManifestFile> manifests(Table table, Snapshot s) throws Exception {
    try (InputStream in = table.io().newInputFile(s.manifestList()).newStream()) {
      return ManifestListJson.read(s.manifestList(), in, id -> table.metadata().spec(id).partitionType(table.schema()),
          id -> table.schema().findField(id).map(f -> f.type().asPrimitive()).orElse(null));
    }
  }

  @Test
  void overTheManifestCountThresholdSmallManifestsMergeClusteredByPartition() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      // a factor tiering never reaches here, so only the count threshold merges
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.parse(Events.SCHEMA, "bucket(4, id)"), Map.of("commit.manifest.merge-factor", "1000",
              "commit.manifest.min-count-to-merge", "8", "commit.manifest.target-size-bytes", "65536"));
      int commits = 60;
      int maxManifests = 0;
      for (int c = 0; c < commits; c++) {
        table.newAppend().appendRecords(Events.rows(c * 8L, c * 8L + 8)).commit();
        maxManifests = Math.max(maxManifests, manifestCount(table, table.currentSnapshot().orElseThrow()));
      }
      assertThat(maxManifests).as("the threshold keeps the count near it").isLessThan(30);
      assertThat(TableChecks.ids(table)).hasSize(commits * 8).doesNotHaveDuplicates();

      // clustered: most merged manifests' partition summaries span one or two of the four buckets,
      // where a manifest of one append spans all four
      List<ManifestFile> last = manifests(table, table.currentSnapshot().orElseThrow());
      assertThat(last).hasSizeGreaterThan(4);
      long narrow = last.stream().filter(m -> (Integer) m.partitions().get(0).upperBound().orElseThrow()
          - (Integer) m.partitions().get(0).lowerBound().orElseThrow() <= 1).count();
      assertThat(narrow).as("of %d manifests", last.size()).isGreaterThanOrEqualTo(last.size() / 2);

      // merged entries keep the snapshot that added them: time travel and incremental reads agree
      List<Snapshot> snapshots = table.snapshots();
      assertThat(table.newScan().useSnapshot(snapshots.get(29).snapshotId()).count()).isEqualTo(30 * 8L);
      Set<Long> appended = new HashSet<>();
      try (var it = table.newScan().appendsBetween(snapshots.get(19).snapshotId(), snapshots.get(49).snapshotId())
          .select("id").records()) {
        it.forEachRemaining(r -> appended.add((Long) r.get(0)));
      }
      assertThat(appended).isEqualTo(java.util.stream.LongStream.range(160, 400).boxed().collect(Collectors.toSet()));
      TableChecks.assertNothingMissing(table);
    }
  }

  @Test
  void compressedManifestsAreWrittenAndReadBack() throws Exception {
    for (String codec : new String[] {"gzip", "zstd"}) {
      try (StorageCatalog catalog = StorageCatalog.open(dir.resolve(codec).toString(), Map.of())) {
        Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA, PartitionSpec.unpartitioned(),
            Map.of("floe.manifest.compression-codec", codec, "commit.manifest.merge-factor", "2"));
        for (int c = 0; c < 5; c++) {
          table.newAppend().appendRecords(Events.rows(c * 10L, c * 10L + 10)).commit();
        }
        String suffix = codec.equals("gzip") ? ".json.gz" : ".json.zst";
        assertThat(table.currentSnapshot().orElseThrow().manifestList()).endsWith(suffix);
        List<String> manifests = table.io().list(table.location() + "/metadata/").stream()
            .map(f -> f.location()).filter(l -> l.contains("-m")).collect(Collectors.toList());
        assertThat(manifests).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(suffix));
        Table reloaded = catalog.loadTable(TableIdentifier.parse("db.t"));
        assertThat(TableChecks.ids(reloaded)).hasSize(50).doesNotHaveDuplicates();
      }
    }
  }
}
