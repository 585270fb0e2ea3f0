package dev.floe.expressions;

import dev.floe.manifest.ColumnStats;
import dev.floe.types.Type;

/**
 * What the statistics of one column say, read for one predicate's type. Counts are -1 when
 * unknown; bounds are null when absent, unusable or NaN. Bounds bracket the non-null, non-NaN
 * values, possibly loosely (a truncated lower bound is still at most every value, a rounded-up
 * upper bound at least every value) — every rule below holds for loose bounds too.
 */
record ColumnFacts(long valueCount, long nullCount, long nanCount, Object lower, Object upper) {

  /** The facts from a column's statistics; {@code s} may be null when the column has none. */
  static ColumnFacts of(Type.PrimitiveType type, boolean neverNull, long recordCount, ColumnStats s) {
    if (s == null) {
      return new ColumnFacts(recordCount >= 0 ? recordCount : -1, neverNull ? 0 : -1,
          Predicates.isFloatingPoint(type) ? -1 : 0, null, null);
    }
    long values = s.valueCount().isPresent() ? s.valueCount().getAsLong() : recordCount >= 0 ? recordCount : -1;
    long nulls = s.nullCount().isPresent() ? s.nullCount().getAsLong() : neverNull ? 0 : -1;
    long nans = !Predicates.isFloatingPoint(type) ? 0 : s.nanCount().isPresent() ? s.nanCount().getAsLong() : -1;
    return new ColumnFacts(values, nulls, nans,
        Predicates.bound(type, s.lowerBound()), Predicates.bound(type, s.upperBound()));
  }

  /** Every value is null. */
  boolean allNull() {
    return nullCount >= 0 && valueCount >= 0 && nullCount >= valueCount;
  }

  /** Every value is NaN. */
  boolean allNaN() {
    return nanCount >= 0 && valueCount >= 0 && nanCount >= valueCount;
  }

  /** No value can take part in a comparison: each is null or NaN. */
  boolean noComparableValue() {
    return allNull() || (nullCount >= 0 && nanCount >= 0 && valueCount >= 0 && nullCount + nanCount >= valueCount);
  }

  /** Every value is non-null and not NaN, so bounds speak for every row. */
  boolean allComparable() {
    return nullCount == 0 && nanCount == 0;
  }
}
