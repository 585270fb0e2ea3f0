package dev.floe.table;

import dev.floe.commit.CommitContext;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expression;
import dev.floe.io.FileIO;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conflict rules of row-level operations, checked against the freshly refreshed metadata on
 * every attempt of a commit (spec section 14). Operations state which rules apply; the one commit
 * loop decides when to run them.
 */
final class Conflicts {
  private Conflicts() {}

  /**
   * The snapshots committed to {@code branch} after {@code start} (the snapshot the operation
   * planned on; empty when the branch had none), newest first, leaving out snapshots this very
   * commit made (earlier changes of a transaction).
   *
   * @throws ValidationException when {@code start} is no longer an ancestor of the branch's head:
   *     the branch was rolled back or replaced, or the snapshots in between were expired
   */
  static List<Snapshot> committedSince(FileIO io, TableMetadata fresh, String branch, Optional<Long> start,
      CommitContext ctx, String operation) {
    Optional<Snapshot> head = SnapshotProducer.branchHead(fresh, branch);
    History history = new History(io, fresh);
    List<Snapshot> out = new ArrayList<>();
    Optional<Snapshot> s = head;
    while (s.isPresent() && !(start.isPresent() && s.get().snapshotId() == start.get())) {
      if (!ctx.producedHere(s.get().snapshotId())) {
        out.add(s.get());
      }
      Optional<Long> parent = s.get().parentId();
      s = parent.flatMap(history::snapshot);
      if (parent.isPresent() && s.isEmpty() && start.isPresent()) {
        throw new ValidationException("conflict: cannot commit the " + operation + " to branch '" + branch
            + "': the history between its head and snapshot " + start.get()
            + ", which the operation read, was expired; plan the operation again");
      }
    }
    if (start.isPresent() && s.isEmpty()) {
      throw new ValidationException("conflict: cannot commit the " + operation + " to branch '" + branch
          + "': snapshot " + start.get() + ", which the operation read, is no longer an ancestor of the"
          + " branch's head " + head.map(h -> String.valueOf(h.snapshotId())).orElse("(none)")
          + " (the branch was rolled back or replaced); plan the operation again");
    }
    return out;
  }

  /**
   * Serializable isolation: no snapshot committed since the operation read the table may have
   * added a file holding rows that match its filter — the operation decided what to change
   * without seeing those rows. Replace snapshots (compaction) are passed over: they add no rows,
   * and rewriting a file this operation changes is caught by the rule that removed files must
   * still be live.
   *
   * @param startSequence the sequence number of the snapshot read ({@code 0} for none)
   */
  static void requireNoMatchingAppends(FileIO io, TableMetadata fresh, String branch, List<Snapshot> since,
      long startSequence, Expression filter, String operation, String isolationProperty) {
    Set<Long> adding = new HashSet<>();
    for (Snapshot s : since) {
      if (!s.operation().equals("replace")) {
        adding.add(s.snapshotId());
      }
    }
    if (adding.isEmpty()) {
      return;
    }
    Snapshot head = SnapshotProducer.branchHead(fresh, branch).orElseThrow();
    ScanPlanner planner = new ScanPlanner(io, fresh, fresh.schema(), filter);
    List<FileScanTask> conflicting = planner.planAddedBy(head, adding, startSequence);
    if (!conflicting.isEmpty()) {
      FileScanTask first = conflicting.get(0);
      throw new ValidationException("conflict: while this " + operation + " (where " + filter
          + ") was being prepared, another commit added " + conflicting.size() + " file(s) to branch '" + branch
          + "' that may hold matching rows, e.g. " + first.file().path() + "; under serializable isolation"
          + " the " + operation + " must not miss them. Run it again, or set the table property "
          + isolationProperty + "=snapshot to accept concurrent rows");
    }
  }
}
