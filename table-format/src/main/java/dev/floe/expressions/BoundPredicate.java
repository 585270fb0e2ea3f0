package dev.floe.expressions;

import dev.floe.types.Type;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A predicate resolved against a schema: the column's field id, name and type, and literals
 * converted to that type's internal representation ({@link dev.floe.types.Values}).
 */
public record BoundPredicate(Operation op, int fieldId, String column, Type.PrimitiveType type,
    List<Object> literals) implements Expression {
  public BoundPredicate {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(type, "type");
    literals = List.copyOf(literals);
  }

  /** The single literal of a comparison predicate. */
  public Object literal() {
    return literals.get(0);
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
    return column + " " + op.symbol() + " " + UnboundPredicate.quote(literals.get(0));
  }
}
