package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;

/**
 * Deletes rows in one snapshot. By filter: files whose every row matches (proven by partition
 * values or column statistics) are dropped from the metadata alone; files where only some rows
 * match are rewritten without them (copy-on-write), invisible until the commit. Explicit files
 * are dropped whole.
 *
 * <p>Conflicts (checked on every attempt against the refreshed table): a file this delete
 * removes must still be in the table; under serializable isolation (the default, property
 * {@link IsolationLevel#DELETE_PROPERTY}) no file added since the delete read the table may hold
 * matching rows.
 *
 * <pre>{@code
 * table.newDelete().deleteWhere(Expressions.lessThan("ts", "2025-01-01T00:00:00")).commit();
 * }</pre>
 */
public interface DeleteFiles extends RowLevelOperation<DeleteFiles> {
  /** Deletes every row matching the filter (combined with AND when called again). */
  DeleteFiles deleteWhere(Expression filter);

  /** Drops this data file of the table, with all its rows. */
  DeleteFiles deleteFile(DataFile file);

  /** Overrides, for this operation, the isolation level the table property sets. */
  DeleteFiles isolationLevel(IsolationLevel level);

  /** Adds a string pair to the snapshot summary. */
  DeleteFiles set(String key, String value);

  CommitResult commit();
}
