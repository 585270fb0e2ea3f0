package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ManifestRewrite implements RewriteManifests {
  private final ChangeSink sink;
  private final Map<String, String> summary = new LinkedHashMap<>();
  private Optional<Long> targetBytes = Optional.empty();
  private String branch = SnapshotRef.MAIN;
  private boolean committed;

  ManifestRewrite(ChangeSink sink) {
    this.sink = sink;
  }

  @Override
  public RewriteManifests targetSizeBytes(long bytes) {
    if (bytes <= 0) {
      throw new InvalidInputException("target-size-bytes", "must be positive, got " + bytes);
    }
    targetBytes = Optional.of(bytes);
    return this;
  }

  @Override
  public RewriteManifests toBranch(String name) {
    SnapshotProducer.branchHead(sink.current(), name); // fails now for a tag or a missing branch
    branch = name;
    return this;
  }

  @Override
  public RewriteManifests set(String key, String value) {
    if (key.startsWith("floe.") || key.equals(Snapshot.OPERATION)) {
      throw new InvalidInputException(key, "summary key is reserved");
    }
    summary.put(key, value);
    return this;
  }

  /** One manifest per spec, no deleted entries, not above the target: a rewrite would change nothing. */
  private boolean alreadyCompact(Snapshot head) {
    long target = targetBytes.orElseGet(() -> sink.current().propertyAsLong(ManifestMerger.TARGET_SIZE,
        ManifestMerger.DEFAULT_TARGET_SIZE));
    Map<Integer, Integer> perSpec = new HashMap<>();
    for (ManifestFile m : new MetadataFiles(sink.io(), sink.current()).manifests(head)) {
      if (m.deletedFilesCount() > 0 || m.length() > target || perSpec.merge(m.specId(), 1, Integer::sum) > 1) {
        return false;
      }
    }
    return true;
  }

  @Override
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("this manifest rewrite was already committed");
    }
    committed = true;
    Optional<Snapshot> head = SnapshotProducer.branchHead(sink.current(), branch);
    if (head.isEmpty() || alreadyCompact(head.get())) {
      return new CommitResult(sink.current(), Optional.empty(), 0, false);
    }
    long snapshotId = SnapshotProducer.newSnapshotId(sink.current());
    SnapshotProducer.Change change = new SnapshotProducer.Change(branch, snapshotId, "replace", List.of(),
        SnapshotProducer.Removals.NONE, summary);
    return sink.submit((base, ctx) -> SnapshotProducer.replaceManifests(base, ctx, change,
        targetBytes.orElseGet(() -> Math.max(1, base.propertyAsLong(ManifestMerger.TARGET_SIZE,
            ManifestMerger.DEFAULT_TARGET_SIZE)))), Optional.empty(), () -> {});
  }
}
