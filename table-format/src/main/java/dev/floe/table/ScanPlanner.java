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

  /** Files added by the snapshots after {@code fromExclusive} up to {@code to}, following parents. */
  List<FileScanTask> planAppends(long fromExclusive, Snapshot to) {
    Set<Long> between = new HashSet<>();
    Optional<Snapshot> s = Optional.of(to);
    while (s.isPresent() && s.get().snapshotId() != fromExclusive) {
      Snapshot snap = s.get();
      if (snap.operation().equals("append")) {
        between.add(snap.snapshotId());
      }
      s = snap.parentId().flatMap(history::snapshot);
    }
    if (s.isEmpty()) {
      throw new dev.floe.error.InvalidInputException("from-snapshot", "snapshot " + fromExclusive
          + " is not an ancestor of " + to.snapshotId());
    }
    List<FileScanTask> tasks = new ArrayList<>();
    for (ManifestFile manifest : files.manifests(to)) {
      SpecEvaluators ev = evaluators(manifest.specId());
      if (!ev.manifests.mightMatch(manifest)) {
        continue;
      }
      for (ManifestEntry entry : files.entries(manifest)) {
        // A live entry's snapshot id is the snapshot that added the file, also after merges
        // have carried it into other manifests as "existing".
        if (entry.isLive() && between.contains(entry.snapshotId())) {
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
