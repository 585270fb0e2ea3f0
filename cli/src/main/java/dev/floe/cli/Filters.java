package dev.floe.cli;

import dev.floe.error.FloeException;
import dev.floe.error.InvalidInputException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.ExpressionParser;
import dev.floe.expressions.Expressions;

/** The {@code --where} text as a filter expression. */
final class Filters {
  private Filters() {}

  static Expression parse(String where) {
    if (where == null || where.isBlank()) {
      return Expressions.alwaysTrue();
    }
    try {
      return ExpressionParser.parse(where);
    } catch (FloeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidInputException("where", "cannot parse '" + where + "': " + e.getMessage(), e);
    }
  }
}
