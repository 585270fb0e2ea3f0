package dev.floe.table;

import dev.floe.codec.ManifestJson;
import dev.floe.codec.ManifestListJson;
import dev.floe.commit.CommitContext;
import dev.floe.commit.IdempotencyKey;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shared by every snapshot-producing operation: writes manifests for added files, the manifest
 * list, and returns the metadata with the new snapshot current. Files it writes are attempt
 * files: deleted by the commit loop if the attempt loses its race.
 */
final class SnapshotProducer {
  private SnapshotProducer() {}

  /** A random positive id not used by any snapshot the table holds inline. */
  static long newSnapshotId(TableMetadata metadata) {
    while (true) {
      long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
      if (metadata.snapshot(id).isEmpty()) {
        return id;
      }
    }
  }

  static final String COMPRESSION = "floe.manifest.compression-codec";

  /** The file-name suffix for new manifests and manifest lists, by the table's compression setting. */
  static String manifestSuffix(TableMetadata metadata) {
    String codec = metadata.property(COMPRESSION, "none").trim().toLowerCase(java.util.Locale.ROOT);
    return switch (codec) {
      case "none" -> ".json";
      case "gzip" -> ".json.gz";
      case "zstd" -> ".json.zst";
      default -> throw new dev.floe.error.InvalidInputException(COMPRESSION,
          "must be none, gzip or zstd, got '" + codec + "'");
    };
  }

  static TableMetadata appendSnapshot(TableMetadata base, CommitContext ctx, long snapshotId,
      List<DataFile> added, Map<String, String> extraSummary) {
    long sequenceNumber = base.lastSequenceNumber() + 1;
    MetadataFiles files = new MetadataFiles(ctx.io(), base);
    List<ManifestFile> manifests = new ArrayList<>();
    Map<Integer, List<DataFile>> bySpec = new LinkedHashMap<>();
    for (DataFile f : added) {
      bySpec.computeIfAbsent(f.specId(), k -> new ArrayList<>()).add(f);
    }
    int k = 0;
    String manifestPrefix = UUID.randomUUID().toString();
    for (Map.Entry<Integer, List<DataFile>> group : bySpec.entrySet()) {
      PartitionSpec spec = base.spec(group.getKey());
      List<ManifestEntry> entries = new ArrayList<>(group.getValue().size());
      for (DataFile f : group.getValue()) {
        entries.add(new ManifestEntry(ManifestEntry.Status.ADDED, snapshotId, sequenceNumber, sequenceNumber, f));
      }
      String path = base.location() + "/metadata/" + manifestPrefix + "-m" + (k++) + manifestSuffix(base);
      ctx.attemptFile(path);
      manifests.add(ManifestJson.write(ctx.io().newOutputFile(path), spec,
          files.partitionType(spec.specId()), base.schema(), snapshotId, sequenceNumber, entries));
    }
    Optional<Snapshot> parent = base.currentSnapshot();
    if (parent.isPresent()) {
      // Only inherited manifests are merged: this commit's own manifests are referenced as written.
      List<ManifestFile> inherited = new ArrayList<>();
      for (ManifestFile m : files.manifests(parent.get())) {
        if (m.hasLiveFiles()) {
          inherited.add(m);
        }
      }
      manifests.addAll(ManifestMerger.merge(inherited, base, ctx, files, snapshotId, sequenceNumber));
    }

    long addedRecords = added.stream().mapToLong(DataFile::recordCount).sum();
    Map<String, String> summary = new LinkedHashMap<>(extraSummary);
    summary.put(Snapshot.OPERATION, "append");
    summary.put("added-data-files", String.valueOf(added.size()));
    summary.put("added-records", String.valueOf(addedRecords));
    summary.put("total-data-files", String.valueOf(
        parent.map(p -> p.summaryLong("total-data-files")).orElse(0L) + added.size()));
    summary.put("total-records", String.valueOf(
        parent.map(p -> p.summaryLong("total-records")).orElse(0L) + addedRecords));
    ctx.idempotencyKey().ifPresent(key -> {
      summary.put(IdempotencyKey.WRITER_ID, key.writerId());
      summary.put(IdempotencyKey.WRITER_SEQUENCE, String.valueOf(key.sequence()));
    });

    String listPath = base.location() + "/metadata/snap-" + snapshotId + "-" + UUID.randomUUID()
        + manifestSuffix(base);
    ctx.attemptFile(listPath);
    byte[] list = ManifestListJson.write(snapshotId, parent.map(Snapshot::snapshotId), sequenceNumber, manifests);
    try (OutputStream out = dev.floe.codec.Compression.wrapOutput(listPath, ctx.io().newOutputFile(listPath).create())) {
      out.write(list);
    } catch (IOException e) {
      throw new dev.floe.error.StorageException("cannot write manifest list " + listPath + ": " + e.getMessage(), e);
    }
    long timestamp = Math.max(ctx.nowMs(), parent.map(Snapshot::timestampMs).orElse(0L));
    Snapshot snapshot = new Snapshot(snapshotId, parent.map(Snapshot::snapshotId), sequenceNumber,
        timestamp, listPath, summary, OptionalInt.of(base.currentSchemaId()));
    TableMetadata withSnapshot = base.toBuilder().lastUpdatedMs(timestamp).addSnapshot(snapshot)
        .setBranchSnapshot(SnapshotRef.MAIN, snapshotId).build();
    return History.archiveIfNeeded(withSnapshot, ctx);
  }
}
