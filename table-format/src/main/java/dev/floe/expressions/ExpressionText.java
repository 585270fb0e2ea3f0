package dev.floe.expressions;

import dev.floe.types.Type;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text form of predicates, written so that {@link ExpressionParser} reads it back: columns
 * that are not plain identifiers are double-quoted, strings single-quoted with '' escapes.
 */
final class ExpressionText {
  private ExpressionText() {}

  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  /** Words the parser treats as keywords; columns with these names must be quoted. */
  static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "null", "nan", "like",
      "true", "false", "starts", "with", "between");

  static String predicate(Operation op, String column, List<String> literals) {
    String col = column(column);
    if (op.isUnary()) {
      return col + " " + op.symbol();
    }
    if (op.isSet()) {
      return col + " " + op.symbol() + " (" + String.join(", ", literals) + ")";
    }
    return col + " " + op.symbol() + " " + literals.get(0);
  }

  static String column(String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      boolean keyword = false;
      for (String part : name.split("\\.")) {
        keyword |= KEYWORDS.contains(part.toLowerCase(Locale.ROOT));
      }
      if (!keyword) {
        return name;
      }
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String string(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** An unbound literal: numbers and booleans bare, everything else as a quoted string. */
  static String literal(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof java.math.BigInteger || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
      return v.toString();
    }
    if (v instanceof ByteBuffer b) {
      ByteBuffer dup = b.duplicate();
      byte[] bytes = new byte[dup.remaining()];
      dup.get(bytes);
      return string(Base64.getEncoder().encodeToString(bytes));
    }
    if (v instanceof byte[] bytes) {
      return string(Base64.getEncoder().encodeToString(bytes));
    }
    return string(String.valueOf(v));
  }

  /** A bound (internal) literal, written as the text that binds back to the same value. */
  static String literal(Type.PrimitiveType type, Object internal) {
    Object external = Values.toExternal(type, internal);
    return switch (type.kind()) {
      case BOOLEAN, INT, LONG, FLOAT, DOUBLE, DECIMAL -> literal(external);
      default -> string(Values.toDisplayString(type, external));
    };
  }

  static List<String> literals(List<Object> values) {
    return values.stream().map(ExpressionText::literal).collect(Collectors.toList());
  }

  static List<String> literals(Type.PrimitiveType type, List<Object> values) {
    return values.stream().map(v -> literal(type, v)).collect(Collectors.toList());
  }
}
