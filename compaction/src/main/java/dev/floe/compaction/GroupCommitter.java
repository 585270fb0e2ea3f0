package dev.floe.compaction;

import dev.floe.commit.CommitResult;
import dev.floe.manifest.DataFile;
import dev.floe.table.Table;
import java.util.List;

/**
 * Commits one group: replaces exactly its inputs with its outputs in one snapshot, through the
 * table's rewrite operation and so through the one commit loop. The conflict rules are the
 * operation's: concurrent appends never conflict; an input removed or rewritten since
 * {@code startingSnapshotId} fails with {@link dev.floe.error.ValidationException}. Tests
 * substitute one that injects faults.
 */
@FunctionalInterface
interface GroupCommitter {
  CommitResult commit(Table table, List<DataFile> inputs, List<DataFile> outputs, long startingSnapshotId,
      Strategy strategy);
}
