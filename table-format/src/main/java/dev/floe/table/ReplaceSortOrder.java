package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.metadata.SortOrder;

/**
 * Sets the order writers sort rows in within each data file they write, in one commit. Terms are
 * a column or a transform of one ({@code bucket(4, id)}, {@code day(ts)}); the first is the most
 * significant. No term at all makes the table unsorted. Conflicts when another sort-order change
 * committed first.
 *
 * <pre>{@code
 * table.replaceSortOrder().asc("customer_id").desc("ts").commit();
 * }</pre>
 */
public interface ReplaceSortOrder {
  /** Ascending, nulls first. */
  ReplaceSortOrder asc(String term);

  ReplaceSortOrder asc(String term, SortOrder.NullOrder nullOrder);

  /** Descending, nulls last. */
  ReplaceSortOrder desc(String term);

  ReplaceSortOrder desc(String term, SortOrder.NullOrder nullOrder);

  /** Appends the terms of the text form, e.g. {@code "id, ts desc nulls first"}. */
  ReplaceSortOrder terms(String text);

  /** The order the terms so far give (its id is assigned at commit). */
  SortOrder apply();

  CommitResult commit();
}
