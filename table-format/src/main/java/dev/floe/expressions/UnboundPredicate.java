package dev.floe.expressions;

import java.util.List;
import java.util.Objects;

/** A predicate on a column named by the user; literals are plain Java values, not yet typed. */
public record UnboundPredicate(Operation op, String column, List<Object> literals) implements Expression {
  public UnboundPredicate {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(column, "column");
    literals = List.copyOf(literals);
    Expressions.checkArity(op, column, literals.size());
  }

  /** The predicate as filter text that {@link ExpressionParser} reads back. */
  @Override
  public String toString() {
    return ExpressionText.predicate(op, column, ExpressionText.literals(literals));
  }

  static String quote(Object v) {
    return ExpressionText.literal(v);
  }
}
