package dev.floe.parquet;

import dev.floe.manifest.ColumnStats;
import java.util.Map;

/**
 * Decides from a row group's footer statistics whether it may hold matching rows. Statistics are
 * keyed by field id, bounds in internal representation of the read schema's types; a column
 * missing from the map has unknown statistics (it is not in the file, or has no field id).
 * Answering true is always safe; false skips the row group without reading it. A reader asks once
 * per row group, in file order (so a filter may also select row groups by position, as engines
 * that split a file by row group do).
 */
@FunctionalInterface
public interface RowGroupFilter {
  RowGroupFilter ALL = (rowCount, stats) -> true;

  boolean mightMatch(long rowCount, Map<Integer, ColumnStats> stats);
}
