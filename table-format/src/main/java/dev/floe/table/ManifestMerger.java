package dev.floe.table;

import dev.floe.codec.ManifestJson;
import dev.floe.commit.CommitContext;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Comparators;
import dev.floe.types.Types;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>A backstop on top: when a snapshot would still name {@value #MIN_COUNT_TO_MERGE} or more
 * manifests (many specs, a large factor, merging turned off and on again), the carried-over
 * manifests below the target size are merged into manifests of about that size. Every merge
 * writes its entries clustered by partition, so that a manifest covers few partitions and
 * planning skips more of them by their partition summaries. {@link #rewrite} is the same merge
 * for an explicit manifest rewrite.
 */
final class ManifestMerger {
  static final String MERGE_ENABLED = "commit.manifest-merge.enabled";
  static final String MERGE_FACTOR = "commit.manifest.merge-factor";
  static final int DEFAULT_FACTOR = 16;
  /** Iceberg's name: merge once a snapshot would name at least this many manifests. */
  static final String MIN_COUNT_TO_MERGE = "commit.manifest.min-count-to-merge";
  static final int DEFAULT_MIN_COUNT_TO_MERGE = 100;
  static final String TARGET_SIZE = "commit.manifest.target-size-bytes";
  static final long DEFAULT_TARGET_SIZE = 8L << 20;

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
    Map<Integer, List<ManifestFile>> merged = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<Integer, List<ManifestFile>> group : bySpec.entrySet()) {
      List<ManifestFile> m = mergeSpec(group.getValue(), base.spec(group.getKey()), base, ctx, files, factor,
          snapshotId, sequenceNumber);
      merged.put(group.getKey(), m);
      count += m.size();
    }
    // + 1: the committing snapshot's own manifest
    if (count + 1 >= Math.max(2, base.propertyAsLong(MIN_COUNT_TO_MERGE, DEFAULT_MIN_COUNT_TO_MERGE))) {
      long target = Math.max(1, base.propertyAsLong(TARGET_SIZE, DEFAULT_TARGET_SIZE));
      for (Map.Entry<Integer, List<ManifestFile>> group : merged.entrySet()) {
        group.setValue(mergeSmall(group.getValue(), base.spec(group.getKey()), base, ctx, files, target, factor,
            snapshotId, sequenceNumber));
      }
    }
    List<ManifestFile> out = new ArrayList<>();
    merged.values().forEach(out::addAll);
    return out;
  }

  /**
   * Merges the manifests below the target size into ones of about that size, once they are
   * {@code factor} or more or fill a target manifest: a short remainder is not rewritten again on
   * every commit.
   */
  private static List<ManifestFile> mergeSmall(List<ManifestFile> manifests, PartitionSpec spec, TableMetadata base,
      CommitContext ctx, MetadataFiles files, long target, int factor, long snapshotId, long sequenceNumber) {
    List<ManifestFile> small = new ArrayList<>();
    List<ManifestFile> kept = new ArrayList<>();
    long smallBytes = 0;
    for (ManifestFile m : manifests) {
      if (m.length() < target) {
        small.add(m);
        smallBytes += m.length();
      } else {
        kept.add(m);
      }
    }
    if (small.size() < 2 || (small.size() < factor && smallBytes < target)) {
      return manifests;
    }
    kept.addAll(rewrite(small, spec, base, ctx, files, target, snapshotId, sequenceNumber));
    return kept;
  }

  /**
   * Rewrites manifests of one spec into manifests of about {@code targetBytes} each (judged by
   * the inputs' bytes per entry), keeping every live entry exactly (as {@code existing}, with its
   * snapshot id and both sequence numbers) and clustering entries by partition.
   */
  static List<ManifestFile> rewrite(List<ManifestFile> inputs, PartitionSpec spec, TableMetadata base,
      CommitContext ctx, MetadataFiles files, long targetBytes, long snapshotId, long sequenceNumber) {
    List<ManifestEntry> entries = liveEntries(inputs, files);
    long bytes = 0;
    long lines = 0;
    for (ManifestFile m : inputs) {
      bytes += m.length();
      lines += (long) m.addedFilesCount() + m.existingFilesCount() + m.deletedFilesCount();
    }
    long perManifest = Math.max(1, lines == 0 ? entries.size() : targetBytes / Math.max(1, bytes / lines));
    List<ManifestFile> out = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += (int) Math.min(perManifest, Integer.MAX_VALUE)) {
      int to = (int) Math.min(entries.size(), from + perManifest);
      out.add(writeEntries(entries.subList(from, to), spec, base, ctx, files, snapshotId, sequenceNumber));
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
    return writeEntries(liveEntries(inputs, files), spec, base, ctx, files, snapshotId, sequenceNumber);
  }

  /** The inputs' live entries as {@code existing}, ids and sequence numbers kept, sorted by partition (stable). */
  private static List<ManifestEntry> liveEntries(List<ManifestFile> inputs, MetadataFiles files) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (ManifestFile m : inputs) {
      for (ManifestEntry e : files.entries(m)) {
        if (e.isLive()) {
          entries.add(new ManifestEntry(ManifestEntry.Status.EXISTING, e.snapshotId(), e.sequenceNumber(),
              e.fileSequenceNumber(), e.file()));
        }
      }
    }
    if (!inputs.isEmpty()) {
      entries.sort(partitionOrder(files.partitionType(inputs.get(0).specId())));
    }
    return entries;
  }

  /** Entries by partition tuple, field by field, nulls first, in each field's type order. */
  private static Comparator<ManifestEntry> partitionOrder(Types.StructType partitionType) {
    List<Types.NestedField> fields = partitionType.fields();
    List<Comparator<Object>> byField = new ArrayList<>();
    for (Types.NestedField f : fields) {
      byField.add(Comparator.nullsFirst(Comparators.forType(f.type().asPrimitive())));
    }
    return (a, b) -> {
      for (int i = 0; i < byField.size(); i++) {
        int c = byField.get(i).compare(a.file().partition().get(i), b.file().partition().get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static ManifestFile writeEntries(List<ManifestEntry> entries, PartitionSpec spec, TableMetadata base,
      CommitContext ctx, MetadataFiles files, long snapshotId, long sequenceNumber) {
    String path = base.location() + "/metadata/" + UUID.randomUUID() + "-m0" + SnapshotProducer.manifestSuffix(base);
    ctx.attemptFile(path);
    return ManifestJson.write(ctx.io().newOutputFile(path), spec, files.partitionType(spec.specId()),
        base.schema(), snapshotId, sequenceNumber, entries);
  }
}
