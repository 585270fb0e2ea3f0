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
 * Decides from column statistics whether every row of a file certainly matches a filter, so a
 * delete by that filter may drop the whole file without reading it. It answers true only when
 * the statistics prove it: unknown counts or bounds mean false. Nulls and NaN never satisfy a
 * comparison, so a comparison can only be proven when the column is known to hold neither.
 *
 * <p>Example: for {@code id < 100}, a file whose {@code id} upper bound is 90 and null count 0
 * matches entirely; with an unknown null count it does not.
 */
public final class StrictMetricsEvaluator {
  private final MetricsFilter filter;

  /** Binds the filter to the schema (case-insensitive names) unless it is already bound. */
  public StrictMetricsEvaluator(Schema schema, Expression expr) {
    Expression bound = Expressions.rewriteNot(Binder.bind(schema.asStruct(), expr, false));
    this.filter = MetricsFilter.compile(bound, Predicates.neverNullIds(schema.asStruct()), StrictMetricsEvaluator::rule);
  }

  /**
   * Whether every row matches.
   *
   * @param recordCount the number of rows (0: trivially true), or -1 when unknown
   * @param stats statistics by field id; a column without an entry is unknown
   */
  public boolean allMatch(long recordCount, Map<Integer, ColumnStats> stats) {
    if (recordCount == 0) {
      return true;
    }
    return filter.test(recordCount, stats);
  }

  private static java.util.function.Predicate<ColumnFacts> rule(BoundPredicate p) {
    Comparator<Object> cmp = Comparators.forType(p.type());
    switch (p.op()) {
      case IS_NULL:
        return ColumnFacts::allNull;
      case NOT_NULL:
        return f -> f.nullCount() == 0;
      case IS_NAN:
        return ColumnFacts::allNaN;
      case NOT_NAN:
        return f -> f.nanCount() == 0 || f.allNull();
      case IN: {
        List<Object> sorted = Predicates.sorted(p.literals(), cmp);
        return f -> f.allComparable() && f.lower() != null && f.upper() != null
            && cmp.compare(f.lower(), f.upper()) == 0
            && Predicates.anyBetween(sorted, cmp, f.lower(), f.upper());
      }
      case NOT_IN: {
        List<Object> sorted = Predicates.sorted(p.literals(), cmp);
        return f -> f.allComparable() && f.lower() != null && f.upper() != null
            && !Predicates.anyBetween(sorted, cmp, f.lower(), f.upper());
      }
      case STARTS_WITH: {
        String prefix = (String) p.literal();
        // both bounds inside the contiguous range of strings with this prefix
        return f -> f.nullCount() == 0 && f.lower() != null && f.upper() != null
            && ((String) f.lower()).startsWith(prefix) && ((String) f.upper()).startsWith(prefix);
      }
      case NOT_STARTS_WITH: {
        String prefix = (String) p.literal();
        int length = Predicates.codePoints(prefix);
        return f -> f.nullCount() == 0 && (
            (f.upper() != null && Comparators.compareCodePoints((String) f.upper(), prefix) < 0)
            || (f.lower() != null && Comparators.compareCodePoints(
                Predicates.truncateCodePoints((String) f.lower(), length), prefix) > 0));
      }
      default:
        break;
    }
    Object lit = p.literal();
    return switch (p.op()) {
      case LT -> f -> f.allComparable() && f.upper() != null && cmp.compare(f.upper(), lit) < 0;
      case LT_EQ -> f -> f.allComparable() && f.upper() != null && cmp.compare(f.upper(), lit) <= 0;
      case GT -> f -> f.allComparable() && f.lower() != null && cmp.compare(f.lower(), lit) > 0;
      case GT_EQ -> f -> f.allComparable() && f.lower() != null && cmp.compare(f.lower(), lit) >= 0;
      case EQ -> f -> f.allComparable() && f.lower() != null && f.upper() != null
          && cmp.compare(f.lower(), lit) == 0 && cmp.compare(f.upper(), lit) == 0;
      case NOT_EQ -> f -> f.allComparable() && (
          (f.lower() != null && cmp.compare(f.lower(), lit) > 0)
          || (f.upper() != null && cmp.compare(f.upper(), lit) < 0));
      default -> throw new IllegalStateException("unhandled " + p.op());
    };
  }
}
