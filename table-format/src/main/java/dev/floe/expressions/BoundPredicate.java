package dev.floe.expressions;

import dev.floe.types.Type;
import java.util.List;
import java.util.Objects;

/**
 * A predicate resolved against a schema: the column's field id, name and type, and literals
 * converted to that type's internal representation ({@link dev.floe.types.Values}).
 */
public record BoundPredicate(Operation op, int fieldId, String column, Type.PrimitiveType type,
    List<Object> literals) implements Expression {
  public BoundPredicate {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(column, "column");
    literals = List.copyOf(literals);
    Expressions.checkArity(op, column, literals.size());
  }

  /** The single literal of a comparison predicate. */
  public Object literal() {
    return literals.get(0);
  }

  /** Filter text that {@link ExpressionParser} reads back and binds to an equal predicate. */
  @Override
  public String toString() {
    return ExpressionText.predicate(op, column, ExpressionText.literals(type, literals));
  }
}
