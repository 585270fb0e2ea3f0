package dev.floe.expressions;

import dev.floe.data.Record;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Tests rows against a filter. Rows hold record (external) values; each is converted to the
 * internal form of its column ({@link Values#toInternal}) and compared with {@code
 * dev.floe.types.Comparators}, so rows, bounds and partitions agree on one order.
 *
 * <p>A row matches only when the filter is true for it under SQL's three-valued logic: a
 * comparison with a null or NaN value matches neither itself nor its negation ({@code x != 5}
 * and {@code not (x = 5)} do not match a null or NaN {@code x}); see {@link Expressions}.
 * Fields inside nested structs are found by field id; a null parent struct makes them null.
 */
public final class Evaluator {
  private final Expression bound;
  private final RowFilter filter;

  /** Binds the expression to the struct (case-insensitive names) unless it is already bound. */
  public Evaluator(Types.StructType struct, Expression expr) {
    this.bound = Expressions.rewriteNot(Binder.bind(struct, expr, false));
    Map<Integer, int[]> paths = new HashMap<>();
    indexPaths(struct, new int[0], paths);
    this.filter = compile(bound, paths);
  }

  /** Whether the row matches the filter. */
  public boolean eval(Record row) {
    return filter.test(row);
  }

  /** The bound filter, without NOT, that this evaluator tests. */
  public Expression boundExpression() {
    return bound;
  }

  private interface RowFilter {
    boolean test(Record row);
  }

  private static RowFilter compile(Expression e, Map<Integer, int[]> paths) {
    if (e instanceof Expression.True) {
      return row -> true;
    }
    if (e instanceof Expression.False) {
      return row -> false;
    }
    if (e instanceof Expression.And a) {
      RowFilter l = compile(a.left(), paths);
      RowFilter r = compile(a.right(), paths);
      return row -> l.test(row) && r.test(row);
    }
    if (e instanceof Expression.Or o) {
      RowFilter l = compile(o.left(), paths);
      RowFilter r = compile(o.right(), paths);
      return row -> l.test(row) || r.test(row);
    }
    BoundPredicate p = (BoundPredicate) e;
    int[] path = paths.get(p.fieldId());
    Predicate<Object> test = Predicates.compile(p);
    Type.PrimitiveType type = p.type();
    return row -> test.test(Values.toInternal(type, valueAt(row, path)));
  }

  private static Object valueAt(Record row, int[] path) {
    Object v = row;
    for (int position : path) {
      if (v == null) {
        return null;
      }
      v = ((Record) v).get(position);
    }
    return v;
  }

  private static void indexPaths(Types.StructType struct, int[] prefix, Map<Integer, int[]> paths) {
    for (int i = 0; i < struct.fields().size(); i++) {
      NestedField f = struct.fields().get(i);
      int[] path = java.util.Arrays.copyOf(prefix, prefix.length + 1);
      path[prefix.length] = i;
      paths.putIfAbsent(f.id(), path);
      if (f.type() instanceof Types.StructType nested) {
        indexPaths(nested, path, paths);
      }
    }
  }
}
