package dev.floe.compaction;

import dev.floe.expressions.Expression;
import java.util.List;
import java.util.Optional;

/**
 * What a compaction would do, worked out from the table's manifests without reading a data file:
 * the groups it would rewrite and commit, and what the table holds now. A dry run stops here.
 *
 * @param snapshotId the snapshot the plan was made from; empty for a table without one
 * @param live the table's data files at that snapshot
 * @param consideredFiles files that the filter may match (all live files when there is none)
 */
public record CompactionPlan(String table, Optional<Long> snapshotId, Strategy strategy, Expression filter,
    CompactionOptions options, TableTotals live, int consideredFiles, List<FileGroup> groups) {

  public CompactionPlan {
    groups = List.copyOf(groups);
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  public int inputFiles() {
    return groups.stream().mapToInt(g -> g.files().size()).sum();
  }

  public long inputBytes() {
    return groups.stream().mapToLong(FileGroup::bytes).sum();
  }

  public long inputRows() {
    return groups.stream().mapToLong(FileGroup::rows).sum();
  }

  public int expectedOutputFiles() {
    return groups.stream().mapToInt(g -> g.expectedOutputFiles(options.targetFileSizeBytes())).sum();
  }
}
