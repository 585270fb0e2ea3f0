package dev.floe.expressions;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Comparators;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves the columns of an expression against a struct (a table schema or a partition struct)
 * and converts literals to the column types' internal representation. Binding also simplifies
 * where the answer is already known: {@code is null} on a column that can never be null is false,
 * an {@code in} list with one value is {@code =}, and so on.
 *
 * <p>Example: binding {@code amount > 10} against {@code struct<id: long, amount: decimal(9,2)>}
 * gives a {@link BoundPredicate} on field id of {@code amount} with the literal
 * {@code BigDecimal("10.00")}.
 */
public final class Binder {
  private Binder() {}

  /**
   * Binds every predicate of the expression. Already-bound predicates are checked against the
   * struct and kept.
   *
   * @param caseSensitive when false, a column name matches regardless of case (an exact match
   *     wins; two case-insensitive matches are an error)
   * @throws InvalidInputException for an unknown column, a predicate on a struct/list/map column,
   *     an operation the column's type does not support, or a literal that does not fit the type
   */
  public static Expression bind(Types.StructType struct, Expression unbound, boolean caseSensitive) {
    return new Resolver(struct, caseSensitive).bind(unbound);
  }

  /** Field ids of all columns a bound expression refers to. */
  public static Set<Integer> boundReferences(Expression expr) {
    Set<Integer> ids = new TreeSet<>();
    collect(expr, ids);
    return ids;
  }

  /** Whether the expression has no unbound predicate left. */
  public static boolean isBound(Expression expr) {
    if (expr instanceof UnboundPredicate) {
      return false;
    }
    if (expr instanceof Expression.And a) {
      return isBound(a.left()) && isBound(a.right());
    }
    if (expr instanceof Expression.Or o) {
      return isBound(o.left()) && isBound(o.right());
    }
    if (expr instanceof Expression.Not n) {
      return isBound(n.child());
    }
    return true;
  }

  private static void collect(Expression e, Set<Integer> ids) {
    if (e instanceof Expression.And a) {
      collect(a.left(), ids);
      collect(a.right(), ids);
    } else if (e instanceof Expression.Or o) {
      collect(o.left(), ids);
      collect(o.right(), ids);
    } else if (e instanceof Expression.Not n) {
      collect(n.child(), ids);
    } else if (e instanceof BoundPredicate p) {
      ids.add(p.fieldId());
    } else if (e instanceof UnboundPredicate p) {
      throw new InvalidInputException(p.column(), "the expression is not bound; bind it first");
    }
  }

  /** A column reachable from the struct, with what binding needs to know about it. */
  private record Column(String name, NestedField field, boolean neverNull, boolean insideCollection) {}

  private static final class Resolver {
    private final Types.StructType struct;
    private final boolean caseSensitive;
    private final Map<String, Column> byName = new LinkedHashMap<>();
    private final Map<Integer, Column> byId = new HashMap<>();

    Resolver(Types.StructType struct, boolean caseSensitive) {
      this.struct = struct;
      this.caseSensitive = caseSensitive;
      index(struct, "", true, false);
    }

    private void index(Type.NestedType type, String prefix, boolean parentsRequired, boolean inCollection) {
      boolean collection = inCollection || !(type instanceof Types.StructType);
      for (NestedField f : type.fields()) {
        String name = prefix + f.name();
        // a required field inside an optional struct is still null when its parent is
        Column c = new Column(name, f, parentsRequired && f.required(), collection);
        byName.putIfAbsent(name, c);
        byId.putIfAbsent(f.id(), c);
        if (f.type() instanceof Type.NestedType nested) {
          index(nested, name + ".", parentsRequired && f.required(), collection);
        }
      }
    }

    Expression bind(Expression e) {
      if (e instanceof Expression.True || e instanceof Expression.False) {
        return e;
      }
      if (e instanceof Expression.And a) {
        return Expressions.and(bind(a.left()), bind(a.right()));
      }
      if (e instanceof Expression.Or o) {
        return Expressions.or(bind(o.left()), bind(o.right()));
      }
      if (e instanceof Expression.Not n) {
        return Expressions.not(bind(n.child()));
      }
      if (e instanceof BoundPredicate p) {
        Column c = byId.get(p.fieldId());
        if (c == null || !c.field().type().equals(p.type())) {
          throw new InvalidInputException(p.column(), "the predicate was bound to another schema:"
              + " this one has no " + p.type() + " field with id " + p.fieldId());
        }
        return p;
      }
      return bindPredicate((UnboundPredicate) e);
    }

    private Expression bindPredicate(UnboundPredicate p) {
      Column c = resolve(p.column());
      String name = c.name();
      Type type = c.field().type();
      if (!type.isPrimitive()) {
        throw new InvalidInputException(p.column(), "cannot filter on column '" + name + "' of type "
            + type + "; filter on one of its primitive fields instead");
      }
      if (c.insideCollection()) {
        throw new InvalidInputException(p.column(), "cannot filter on '" + name
            + "': values inside lists and maps cannot be filtered on");
      }
      Type.PrimitiveType t = type.asPrimitive();
      int id = c.field().id();
      Operation op = p.op();
      switch (op) {
        case IS_NULL:
          return c.neverNull() ? Expressions.alwaysFalse() : bound(op, id, name, t, List.of());
        case NOT_NULL:
          return c.neverNull() ? Expressions.alwaysTrue() : bound(op, id, name, t, List.of());
        case IS_NAN:
        case NOT_NAN:
          if (t.kind() != Type.Kind.FLOAT && t.kind() != Type.Kind.DOUBLE) {
            throw new InvalidInputException(p.column(), "'" + op.symbol() + "' needs a float or double"
                + " column; '" + name + "' is " + t);
          }
          return bound(op, id, name, t, List.of());
        case STARTS_WITH:
        case NOT_STARTS_WITH: {
          if (t.kind() != Type.Kind.STRING) {
            throw new InvalidInputException(p.column(), "'" + op.symbol() + "' (like 'prefix%') needs a"
                + " string column; '" + name + "' is " + t);
          }
          Object prefix = Values.convertLiteral(t, p.literals().get(0), p.column());
          if (((String) prefix).isEmpty()) {
            // every string starts with ''
            if (op == Operation.NOT_STARTS_WITH) {
              return Expressions.alwaysFalse();
            }
            return c.neverNull() ? Expressions.alwaysTrue() : bound(Operation.NOT_NULL, id, name, t, List.of());
          }
          return bound(op, id, name, t, List.of(prefix));
        }
        case IN:
        case NOT_IN:
          return bindSet(p, c, t);
        default:
          return bound(op, id, name, t, List.of(Values.convertLiteral(t, p.literals().get(0), p.column())));
      }
    }

    private Expression bindSet(UnboundPredicate p, Column c, Type.PrimitiveType t) {
      Comparator<Object> cmp = Comparators.forType(t);
      List<Object> values = new ArrayList<>();
      for (Object literal : p.literals()) {
        values.add(Values.convertLiteral(t, literal, p.column()));
      }
      values.sort(cmp);
      List<Object> distinct = new ArrayList<>();
      for (Object v : values) {
        if (distinct.isEmpty() || cmp.compare(distinct.get(distinct.size() - 1), v) != 0) {
          distinct.add(v);
        }
      }
      int id = c.field().id();
      boolean in = p.op() == Operation.IN;
      if (distinct.isEmpty()) {
        if (in) {
          return Expressions.alwaysFalse();
        }
        return c.neverNull() ? Expressions.alwaysTrue() : bound(Operation.NOT_NULL, id, c.name(), t, List.of());
      }
      if (distinct.size() == 1) {
        return bound(in ? Operation.EQ : Operation.NOT_EQ, id, c.name(), t, distinct);
      }
      return bound(p.op(), id, c.name(), t, distinct);
    }

    private static Expression bound(Operation op, int id, String name, Type.PrimitiveType t, List<Object> lits) {
      return new BoundPredicate(op, id, name, t, lits);
    }

    private Column resolve(String column) {
      Column exact = byName.get(column);
      if (exact != null) {
        return exact;
      }
      if (!caseSensitive) {
        String lower = column.toLowerCase(Locale.ROOT);
        List<Column> matches = new ArrayList<>();
        for (Map.Entry<String, Column> e : byName.entrySet()) {
          if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
            matches.add(e.getValue());
          }
        }
        if (matches.size() == 1) {
          return matches.get(0);
        }
        if (matches.size() > 1) {
          List<String> names = matches.stream().map(Column::name).toList();
          throw new InvalidInputException(column, "ambiguous column: it matches " + String.join(", ", names)
              + " when case is ignored; write it with the exact case");
        }
      }
      List<String> names = struct.fields().stream().map(NestedField::name).toList();
      throw new InvalidInputException(column, "unknown column; the table has " + String.join(", ", names));
    }
  }
}
