package dev.floe.table;

import dev.floe.codec.ManifestJson;
import dev.floe.codec.ManifestListJson;
import dev.floe.commit.CommitContext;
import dev.floe.commit.IdempotencyKey;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.expressions.ManifestEvaluator;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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

  /**
   * The live files a snapshot removes, by path. {@code specIds} and {@code hint} only narrow which
   * manifests are opened to find them: a manifest of another spec, or one whose summaries rule out
   * {@code hint}, cannot hold any of them.
   */
  record Removals(Set<String> paths, Set<Integer> specIds, Expression hint) {
    static final Removals NONE = new Removals(Set.of(), Set.of(), Expressions.alwaysTrue());

    Removals {
      paths = Set.copyOf(paths);
      specIds = Set.copyOf(specIds);
    }

    static Removals of(Collection<DataFile> files, Expression hint) {
      Set<String> paths = new HashSet<>();
      Set<Integer> specs = new HashSet<>();
      for (DataFile f : files) {
        paths.add(f.path());
        specs.add(f.specId());
      }
      return new Removals(paths, specs, hint);
    }

    boolean isEmpty() {
      return paths.isEmpty();
    }
  }

  /** One snapshot's worth of change to a branch: files added, live files removed, summary extras. */
  record Change(String branch, long snapshotId, String operation, List<DataFile> added, Removals removals,
      Map<String, String> extraSummary) {
    Change {
      added = List.copyOf(added);
      extraSummary = Map.copyOf(extraSummary);
    }
  }

  /**
   * The metadata with a new snapshot on top of the branch's head: this change's files added in new
   * manifests, its removed files marked deleted in rewrites of only the manifests that list them,
   * the other manifests carried over (merged by tier). Every removed file must still be live at
   * the head: a file some concurrent commit removed or rewrote is a conflict, because dropping it
   * again could not remove rows that now live in another file.
   *
   * @throws ValidationException when a removed file is not live at the head
   */
  static TableMetadata produce(TableMetadata base, CommitContext ctx, Change change) {
    long snapshotId = change.snapshotId();
    long sequenceNumber = base.lastSequenceNumber() + 1;
    MetadataFiles files = new MetadataFiles(ctx.io(), base);
    Optional<Snapshot> parent = branchHead(base, change.branch());
    String manifestPrefix = UUID.randomUUID().toString();
    int[] counter = {0};

    List<ManifestFile> manifests = new ArrayList<>();
    Map<Integer, List<DataFile>> bySpec = new LinkedHashMap<>();
    for (DataFile f : change.added()) {
      bySpec.computeIfAbsent(f.specId(), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<Integer, List<DataFile>> group : bySpec.entrySet()) {
      List<ManifestEntry> entries = new ArrayList<>(group.getValue().size());
      for (DataFile f : group.getValue()) {
        entries.add(new ManifestEntry(ManifestEntry.Status.ADDED, snapshotId, sequenceNumber, sequenceNumber, f));
      }
      manifests.add(writeManifest(base, ctx, files, group.getKey(), manifestPrefix, counter, snapshotId,
          sequenceNumber, entries));
    }

    long removedRecords = 0;
    int removedFiles = 0;
    if (parent.isPresent()) {
      // Only inherited manifests are merged: this commit's own manifests are referenced as written.
      List<ManifestFile> inherited = new ArrayList<>();
      Removals removals = change.removals();
      Set<String> found = new HashSet<>();
      Map<Integer, ManifestEvaluator> hints = new HashMap<>();
      for (ManifestFile m : files.manifests(parent.get())) {
        if (!m.hasLiveFiles()) {
          continue;
        }
        if (removals.isEmpty() || !mayList(m, removals, hints, base)) {
          inherited.add(m);
          continue;
        }
        List<ManifestEntry> entries = files.entries(m);
        boolean touched = false;
        for (ManifestEntry e : entries) {
          if (e.isLive() && removals.paths().contains(e.file().path())) {
            touched = true;
            break;
          }
        }
        if (!touched) {
          inherited.add(m);
          continue;
        }
        List<ManifestEntry> rewritten = new ArrayList<>(entries.size());
        for (ManifestEntry e : entries) {
          if (!e.isLive()) {
            continue; // deletions recorded by earlier snapshots mean nothing to this one
          }
          if (removals.paths().contains(e.file().path())) {
            found.add(e.file().path());
            removedFiles++;
            removedRecords += e.file().recordCount();
            rewritten.add(new ManifestEntry(ManifestEntry.Status.DELETED, snapshotId, e.sequenceNumber(),
                e.fileSequenceNumber(), e.file()));
          } else {
            rewritten.add(new ManifestEntry(ManifestEntry.Status.EXISTING, e.snapshotId(), e.sequenceNumber(),
                e.fileSequenceNumber(), e.file()));
          }
        }
        manifests.add(writeManifest(base, ctx, files, m.specId(), manifestPrefix, counter, snapshotId,
            sequenceNumber, rewritten));
      }
      if (found.size() < removals.paths().size()) {
        throw notLive(removals.paths(), found, change, parent.get());
      }
      manifests.addAll(ManifestMerger.merge(inherited, base, ctx, files, snapshotId, sequenceNumber));
    } else if (!change.removals().isEmpty()) {
      throw new ValidationException("cannot commit the " + change.operation() + " to branch '" + change.branch()
          + "': the branch has no snapshot, so none of the " + change.removals().paths().size()
          + " files it removes is in the table; plan it again");
    }

    return finish(base, ctx, change, parent, sequenceNumber, manifests, removedFiles, removedRecords);
  }

  /**
   * A snapshot of exactly the head's files under new manifests (a manifest rewrite): every live
   * entry of each spec's manifests is written again by {@link ManifestMerger#rewrite}, clustered
   * by partition into manifests of about {@code targetBytes}, with its snapshot id and sequence
   * numbers. Computed from {@code base} on every attempt, so it never conflicts.
   */
  static TableMetadata replaceManifests(TableMetadata base, CommitContext ctx, Change change, long targetBytes) {
    long sequenceNumber = base.lastSequenceNumber() + 1;
    MetadataFiles files = new MetadataFiles(ctx.io(), base);
    Optional<Snapshot> parent = branchHead(base, change.branch());
    if (parent.isEmpty()) {
      return base;
    }
    List<ManifestFile> before = files.manifests(parent.get());
    Map<Integer, List<ManifestFile>> bySpec = new LinkedHashMap<>();
    for (ManifestFile m : before) {
      if (m.hasLiveFiles()) {
        bySpec.computeIfAbsent(m.specId(), k -> new ArrayList<>()).add(m);
      }
    }
    List<ManifestFile> manifests = new ArrayList<>();
    long entries = 0;
    for (Map.Entry<Integer, List<ManifestFile>> group : bySpec.entrySet()) {
      for (ManifestFile m : group.getValue()) {
        entries += (long) m.addedFilesCount() + m.existingFilesCount();
      }
      manifests.addAll(ManifestMerger.rewrite(group.getValue(), base.spec(group.getKey()), base, ctx, files,
          targetBytes, change.snapshotId(), sequenceNumber));
    }
    Map<String, String> summary = new LinkedHashMap<>(change.extraSummary());
    summary.put("manifests-replaced", String.valueOf(before.size()));
    summary.put("manifests-created", String.valueOf(manifests.size()));
    summary.put("entries-processed", String.valueOf(entries));
    Change withCounts = new Change(change.branch(), change.snapshotId(), change.operation(), List.of(),
        Removals.NONE, summary);
    return finish(base, ctx, withCounts, parent, sequenceNumber, manifests, 0, 0);
  }

  /** Summary, manifest list and snapshot of a change whose manifests are written; the branch moves to it. */
  private static TableMetadata finish(TableMetadata base, CommitContext ctx, Change change, Optional<Snapshot> parent,
      long sequenceNumber, List<ManifestFile> manifests, int removedFiles, long removedRecords) {
    long snapshotId = change.snapshotId();
    long addedRecords = change.added().stream().mapToLong(DataFile::recordCount).sum();
    Map<String, String> summary = new LinkedHashMap<>(change.extraSummary());
    summary.put(Snapshot.OPERATION, change.operation());
    summary.put("added-data-files", String.valueOf(change.added().size()));
    summary.put("added-records", String.valueOf(addedRecords));
    if (removedFiles > 0) {
      summary.put("deleted-data-files", String.valueOf(removedFiles));
      summary.put("deleted-records", String.valueOf(removedRecords));
    }
    summary.put("total-data-files", String.valueOf(
        parent.map(p -> p.summaryLong("total-data-files")).orElse(0L) + change.added().size() - removedFiles));
    summary.put("total-records", String.valueOf(
        parent.map(p -> p.summaryLong("total-records")).orElse(0L) + addedRecords - removedRecords));
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
    long timestamp = Math.max(ctx.nowMs(), lastLoggedMs(base, parent));
    Snapshot snapshot = new Snapshot(snapshotId, parent.map(Snapshot::snapshotId), sequenceNumber,
        timestamp, listPath, summary, OptionalInt.of(base.currentSchemaId()));
    ctx.produced(snapshotId);
    TableMetadata withSnapshot = base.toBuilder().lastUpdatedMs(timestamp).addSnapshot(snapshot)
        .setBranchSnapshot(change.branch(), snapshotId).build();
    return History.archiveIfNeeded(withSnapshot, ctx);
  }

  /** The branch name, checked now: a write to a tag or a missing branch fails before any work. */
  static String writableBranch(TableMetadata metadata, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("branch", "must not be blank");
    }
    branchHead(metadata, name);
    return name;
  }

  /** A branch's head snapshot; empty for a branch without one (a new table's main). */
  static Optional<Snapshot> branchHead(TableMetadata metadata, String branch) {
    SnapshotRef ref = metadata.refs().get(branch);
    if (ref == null) {
      if (branch.equals(SnapshotRef.MAIN)) {
        return Optional.empty();
      }
      throw new InvalidInputException("branch", "table " + metadata.location() + " has no branch '" + branch
          + "'; create it first (ManageSnapshots.createBranch)");
    }
    if (ref.type() != SnapshotRef.Type.BRANCH) {
      throw new InvalidInputException("branch", "'" + branch + "' is a tag, and tags cannot be written to;"
          + " write to a branch");
    }
    return metadata.snapshot(ref.snapshotId());
  }

  /** Snapshot times never go backwards, on a branch or in main's snapshot log. */
  private static long lastLoggedMs(TableMetadata base, Optional<Snapshot> parent) {
    long last = parent.map(Snapshot::timestampMs).orElse(0L);
    List<dev.floe.metadata.HistoryEntry> log = base.snapshotLog();
    return log.isEmpty() ? last : Math.max(last, log.get(log.size() - 1).timestampMs());
  }

  private static boolean mayList(ManifestFile m, Removals removals, Map<Integer, ManifestEvaluator> hints,
      TableMetadata base) {
    if (!removals.specIds().isEmpty() && !removals.specIds().contains(m.specId())) {
      return false;
    }
    if (removals.hint() instanceof Expression.True) {
      return true;
    }
    return hints.computeIfAbsent(m.specId(),
        id -> new ManifestEvaluator(base.spec(id), base.schema(), removals.hint())).mightMatch(m);
  }

  private static ManifestFile writeManifest(TableMetadata base, CommitContext ctx, MetadataFiles files, int specId,
      String prefix, int[] counter, long snapshotId, long sequenceNumber, List<ManifestEntry> entries) {
    PartitionSpec spec = base.spec(specId);
    String path = base.location() + "/metadata/" + prefix + "-m" + (counter[0]++) + manifestSuffix(base);
    ctx.attemptFile(path);
    return ManifestJson.write(ctx.io().newOutputFile(path), spec, files.partitionType(spec.specId()),
        base.schema(), snapshotId, sequenceNumber, entries);
  }

  private static ValidationException notLive(Set<String> wanted, Set<String> found, Change change, Snapshot head) {
    List<String> missing = new ArrayList<>();
    for (String p : wanted) {
      if (!found.contains(p)) {
        missing.add(p);
      }
    }
    java.util.Collections.sort(missing);
    return new ValidationException("conflict: the " + change.operation() + " removes " + missing.size()
        + " file(s) that are no longer in branch '" + change.branch() + "' at snapshot " + head.snapshotId()
        + " (a concurrent commit removed or rewrote them), e.g. " + missing.get(0)
        + "; plan the operation again on the current table");
  }
}
