package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.expressions.Expression;

/**
 * Sets columns to new values in the rows a filter matches, in one snapshot, by copy-on-write:
 * every file holding a matching row is rewritten with the changed rows, invisible until the
 * commit. Conflict rules as for {@link DeleteFiles}, with isolation property
 * {@link IsolationLevel#UPDATE_PROPERTY}.
 *
 * <pre>{@code
 * table.newUpdateRows().set("status", "void").where(Expressions.equal("order_id", 42L)).commit();
 * }</pre>
 */
public interface UpdateRows extends RowLevelOperation<UpdateRows> {
  /**
   * Sets a top-level column of the matched rows to a value: a literal as filters take them (a
   * number, string, boolean or Java time value), or null for an optional column.
   */
  UpdateRows set(String column, Object value);

  /** Which rows to change (combined with AND when called again); all rows when never called. */
  UpdateRows where(Expression filter);

  /** Overrides, for this operation, the isolation level the table property sets. */
  UpdateRows isolationLevel(IsolationLevel level);

  /** Adds a string pair to the snapshot summary ({@code set} names columns here). */
  UpdateRows setSummary(String key, String value);

  CommitResult commit();
}
