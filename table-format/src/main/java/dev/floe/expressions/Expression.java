package dev.floe.expressions;

/**
 * A boolean filter over rows. Unbound expressions name columns; {@link Binder} resolves them
 * against a schema into bound ones (field ids, typed internal-representation literals) that the
 * evaluators use. Build them with {@link Expressions}, which simplifies as it builds.
 */
public sealed interface Expression permits Expression.True, Expression.False, Expression.And,
    Expression.Or, Expression.Not, UnboundPredicate, BoundPredicate {

  record True() implements Expression {
    @Override public String toString() { return "true"; }
  }

  record False() implements Expression {
    @Override public String toString() { return "false"; }
  }

  record And(Expression left, Expression right) implements Expression {
    public And {
      java.util.Objects.requireNonNull(left, "left");
      java.util.Objects.requireNonNull(right, "right");
    }

    @Override public String toString() { return "(" + left + " and " + right + ")"; }
  }

  record Or(Expression left, Expression right) implements Expression {
    public Or {
      java.util.Objects.requireNonNull(left, "left");
      java.util.Objects.requireNonNull(right, "right");
    }

    @Override public String toString() { return "(" + left + " or " + right + ")"; }
  }

  record Not(Expression child) implements Expression {
    public Not {
      java.util.Objects.requireNonNull(child, "child");
    }

    @Override public String toString() { return "not(" + child + ")"; }
  }
}
