package dev.floe.expressions;

import dev.floe.manifest.ColumnStats;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides from column statistics (of a data file, a row group or a whole manifest) whether any row
 * might match a filter. It answers false only when the statistics prove that no row can match;
 * missing statistics always mean "might match". This is what lets a scan skip files, so an
 * answer of false that is wrong loses rows: every rule here must hold for truncated string
 * bounds, NaN values (never inside bounds) and nulls.
 *
 * <p>Example: for {@code id > 100}, a file whose upper bound of {@code id} is 90 cannot match; a
 * file whose {@code id} values are all null cannot match either.
 */
public final class InclusiveMetricsEvaluator {
  private final MetricsFilter filter;

  /** Binds the filter to the schema (case-insensitive names) unless it is already bound. */
  public InclusiveMetricsEvaluator(Schema schema, Expression expr) {
    this(Expressions.rewriteNot(Binder.bind(schema.asStruct(), expr, false)),
        Predicates.neverNullIds(schema.asStruct()));
  }

  /** For an expression already bound (and without NOT), e.g. one over a partition struct. */
  InclusiveMetricsEvaluator(Expression boundWithoutNot, Set<Integer> neverNullIds) {
    this.filter = MetricsFilter.compile(boundWithoutNot, neverNullIds, InclusiveMetricsEvaluator::rule);
  }

  /**
   * Whether some row might match.
   *
   * @param recordCount the number of rows, 0 for none (then nothing matches), or -1 when unknown
   *     (whole-manifest summaries); value counts in the statistics stand in for it
   * @param stats statistics by field id; a column without an entry is unknown
   */
  public boolean mightMatch(long recordCount, Map<Integer, ColumnStats> stats) {
    if (recordCount == 0) {
      return false;
    }
    return filter.test(recordCount, stats);
  }

  private static java.util.function.Predicate<ColumnFacts> rule(BoundPredicate p) {
    Comparator<Object> cmp = Comparators.forType(p.type());
    switch (p.op()) {
      case IS_NULL:
        return f -> f.nullCount() != 0;
      case NOT_NULL:
        return f -> !f.allNull();
      case IS_NAN:
        return f -> f.nanCount() != 0 && !f.allNull();
      case NOT_NAN:
        // a null is "not NaN", so only a column of NaN alone rules this out
        return f -> !f.allNaN();
      case IN: {
        List<Object> sorted = Predicates.sorted(p.literals(), cmp);
        return f -> !f.noComparableValue()
            && (f.lower() == null || f.upper() == null || Predicates.anyBetween(sorted, cmp, f.lower(), f.upper()));
      }
      case NOT_IN: {
        List<Object> sorted = Predicates.sorted(p.literals(), cmp);
        // rows are all one value (or null/NaN, which never match) and that value is excluded
        return f -> !f.noComparableValue()
            && !(f.lower() != null && f.upper() != null && cmp.compare(f.lower(), f.upper()) == 0
                && Predicates.anyBetween(sorted, cmp, f.lower(), f.upper()));
      }
      case STARTS_WITH: {
        String prefix = (String) p.literal();
        int length = Predicates.codePoints(prefix);
        return f -> {
          if (f.noComparableValue()) {
            return false;
          }
          // strings starting with the prefix are >= it; all values are <= upper
          if (f.upper() != null && Comparators.compareCodePoints((String) f.upper(), prefix) < 0) {
            return false;
          }
          // every value v >= lower has trunc(v) >= trunc(lower); a match needs trunc(v) == prefix
          return f.lower() == null || Comparators.compareCodePoints(
              Predicates.truncateCodePoints((String) f.lower(), length), prefix) <= 0;
        };
      }
      case NOT_STARTS_WITH: {
        String prefix = (String) p.literal();
        // strings with a given prefix form one contiguous range: bounds inside it put every value inside
        return f -> !f.noComparableValue()
            && !(f.lower() != null && f.upper() != null
                && ((String) f.lower()).startsWith(prefix) && ((String) f.upper()).startsWith(prefix));
      }
      default:
        break;
    }
    Object lit = p.literal();
    return switch (p.op()) {
      case LT -> f -> !f.noComparableValue() && (f.lower() == null || cmp.compare(f.lower(), lit) < 0);
      case LT_EQ -> f -> !f.noComparableValue() && (f.lower() == null || cmp.compare(f.lower(), lit) <= 0);
      case GT -> f -> !f.noComparableValue() && (f.upper() == null || cmp.compare(f.upper(), lit) > 0);
      case GT_EQ -> f -> !f.noComparableValue() && (f.upper() == null || cmp.compare(f.upper(), lit) >= 0);
      case EQ -> f -> !f.noComparableValue()
          && (f.lower() == null || cmp.compare(f.lower(), lit) <= 0)
          && (f.upper() == null || cmp.compare(f.upper(), lit) >= 0);
      case NOT_EQ -> f -> !f.noComparableValue()
          && !(f.lower() != null && f.upper() != null
              && cmp.compare(f.lower(), lit) == 0 && cmp.compare(f.upper(), lit) == 0);
      default -> throw new IllegalStateException("unhandled " + p.op());
    };
  }
}
