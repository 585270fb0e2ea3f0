package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;

/**
 * Replaces rows in one snapshot: removes the rows a filter matches (as {@link DeleteFiles}
 * does, copy-on-write for files that match in part) and/or explicit files, and adds new files or
 * rows. An engine that rewrote files itself names them with {@link #deleteFile}/{@link #addFile}
 * and states what it read with {@link #validateFromSnapshot} and {@link #conflictDetectionFilter}.
 *
 * <pre>{@code
 * table.newOverwrite()
 *     .overwriteWhere(Expressions.equal("day", "2026-01-01"))
 *     .appendRecords(correctedRows)
 *     .commit();
 * }</pre>
 */
public interface OverwriteFiles extends RowLevelOperation<OverwriteFiles> {
  /** Removes every row matching the filter (combined with AND when called again). */
  OverwriteFiles overwriteWhere(Expression filter);

  OverwriteFiles deleteFile(DataFile file);

  /** Adds an already written data file (the caller owns it: a failed commit leaves it alone). */
  OverwriteFiles addFile(DataFile file);

  /** Writes these records into new data files of the table when {@link #commit()} runs. */
  OverwriteFiles appendRecords(Iterable<Record> records);

  /**
   * For serializable isolation with explicit files: the rows the caller's decision depended on.
   * A concurrently added file that may hold rows matching it is a conflict.
   */
  OverwriteFiles conflictDetectionFilter(Expression filter);

  /** Overrides, for this operation, the isolation level the table property sets. */
  OverwriteFiles isolationLevel(IsolationLevel level);

  /** Adds a string pair to the snapshot summary. */
  OverwriteFiles set(String key, String value);

  CommitResult commit();
}
