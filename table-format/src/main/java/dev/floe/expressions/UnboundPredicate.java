package dev.floe.expressions;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A predicate on a column named by the user; literals are plain Java values, not yet typed. */
public record UnboundPredicate(Operation op, String column, List<Object> literals) implements Expression {
  public UnboundPredicate {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(column, "column");
    literals = List.copyOf(literals);
  }

  @Override
  public String toString() {
    if (op.isUnary()) {
      return column + " " + op.symbol();
    }
    if (op.isSet()) {
      return column + " " + op.symbol() + " ("
          + literals.stream().map(UnboundPredicate::quote).collect(Collectors.joining(", ")) + ")";
    }
    return column + " " + op.symbol() + " " + quote(literals.get(0));
  }

  static String quote(Object v) {
    return v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v);
  }
}
