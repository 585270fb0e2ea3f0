package dev.floe.table;

import dev.floe.codec.ManifestJson;
import dev.floe.commit.CommitContext;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the number of manifests a snapshot names small, whatever the table's age, so that
 * writing a manifest list and planning a scan cost the same at commit 10,000 as at commit 100.
 * Manifests are tiered by live file count (tier t holds up to factor^(t+1) - 1 files); as soon as
 * a tier holds {@code factor} manifests they are merged into one of the next tier, like the
 * levels of a log-structured merge tree. Each file is rewritten O(log n) times in all.
 */
final class ManifestMerger {
  static final String MERGE_ENABLED = "commit.manifest-merge.enabled";
  static final String MERGE_FACTOR = "commit.manifest.merge-factor";
  static final int DEFAULT_FACTOR = 16;

  private ManifestMerger() {}

  static List<ManifestFile> merge(List<ManifestFile> manifests, TableMetadata base, CommitContext ctx,
      MetadataFiles files, long snapshotId, long sequenceNumber) {
    if (!Boolean.parseBoolean(base.property(MERGE_ENABLED, "true"))) {
      return manifests;
    }
    int factor = (int) Math.max(2, base.propertyAsLong(MERGE_FACTOR, DEFAULT_FACTOR));
    Map<Integer, List<ManifestFile>> bySpec = new LinkedHashMap<>();
    for (ManifestFile m : manifests) {
      bySpec.computeIfAbsent(m.specId(), k -> new ArrayList<>()).add(m);
    }
    List<ManifestFile> out = new ArrayList<>();
    for (Map.Entry<Integer, List<ManifestFile>> group : bySpec.entrySet()) {
      out.addAll(mergeSpec(group.getValue(), base.spec(group.getKey()), base, ctx, files, factor,
          snapshotId, sequenceNumber));
    }
    return out;
  }

  private static List<ManifestFile> mergeSpec(List<ManifestFile> manifests, PartitionSpec spec, TableMetadata base,
      CommitContext ctx, MetadataFiles files, int factor, long snapshotId, long sequenceNumber) {
    List<ManifestFile> current = new ArrayList<>(manifests);
    for (int tier = 0; tier < 16; tier++) {
      List<ManifestFile> inTier = new ArrayList<>();
      for (ManifestFile m : current) {
        if (tier(m, factor) == tier) {
          inTier.add(m);
        }
      }
      if (inTier.size() < factor) {
        continue;
      }
      current.removeAll(inTier);
      current.add(write(inTier, spec, base, ctx, files, snapshotId, sequenceNumber));
    }
    return current;
  }

  private static int tier(ManifestFile m, int factor) {
    long live = Math.max(1, (long) m.addedFilesCount() + m.existingFilesCount());
    int tier = 0;
    for (long limit = factor; live >= limit && tier < 15; limit *= factor) {
      tier++;
    }
    return tier;
  }

  private static ManifestFile write(List<ManifestFile> inputs, PartitionSpec spec, TableMetadata base,
      CommitContext ctx, MetadataFiles files, long snapshotId, long sequenceNumber) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (ManifestFile m : inputs) {
      for (ManifestEntry e : files.entries(m)) {
        if (e.isLive()) {
          entries.add(new ManifestEntry(ManifestEntry.Status.EXISTING, e.snapshotId(), e.sequenceNumber(),
              e.fileSequenceNumber(), e.file()));
        }
      }
    }
    String path = base.location() + "/metadata/" + UUID.randomUUID() + "-m0" + SnapshotProducer.manifestSuffix(base);
    ctx.attemptFile(path);
    return ManifestJson.write(ctx.io().newOutputFile(path), spec, files.partitionType(spec.specId()),
        base.schema(), snapshotId, sequenceNumber, entries);
  }
}
