package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.manifest.DataFile;
import java.util.Collection;

/**
 * Replaces exactly these data files by these others holding the same rows (compaction), in one
 * {@code replace} snapshot. Concurrent appends never conflict with it; it conflicts only when an
 * input file is no longer in the table (a concurrent delete or rewrite took it). The output files
 * belong to the caller: a failed commit leaves them for the caller to delete.
 */
public interface RewriteFiles extends RowLevelOperation<RewriteFiles> {
  /** Removes these files and adds those; their record counts must be equal. */
  RewriteFiles rewriteFiles(Collection<DataFile> inputs, Collection<DataFile> outputs);

  /** Adds a string pair to the snapshot summary. */
  RewriteFiles set(String key, String value);

  CommitResult commit();
}
