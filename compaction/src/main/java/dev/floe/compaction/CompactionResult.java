package dev.floe.compaction;

import java.util.List;

/**
 * The outcome of a compaction run: its plan, every group's result (in the order groups finished)
 * and the table's live files afterwards (other writers' meanwhile included). Committed groups stay
 * committed whatever happened to the others.
 */
public record CompactionResult(CompactionPlan plan, List<GroupResult> groups, TableTotals after, long millis) {

  public CompactionResult {
    groups = List.copyOf(groups);
  }

  public List<GroupResult> withStatus(GroupResult.Status status) {
    return groups.stream().filter(g -> g.status() == status).toList();
  }

  public int committedGroups() {
    return withStatus(GroupResult.Status.COMMITTED).size();
  }

  /** Groups not committed: skipped after conflicts, failed, or of unknown outcome. */
  public int uncommittedGroups() {
    return groups.size() - committedGroups();
  }

  /** Input files replaced by committed groups. */
  public int rewrittenFiles() {
    return withStatus(GroupResult.Status.COMMITTED).stream().mapToInt(g -> g.group().files().size()).sum();
  }

  public long rewrittenBytes() {
    return withStatus(GroupResult.Status.COMMITTED).stream().mapToLong(g -> g.group().bytes()).sum();
  }

  public long rewrittenRows() {
    return withStatus(GroupResult.Status.COMMITTED).stream().mapToLong(g -> g.group().rows()).sum();
  }

  /** Files committed groups added. */
  public int addedFiles() {
    return withStatus(GroupResult.Status.COMMITTED).stream().mapToInt(g -> g.outputs().size()).sum();
  }

  public long addedBytes() {
    return withStatus(GroupResult.Status.COMMITTED).stream().mapToLong(GroupResult::outputBytes).sum();
  }
}
