package dev.floe.expressions;

import dev.floe.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Builds filter expressions and simplifies as it builds: constants fold away
 * ({@code and(alwaysTrue(), x)} is {@code x}, {@code or(alwaysTrue(), x)} is true) and double
 * negation cancels. Predicates are unbound (they name columns); {@link Binder} types them.
 *
 * <p>Filters follow SQL's three-valued logic, collapsed to "the row matches": a comparison,
 * {@code in}, {@code not in}, {@code starts with} or {@code not starts with} on a null value is
 * unknown, so neither it nor its negation matches; so is a comparison with NaN (NaN equals
 * nothing, is neither less nor greater than anything). {@code is null}, {@code is not null},
 * {@code is nan} and {@code is not nan} always answer true or false ({@code null is not nan}).
 */
public final class Expressions {
  private Expressions() {}

  private static final Expression TRUE = new Expression.True();
  private static final Expression FALSE = new Expression.False();

  public static Expression alwaysTrue() {
    return TRUE;
  }

  public static Expression alwaysFalse() {
    return FALSE;
  }

  public static Expression and(Expression left, Expression right, Expression... more) {
    Expression result = and2(left, right);
    for (Expression e : more) {
      result = and2(result, e);
    }
    return result;
  }

  /** The conjunction of all; true when empty. */
  public static Expression and(Collection<? extends Expression> expressions) {
    Expression result = TRUE;
    for (Expression e : expressions) {
      result = and2(result, e);
    }
    return result;
  }

  private static Expression and2(Expression left, Expression right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    if (left instanceof Expression.False || right instanceof Expression.False) {
      return FALSE;
    }
    if (left instanceof Expression.True) {
      return right;
    }
    if (right instanceof Expression.True || left.equals(right)) {
      return left;
    }
    return new Expression.And(left, right);
  }

  public static Expression or(Expression left, Expression right, Expression... more) {
    Expression result = or2(left, right);
    for (Expression e : more) {
      result = or2(result, e);
    }
    return result;
  }

  /** The disjunction of all; false when empty. */
  public static Expression or(Collection<? extends Expression> expressions) {
    Expression result = FALSE;
    for (Expression e : expressions) {
      result = or2(result, e);
    }
    return result;
  }

  private static Expression or2(Expression left, Expression right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    if (left instanceof Expression.True || right instanceof Expression.True) {
      return TRUE;
    }
    if (left instanceof Expression.False) {
      return right;
    }
    if (right instanceof Expression.False || left.equals(right)) {
      return left;
    }
    return new Expression.Or(left, right);
  }

  public static Expression not(Expression child) {
    Objects.requireNonNull(child, "child");
    if (child instanceof Expression.True) {
      return FALSE;
    }
    if (child instanceof Expression.False) {
      return TRUE;
    }
    if (child instanceof Expression.Not n) {
      return n.child();
    }
    return new Expression.Not(child);
  }

  public static Expression isNull(String column) {
    return new UnboundPredicate(Operation.IS_NULL, column, List.of());
  }

  public static Expression notNull(String column) {
    return new UnboundPredicate(Operation.NOT_NULL, column, List.of());
  }

  public static Expression isNaN(String column) {
    return new UnboundPredicate(Operation.IS_NAN, column, List.of());
  }

  public static Expression notNaN(String column) {
    return new UnboundPredicate(Operation.NOT_NAN, column, List.of());
  }

  public static Expression equal(String column, Object value) {
    return comparison(Operation.EQ, column, value);
  }

  public static Expression notEqual(String column, Object value) {
    return comparison(Operation.NOT_EQ, column, value);
  }

  public static Expression lessThan(String column, Object value) {
    return comparison(Operation.LT, column, value);
  }

  public static Expression lessThanOrEqual(String column, Object value) {
    return comparison(Operation.LT_EQ, column, value);
  }

  public static Expression greaterThan(String column, Object value) {
    return comparison(Operation.GT, column, value);
  }

  public static Expression greaterThanOrEqual(String column, Object value) {
    return comparison(Operation.GT_EQ, column, value);
  }

  public static Expression startsWith(String column, String prefix) {
    return comparison(Operation.STARTS_WITH, column, prefix);
  }

  public static Expression notStartsWith(String column, String prefix) {
    return comparison(Operation.NOT_STARTS_WITH, column, prefix);
  }

  /** {@code column in (values)}; false when there are no values, {@code =} for one. */
  public static Expression in(String column, Object... values) {
    return in(column, Arrays.asList(values));
  }

  public static Expression in(String column, Collection<?> values) {
    List<Object> distinct = distinctLiterals(column, values);
    if (distinct.isEmpty()) {
      return FALSE;
    }
    if (distinct.size() == 1) {
      return equal(column, distinct.get(0));
    }
    return new UnboundPredicate(Operation.IN, column, distinct);
  }

  /**
   * {@code column not in (values)}; for no values that is every non-null value, {@code !=} for one.
   */
  public static Expression notIn(String column, Object... values) {
    return notIn(column, Arrays.asList(values));
  }

  public static Expression notIn(String column, Collection<?> values) {
    List<Object> distinct = distinctLiterals(column, values);
    if (distinct.isEmpty()) {
      return notNull(column);
    }
    if (distinct.size() == 1) {
      return notEqual(column, distinct.get(0));
    }
    return new UnboundPredicate(Operation.NOT_IN, column, distinct);
  }

  /** A predicate with the given operation, e.g. for code that negates or rebuilds predicates. */
  public static Expression predicate(Operation op, String column, List<?> literals) {
    return switch (op) {
      case IN -> in(column, literals);
      case NOT_IN -> notIn(column, literals);
      default -> {
        if (!op.isUnary() && (literals.size() != 1 || literals.get(0) == null)) {
          throw new InvalidInputException(column, "'" + op.symbol() + "' needs exactly one non-null value");
        }
        yield new UnboundPredicate(op, column, new ArrayList<>(literals));
      }
    };
  }

  /**
   * The equivalent expression with no {@link Expression.Not}: negations are pushed down to the
   * predicates (De Morgan's laws), each predicate replaced by its {@link Operation#negate()}.
   * Evaluators work on this form. Exact under the three-valued semantics described above.
   */
  public static Expression rewriteNot(Expression expr) {
    return push(expr, false);
  }

  private static Expression push(Expression e, boolean negate) {
    if (e instanceof Expression.True) {
      return negate ? FALSE : TRUE;
    }
    if (e instanceof Expression.False) {
      return negate ? TRUE : FALSE;
    }
    if (e instanceof Expression.Not n) {
      return push(n.child(), !negate);
    }
    if (e instanceof Expression.And a) {
      return negate ? or(push(a.left(), true), push(a.right(), true))
          : and(push(a.left(), false), push(a.right(), false));
    }
    if (e instanceof Expression.Or o) {
      return negate ? and(push(o.left(), true), push(o.right(), true))
          : or(push(o.left(), false), push(o.right(), false));
    }
    if (e instanceof UnboundPredicate p) {
      return negate ? new UnboundPredicate(p.op().negate(), p.column(), p.literals()) : p;
    }
    BoundPredicate p = (BoundPredicate) e;
    return negate ? new BoundPredicate(p.op().negate(), p.fieldId(), p.column(), p.type(), p.literals()) : p;
  }

  private static Expression comparison(Operation op, String column, Object value) {
    Objects.requireNonNull(column, "column");
    if (value == null) {
      throw new InvalidInputException(column, "a comparison with null is never true; use 'is null'"
          + " or 'is not null'");
    }
    return new UnboundPredicate(op, column, List.of(value));
  }

  private static List<Object> distinctLiterals(String column, Collection<?> values) {
    Objects.requireNonNull(column, "column");
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      if (v == null) {
        throw new InvalidInputException(column, "'in' and 'not in' lists must not contain null;"
            + " use 'is null' or 'is not null'");
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  static void checkArity(Operation op, String column, int literalCount) {
    boolean ok = op.isUnary() ? literalCount == 0 : op.isSet() ? literalCount >= 0 : literalCount == 1;
    if (!ok) {
      throw new InvalidInputException(String.valueOf(column), "'" + op.symbol() + "' takes "
          + (op.isUnary() ? "no values" : "one value") + ", got " + literalCount);
    }
  }
}
