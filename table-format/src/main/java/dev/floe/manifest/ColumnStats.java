package dev.floe.manifest;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Statistics of one column (by field id) over a data file, a row group or, aggregated, a whole
 * manifest. Bounds are in internal representation ({@link dev.floe.types.Values}); a missing
 * count or bound means "unknown", never zero. Bounds may be truncated (strings, binary): the lower
 * bound is then still &lt;= every value and the upper bound &gt;= every value.
 */
public record ColumnStats(
    int fieldId,
    OptionalLong columnSizeBytes,
    OptionalLong valueCount,
    OptionalLong nullCount,
    OptionalLong nanCount,
    Optional<Object> lowerBound,
    Optional<Object> upperBound) {

  public static ColumnStats bounds(int fieldId, Object lower, Object upper) {
    return new ColumnStats(fieldId, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), Optional.ofNullable(lower), Optional.ofNullable(upper));
  }
}
