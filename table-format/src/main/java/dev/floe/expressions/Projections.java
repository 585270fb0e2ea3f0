package dev.floe.expressions;

import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transform;
import dev.floe.partition.Transforms;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns a row filter into a filter over partition values (hidden partitioning: users filter on
 * {@code ts}, the table is partitioned by {@code day(ts)}). The result is bound to the partition
 * struct of the spec ({@link PartitionSpec#partitionType}): its predicates carry partition field
 * ids and names, and literals in the transform's result type.
 *
 * <ul>
 *   <li>{@link #inclusive}: true for every partition that might hold a matching row. A partition
 *       for which it is false is skipped, so it must never be false wrongly.
 *   <li>{@link #strict}: true only for partitions in which every row matches.
 * </ul>
 *
 * <p>Example: {@code ts >= '2026-01-01T12:00:00'} projects inclusively through {@code day(ts)} to
 * {@code ts_day >= '2026-01-01'} and strictly to {@code ts_day > '2026-01-01'}.
 *
 * <p>Range projections rely only on the transform preserving order (a &lt;= b implies f(a) &lt;=
 * f(b)): for whole-number sources {@code x < v} becomes {@code x <= v - 1} before transforming,
 * which keeps inclusive projections tight at partition boundaries without knowing them.
 */
public final class Projections {
  private Projections() {}

  /** The partition filter true for every partition that might hold a row matching {@code expr}. */
  public static Expression inclusive(PartitionSpec spec, Schema schema, Expression expr) {
    return project(spec, schema, expr, true);
  }

  /** The partition filter true only for partitions in which every row matches {@code expr}. */
  public static Expression strict(PartitionSpec spec, Schema schema, Expression expr) {
    return project(spec, schema, expr, false);
  }

  private static Expression project(PartitionSpec spec, Schema schema, Expression expr, boolean inclusive) {
    Expression bound = Expressions.rewriteNot(Binder.bind(schema.asStruct(), expr, false));
    return projectTree(spec, schema, bound, inclusive);
  }

  private static Expression projectTree(PartitionSpec spec, Schema schema, Expression e, boolean inclusive) {
    if (e instanceof Expression.True || e instanceof Expression.False) {
      return e;
    }
    if (e instanceof Expression.And a) {
      return Expressions.and(projectTree(spec, schema, a.left(), inclusive),
          projectTree(spec, schema, a.right(), inclusive));
    }
    if (e instanceof Expression.Or o) {
      return Expressions.or(projectTree(spec, schema, o.left(), inclusive),
          projectTree(spec, schema, o.right(), inclusive));
    }
    BoundPredicate p = (BoundPredicate) e;
    List<Expression> parts = new ArrayList<>();
    for (PartitionField field : spec.fieldsBySourceId(p.fieldId())) {
      Optional<Type.PrimitiveType> resultType = resultType(schema, field);
      if (resultType.isEmpty()) {
        continue;
      }
      parts.add(inclusive ? projectInclusive(p, field, resultType.get())
          : projectStrict(p, field, resultType.get()));
    }
    // every inclusive projection is a necessary condition, every strict one a sufficient one
    return inclusive ? Expressions.and(parts) : Expressions.or(parts);
  }

  /** The partition value type of a field; empty when its source column is gone. */
  static Optional<Type.PrimitiveType> resultType(Schema schema, PartitionField field) {
    return schema.findField(field.sourceId())
        .filter(f -> f.type().isPrimitive() && field.transform().canTransform(f.type()))
        .map(f -> field.transform().resultType(f.type()))
        .filter(Type::isPrimitive)
        .map(Type::asPrimitive);
  }

  /** A necessary condition on one partition field for a row predicate on its source column. */
  static Expression projectInclusive(BoundPredicate p, PartitionField field, Type.PrimitiveType resultType) {
    try {
      Transform t = field.transform();
      Part part = new Part(field, resultType);
      Operation op = p.op();
      if (t instanceof Transforms.Identity) {
        return part.pred(op, p.literals());
      }
      if (t instanceof Transforms.Void) {
        return Expressions.alwaysTrue();
      }
      if (op == Operation.IS_NULL || op == Operation.NOT_NULL) {
        // every other transform maps null, and only null, to null
        return part.pred(op, List.of());
      }
      switch (op) {
        case EQ:
          return part.pred(Operation.EQ, List.of(t.apply(p.literal())));
        case IN:
          return part.set(Operation.IN, applyAll(t, p.literals()));
        default:
          break;
      }
      if (t instanceof Transforms.Bucket || !t.preservesOrder()) {
        return Expressions.alwaysTrue();
      }
      Type.PrimitiveType source = p.type();
      switch (op) {
        case LT: {
          if (!isDiscrete(source)) {
            return part.pred(Operation.LT_EQ, List.of(t.apply(p.literal())));
          }
          Object before = adjacent(source, p.literal(), -1);
          return before == null ? Expressions.alwaysFalse()
              : part.pred(Operation.LT_EQ, List.of(t.apply(before)));
        }
        case LT_EQ:
          return part.pred(Operation.LT_EQ, List.of(t.apply(p.literal())));
        case GT: {
          if (!isDiscrete(source)) {
            return part.pred(Operation.GT_EQ, List.of(t.apply(p.literal())));
          }
          Object after = adjacent(source, p.literal(), 1);
          return after == null ? Expressions.alwaysFalse()
              : part.pred(Operation.GT_EQ, List.of(t.apply(after)));
        }
        case GT_EQ:
          return part.pred(Operation.GT_EQ, List.of(t.apply(p.literal())));
        case STARTS_WITH:
        case NOT_STARTS_WITH:
          return truncatedPrefix(p, part, t, true);
        default:
          // != and not in say nothing about a partition holding many values
          return Expressions.alwaysTrue();
      }
    } catch (RuntimeException e) {
      // a literal the transform cannot handle: claim nothing
      return Expressions.alwaysTrue();
    }
  }

  /** A sufficient condition on one partition field for a row predicate on its source column. */
  static Expression projectStrict(BoundPredicate p, PartitionField field, Type.PrimitiveType resultType) {
    try {
      Transform t = field.transform();
      Part part = new Part(field, resultType);
      Operation op = p.op();
      if (t instanceof Transforms.Identity) {
        return part.pred(op, p.literals());
      }
      if (t instanceof Transforms.Void) {
        return Expressions.alwaysFalse();
      }
      switch (op) {
        case IS_NULL:
        case NOT_NULL:
          return part.pred(op, List.of());
        case NOT_EQ:
          // rows of a partition other than f(v) all differ from v
          return part.pred(Operation.NOT_EQ, List.of(t.apply(p.literal())));
        case NOT_IN:
          return part.set(Operation.NOT_IN, applyAll(t, p.literals()));
        default:
          break;
      }
      if (t instanceof Transforms.Bucket || !t.preservesOrder()) {
        return Expressions.alwaysFalse();
      }
      Type.PrimitiveType source = p.type();
      switch (op) {
        case LT:
          return part.pred(Operation.LT, List.of(t.apply(p.literal())));
        case LT_EQ: {
          Object after = isDiscrete(source) ? adjacent(source, p.literal(), 1) : null;
          return part.pred(Operation.LT, List.of(t.apply(after != null ? after : p.literal())));
        }
        case GT:
          return part.pred(Operation.GT, List.of(t.apply(p.literal())));
        case GT_EQ: {
          Object before = isDiscrete(source) ? adjacent(source, p.literal(), -1) : null;
          return part.pred(Operation.GT, List.of(t.apply(before != null ? before : p.literal())));
        }
        case STARTS_WITH:
        case NOT_STARTS_WITH:
          return truncatedPrefix(p, part, t, false);
        default:
          return Expressions.alwaysFalse();
      }
    } catch (RuntimeException e) {
      return Expressions.alwaysFalse();
    }
  }

  /**
   * Prefix tests through truncate[W] of strings. A prefix no longer than W survives truncation, so
   * the test is exact on partition values; a longer one is cut to W code points, and then rows
   * starting with it all sit in the partition of the cut prefix.
   */
  private static Expression truncatedPrefix(BoundPredicate p, Part part, Transform t, boolean inclusive) {
    if (!(t instanceof Transforms.Truncate truncate) || p.type().kind() != Type.Kind.STRING) {
      return inclusive ? Expressions.alwaysTrue() : Expressions.alwaysFalse();
    }
    String prefix = (String) p.literal();
    boolean fits = Predicates.codePoints(prefix) <= truncate.width();
    if (fits) {
      return part.pred(p.op(), List.of(prefix));
    }
    Object cut = t.apply(prefix);
    if (p.op() == Operation.STARTS_WITH) {
      return inclusive ? part.pred(Operation.EQ, List.of(cut)) : Expressions.alwaysFalse();
    }
    return inclusive ? Expressions.alwaysTrue() : part.pred(Operation.NOT_EQ, List.of(cut));
  }

  private static List<Object> applyAll(Transform t, List<Object> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(t.apply(v));
    }
    return out;
  }

  /** Types where "less than v" is "at most the value just before v". */
  private static boolean isDiscrete(Type.PrimitiveType type) {
    return switch (type.kind()) {
      case INT, LONG, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, DECIMAL -> true;
      default -> false;
    };
  }

  /** The next (delta 1) or previous (delta -1) value of a discrete type; null past its range. */
  private static Object adjacent(Type.PrimitiveType type, Object v, int delta) {
    try {
      if (v instanceof Integer i) {
        return Math.addExact(i, delta);
      }
      if (v instanceof Long l) {
        return Math.addExact(l, delta);
      }
      if (v instanceof BigDecimal d && type instanceof Types.DecimalType dec) {
        return d.add(BigDecimal.valueOf(delta, dec.scale()));
      }
      return null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Builds predicates on one partition field. */
  private record Part(PartitionField field, Type.PrimitiveType type) {
    Expression pred(Operation op, List<Object> literals) {
      if (op.isSet()) {
        return set(op, literals);
      }
      return new BoundPredicate(op, field.fieldId(), field.name(), type, literals);
    }

    Expression set(Operation op, List<Object> values) {
      Comparator<Object> cmp = Comparators.forType(type);
      List<Object> sorted = new ArrayList<>(values);
      sorted.sort(cmp);
      List<Object> distinct = new ArrayList<>();
      for (Object v : sorted) {
        if (distinct.isEmpty() || cmp.compare(distinct.get(distinct.size() - 1), v) != 0) {
          distinct.add(v);
        }
      }
      boolean in = op == Operation.IN;
      if (distinct.isEmpty()) {
        return in ? Expressions.alwaysFalse() : new BoundPredicate(Operation.NOT_NULL, field.fieldId(),
            field.name(), type, List.of());
      }
      if (distinct.size() == 1) {
        return new BoundPredicate(in ? Operation.EQ : Operation.NOT_EQ, field.fieldId(), field.name(), type,
            distinct);
      }
      return new BoundPredicate(op, field.fieldId(), field.name(), type, distinct);
    }
  }
}
