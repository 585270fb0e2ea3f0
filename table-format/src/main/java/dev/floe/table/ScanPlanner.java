package dev.floe.table;

import dev.floe.expressions.Expression;
import dev.floe.expressions.InclusiveMetricsEvaluator;
import dev.floe.expressions.ManifestEvaluator;
import dev.floe.expressions.PartitionEvaluator;
import dev.floe.expressions.ResidualEvaluator;
import dev.floe.io.FileIO;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a snapshot and a filter into file tasks, pruning at each level: whole manifests by their
 * partition and column summaries, then files by partition values and column stats. Row groups
 * and rows are pruned later, by the reader, with the residual.
 */
final class ScanPlanner {
  private final TableMetadata metadata;
  private final Schema schema;
  private final Expression filter;
  private final MetadataFiles files;
  private final InclusiveMetricsEvaluator fileStats;
  private final Map<Integer, SpecEvaluators> bySpec = new HashMap<>();

  private record SpecEvaluators(PartitionSpec spec, ManifestEvaluator manifests,
      PartitionEvaluator partitions, ResidualEvaluator residuals) {}

  private final History history;

  ScanPlanner(FileIO io, TableMetadata metadata, Schema schema, Expression filter) {
    this.metadata = metadata;
    this.history = new History(io, metadata);
    this.schema = schema;
    this.filter = filter;
    this.files = new MetadataFiles(io, metadata);
    this.fileStats = new InclusiveMetricsEvaluator(schema, filter);
  }

  private SpecEvaluators evaluators(int specId) {
    return bySpec.computeIfAbsent(specId, id -> {
      PartitionSpec spec = metadata.spec(id);
      return new SpecEvaluators(spec, new ManifestEvaluator(spec, schema, filter),
          new PartitionEvaluator(spec, schema, filter), new ResidualEvaluator(spec, schema, filter));
    });
  }

  List<FileScanTask> plan(Snapshot snapshot) {
    List<FileScanTask> tasks = new ArrayList<>();
    for (ManifestFile manifest : files.manifests(snapshot)) {
      SpecEvaluators ev = evaluators(manifest.specId());
      if (!ev.manifests.mightMatch(manifest)) {
        continue;
      }
      for (ManifestEntry entry : files.entries(manifest)) {
        if (entry.isLive()) {
          addIfMatches(entry.file(), ev, tasks);
        }
      }
    }
    return tasks;
  }

  /**
   * Files added by the snapshots after {@code fromExclusive} up to {@code to}, following parents.
   * Only appends add rows an incremental read can return: a range holding an overwrite or delete
   * changed rows it cannot express, and a replace (compaction) that rewrote a file appended in the
   * range moved those rows into a file this read would miss. Both fail rather than return too few
   * rows.
   */
  List<FileScanTask> planAppends(long fromExclusive, Snapshot to) {
    Set<Long> between = new HashSet<>();
    List<Snapshot> replaces = new ArrayList<>();
    Optional<Snapshot> s = Optional.of(to);
    while (s.isPresent() && s.get().snapshotId() != fromExclusive) {
      Snapshot snap = s.get();
      switch (snap.operation()) {
        case "append" -> between.add(snap.snapshotId());
        case "replace" -> replaces.add(snap);
        default -> throw new dev.floe.error.ValidationException("cannot read the rows appended between snapshots "
            + fromExclusive + " and " + to.snapshotId() + ": snapshot " + snap.snapshotId() + " is an '"
            + snap.operation() + "', which changed or removed rows; read the table at a snapshot instead");
      }
      s = snap.parentId().flatMap(history::snapshot);
    }
    if (s.isEmpty()) {
      throw new dev.floe.error.InvalidInputException("from-snapshot", "snapshot " + fromExclusive
          + " is not an ancestor of " + to.snapshotId());
    }
    for (Snapshot replace : replaces) {
      requireNoAppendedFileRewritten(replace, between, s.get().sequenceNumber());
    }
    return planAddedBy(to, between, Long.MIN_VALUE);
  }

  private void requireNoAppendedFileRewritten(Snapshot replace, Set<Long> appends, long fromSequence) {
    Set<String> removed = new HashSet<>();
    for (ManifestFile m : files.manifests(replace)) {
      if (m.addedSnapshotId() == replace.snapshotId() && m.deletedFilesCount() > 0) {
        for (ManifestEntry e : files.entries(m)) {
          if (e.status() == ManifestEntry.Status.DELETED) {
            removed.add(e.file().path());
          }
        }
      }
    }
    Optional<Snapshot> parent = replace.parentId().flatMap(history::snapshot);
    if (removed.isEmpty() || parent.isEmpty()) {
      return;
    }
    for (ManifestFile m : files.manifests(parent.get())) {
      if (m.sequenceNumber() <= fromSequence) {
        continue;
      }
      for (ManifestEntry e : files.entries(m)) {
        if (e.isLive() && appends.contains(e.snapshotId()) && removed.contains(e.file().path())) {
          throw new dev.floe.error.ValidationException("cannot read the rows appended up to snapshot "
              + replace.snapshotId() + " incrementally: that 'replace' (compaction) rewrote " + e.file().path()
              + ", appended in the range, into a new file; read the table at a snapshot instead");
        }
      }
    }
  }

  /**
   * The live files of {@code snapshot} that the snapshots {@code addedBy} added and that might
   * match the filter. Only manifests written after sequence number {@code afterSequence} are read:
   * an older manifest cannot list a file added later.
   */
  List<FileScanTask> planAddedBy(Snapshot snapshot, Set<Long> addedBy, long afterSequence) {
    List<FileScanTask> tasks = new ArrayList<>();
    if (addedBy.isEmpty()) {
      return tasks;
    }
    for (ManifestFile manifest : files.manifests(snapshot)) {
      if (manifest.sequenceNumber() <= afterSequence || !manifest.hasLiveFiles()) {
        continue;
      }
      SpecEvaluators ev = evaluators(manifest.specId());
      if (!ev.manifests.mightMatch(manifest)) {
        continue;
      }
      for (ManifestEntry entry : files.entries(manifest)) {
        // A live entry's snapshot id is the snapshot that added the file, also after merges
        // have carried it into other manifests as "existing".
        if (entry.isLive() && addedBy.contains(entry.snapshotId())) {
          addIfMatches(entry.file(), ev, tasks);
        }
      }
    }
    return tasks;
  }

  private void addIfMatches(DataFile file, SpecEvaluators ev, List<FileScanTask> tasks) {
    if (ev.partitions.mightMatch(file.partition())
        && fileStats.mightMatch(file.recordCount(), file.columnStats())) {
      tasks.add(new FileScanTask(file, ev.spec, ev.residuals.residualFor(file.partition())));
    }
  }
}
