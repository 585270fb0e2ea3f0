package dev.floe.expressions;

import dev.floe.types.Comparators;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Shared pieces of the evaluators: the meaning of one bound predicate on one internal value, and
 * the tolerant reading of stored values (bounds, partition values) whose Java type may be the
 * narrower one of a column before a type promotion (int to long, float to double).
 */
final class Predicates {
  private Predicates() {}

  /** A stored value that cannot be read as the predicate's type: the answer is unknown. */
  static final Object UNUSABLE = new Object() {
    @Override
    public String toString() {
      return "<unusable>";
    }
  };

  /**
   * The value in the exact Java class the type's internal form uses, null for null, or
   * {@link #UNUSABLE}.
   */
  static Object coerce(Type.PrimitiveType type, Object v) {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        return v instanceof Boolean ? v : UNUSABLE;
      case INT:
      case DATE:
        if (v instanceof Integer) {
          return v;
        }
        if (v instanceof Long l && l == l.intValue()) {
          return l.intValue();
        }
        return UNUSABLE;
      case LONG:
      case TIME:
      case TIMESTAMP:
      case TIMESTAMPTZ:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Integer i) {
          return i.longValue();
        }
        return UNUSABLE;
      case FLOAT:
        if (v instanceof Float) {
          return v;
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite() || Math.abs(d) <= Float.MAX_VALUE)) {
          return (float) d.doubleValue();
        }
        return UNUSABLE;
      case DOUBLE:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Float f) {
          return f.doubleValue();
        }
        return UNUSABLE;
      case DECIMAL:
        return v instanceof BigDecimal ? v : UNUSABLE;
      case STRING:
        return v instanceof CharSequence s ? s.toString() : UNUSABLE;
      case UUID:
        return v instanceof UUID ? v : UNUSABLE;
      case BINARY:
      case FIXED:
        if (v instanceof ByteBuffer) {
          return v;
        }
        return v instanceof byte[] b ? ByteBuffer.wrap(b) : UNUSABLE;
      default:
        return UNUSABLE;
    }
  }

  /** A bound, unusable or NaN bound reads as "no bound". */
  static Object bound(Type.PrimitiveType type, java.util.Optional<Object> stored) {
    if (stored.isEmpty()) {
      return null;
    }
    Object v = coerce(type, stored.get());
    return v == UNUSABLE || isNaN(v) ? null : v;
  }

  static boolean isNaN(Object v) {
    return (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN());
  }

  static boolean isFloatingPoint(Type.PrimitiveType type) {
    return type.kind() == Type.Kind.FLOAT || type.kind() == Type.Kind.DOUBLE;
  }

  /**
   * The test of one predicate on an internal value of its type (null for null). Comparisons,
   * set membership and prefix tests are unknown, hence false, on null and NaN.
   */
  static Predicate<Object> compile(BoundPredicate p) {
    Comparator<Object> cmp = Comparators.forType(p.type());
    switch (p.op()) {
      case IS_NULL:
        return v -> v == null;
      case NOT_NULL:
        return v -> v != null;
      case IS_NAN:
        return Predicates::isNaN;
      case NOT_NAN:
        return v -> !isNaN(v);
      case STARTS_WITH: {
        String prefix = (String) p.literal();
        return v -> v != null && ((String) v).startsWith(prefix);
      }
      case NOT_STARTS_WITH: {
        String prefix = (String) p.literal();
        return v -> v != null && !((String) v).startsWith(prefix);
      }
      case IN: {
        List<Object> sorted = sorted(p.literals(), cmp);
        return v -> comparable(v) && Collections.binarySearch(sorted, v, cmp) >= 0;
      }
      case NOT_IN: {
        List<Object> sorted = sorted(p.literals(), cmp);
        return v -> comparable(v) && Collections.binarySearch(sorted, v, cmp) < 0;
      }
      default:
        break;
    }
    Object lit = p.literal();
    return switch (p.op()) {
      case LT -> v -> comparable(v) && cmp.compare(v, lit) < 0;
      case LT_EQ -> v -> comparable(v) && cmp.compare(v, lit) <= 0;
      case GT -> v -> comparable(v) && cmp.compare(v, lit) > 0;
      case GT_EQ -> v -> comparable(v) && cmp.compare(v, lit) >= 0;
      case EQ -> v -> comparable(v) && cmp.compare(v, lit) == 0;
      case NOT_EQ -> v -> comparable(v) && cmp.compare(v, lit) != 0;
      default -> throw new IllegalStateException("unhandled " + p.op());
    };
  }

  private static boolean comparable(Object v) {
    return v != null && !isNaN(v);
  }

  static List<Object> sorted(List<Object> values, Comparator<Object> cmp) {
    List<Object> sorted = new ArrayList<>(values);
    sorted.sort(cmp);
    return List.copyOf(sorted);
  }

  /** Whether some value of the sorted list lies in [lower, upper]. */
  static boolean anyBetween(List<Object> sorted, Comparator<Object> cmp, Object lower, Object upper) {
    int i = Collections.binarySearch(sorted, lower, cmp);
    int first = i >= 0 ? i : -i - 1;
    return first < sorted.size() && cmp.compare(sorted.get(first), upper) <= 0;
  }

  /** A compiled filter over stored internal values, looked up by field id. */
  interface StoredFilter {
    boolean test(IntFunction<Object> valueById);
  }

  /**
   * Compiles a bound expression without NOT (see {@link Expressions#rewriteNot}) over stored
   * internal values. A value that cannot be read as its predicate's type makes that predicate
   * {@code whenUnknown}: true to over-approximate ("might match"), false to under-approximate
   * ("certainly matches"); with only AND and OR above the predicates, the whole result follows.
   */
  static StoredFilter compileStored(Expression e, boolean whenUnknown) {
    if (e instanceof Expression.True) {
      return values -> true;
    }
    if (e instanceof Expression.False) {
      return values -> false;
    }
    if (e instanceof Expression.And a) {
      StoredFilter l = compileStored(a.left(), whenUnknown);
      StoredFilter r = compileStored(a.right(), whenUnknown);
      return values -> l.test(values) && r.test(values);
    }
    if (e instanceof Expression.Or o) {
      StoredFilter l = compileStored(o.left(), whenUnknown);
      StoredFilter r = compileStored(o.right(), whenUnknown);
      return values -> l.test(values) || r.test(values);
    }
    if (e instanceof BoundPredicate p) {
      Predicate<Object> test = compile(p);
      int id = p.fieldId();
      Type.PrimitiveType type = p.type();
      return values -> {
        Object v = coerce(type, values.apply(id));
        return v == UNUSABLE ? whenUnknown : test.test(v);
      };
    }
    throw new IllegalStateException("not a bound expression without NOT: " + e);
  }

  /** Ids of the fields that can never be null: required, and all their parents required. */
  static Set<Integer> neverNullIds(Types.StructType struct) {
    Set<Integer> ids = new HashSet<>();
    collectNeverNull(struct, ids);
    return ids;
  }

  private static void collectNeverNull(Types.StructType struct, Set<Integer> ids) {
    for (NestedField f : struct.fields()) {
      if (f.required()) {
        ids.add(f.id());
        if (f.type() instanceof Types.StructType nested) {
          collectNeverNull(nested, ids);
        }
      }
    }
  }

  /** The first {@code n} code points of {@code s} (all of it when shorter). */
  static String truncateCodePoints(String s, int n) {
    int count = s.codePointCount(0, s.length());
    return count <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
