package dev.floe.spark.read;

import dev.floe.error.FloeException;
import dev.floe.expressions.Binder;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns Spark's pushed predicates into Floe filter expressions, or refuses. A predicate Floe
 * takes is evaluated by Floe exactly (files, row groups and rows), so Spark does not evaluate it
 * again; one it refuses stays in Spark as a post-scan filter. Refused are predicates Floe has no
 * operator for ({@code ENDS_WITH}, {@code CONTAINS}, anything over a computed value) and those
 * whose meaning differs between the two:
 *
 * <ul>
 *   <li>float and double columns: Spark treats NaN as equal to itself and greater than every
 *       number and -0.0 as equal to 0.0; Floe's filters follow IEEE comparison (NaN matches no
 *       comparison, -0.0 sorts below 0.0), so pruning by Floe could drop rows Spark would keep;
 *   <li>uuid columns, which Spark sees as strings: Spark compares the text ('A' is not 'a'),
 *       Floe the parsed value;
 *   <li>{@code <=>} (null-safe equality) under a {@code NOT}: it is true for null rows, where
 *       Floe's negated comparison never matches.
 * </ul>
 *
 * Under Spark's three-valued logic a filter keeps a row only when it is true, which is what
 * Floe's collapse of "unknown" to "does not match" gives for everything else, negations
 * included.
 */
public final class SparkFilters {
  private final Schema schema;

  public SparkFilters(Schema schema) {
    this.schema = schema;
  }

  /** The Floe expression for this predicate, or empty when Floe should not evaluate it. */
  public Optional<Expression> convert(Predicate predicate) {
    Expression e = convert(predicate, true);
    if (e == null) {
      return Optional.empty();
    }
    try {
      Binder.bind(schema.asStruct(), e, false);
      return Optional.of(e);
    } catch (FloeException refused) {
      // a literal that does not fit the column (out of range, not exact): Spark evaluates it
      return Optional.empty();
    }
  }

  /** The conjunction of all, or empty when Floe should not evaluate one of them. */
  public Optional<Expression> convertAll(Predicate[] predicates) {
    Expression all = Expressions.alwaysTrue();
    for (Predicate p : predicates) {
      Optional<Expression> e = convert(p);
      if (e.isEmpty()) {
        return Optional.empty();
      }
      all = Expressions.and(all, e.get());
    }
    return Optional.of(all);
  }

  private Expression convert(Predicate p, boolean positive) {
    org.apache.spark.sql.connector.expressions.Expression[] c = p.children();
    try {
      switch (p.name()) {
        case "ALWAYS_TRUE":
          return Expressions.alwaysTrue();
        case "ALWAYS_FALSE":
          return Expressions.alwaysFalse();
        case "AND": {
          Expression l = convert((Predicate) c[0], positive);
          Expression r = convert((Predicate) c[1], positive);
          return l == null || r == null ? null : Expressions.and(l, r);
        }
        case "OR": {
          Expression l = convert((Predicate) c[0], positive);
          Expression r = convert((Predicate) c[1], positive);
          return l == null || r == null ? null : Expressions.or(l, r);
        }
        case "NOT": {
          Expression child = convert((Predicate) c[0], !positive);
          return child == null ? null : Expressions.not(child);
        }
        case "IS_NULL":
          return column(c[0], true).map(Expressions::isNull).orElse(null);
        case "IS_NOT_NULL":
          return column(c[0], true).map(Expressions::notNull).orElse(null);
        case "IN":
          return in(c);
        case "STARTS_WITH": {
          Optional<String> col = column(c[0], false);
          Object prefix = literal(c[1]);
          return col.isPresent() && prefix instanceof String s ? Expressions.startsWith(col.get(), s) : null;
        }
        case "=", "<>", "<", "<=", ">", ">=":
          return comparison(p.name(), c);
        case "<=>":
          // x <=> v is x = v for a non-null v, but its negation is also true for a null x
          return positive ? comparison("=", c) : null;
        default:
          return null;
      }
    } catch (FloeException | ClassCastException refused) {
      return null;
    }
  }

  private Expression comparison(String op, org.apache.spark.sql.connector.expressions.Expression[] c) {
    boolean flipped = !(c[0] instanceof NamedReference);
    Optional<String> col = column(flipped ? c[1] : c[0], false);
    Object value = literal(flipped ? c[0] : c[1]);
    if (col.isEmpty() || value == null) {
      return null;
    }
    String name = col.get();
    String effective = flipped ? flip(op) : op;
    return switch (effective) {
      case "=" -> Expressions.equal(name, value);
      case "<>" -> Expressions.notEqual(name, value);
      case "<" -> Expressions.lessThan(name, value);
      case "<=" -> Expressions.lessThanOrEqual(name, value);
      case ">" -> Expressions.greaterThan(name, value);
      case ">=" -> Expressions.greaterThanOrEqual(name, value);
      default -> null;
    };
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private Expression in(org.apache.spark.sql.connector.expressions.Expression[] c) {
    Optional<String> col = column(c[0], false);
    if (col.isEmpty()) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (int i = 1; i < c.length; i++) {
      Object v = literal(c[i]);
      if (v == null) {
        return null; // a null in the list makes a non-match unknown; Spark keeps the predicate
      }
      values.add(v);
    }
    return Expressions.in(col.get(), values);
  }

  /**
   * The Floe column a reference names, if Floe may filter on it; {@code anyType} admits every
   * type (for null checks, which mean the same on both sides).
   */
  private Optional<String> column(org.apache.spark.sql.connector.expressions.Expression e, boolean anyType) {
    if (!(e instanceof NamedReference ref)) {
      return Optional.empty();
    }
    for (String part : ref.fieldNames()) {
      if (part.contains(".")) {
        return Optional.empty(); // Floe names nested fields with dots: such a name would be ambiguous
      }
    }
    String name = String.join(".", ref.fieldNames());
    Optional<NestedField> field = schema.findField(name);
    if (field.isEmpty() || !field.get().type().isPrimitive()) {
      return Optional.empty();
    }
    Type.Kind kind = field.get().type().kind();
    if (!anyType && (kind == Type.Kind.FLOAT || kind == Type.Kind.DOUBLE || kind == Type.Kind.UUID)) {
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /** A Spark literal as a value Floe's filters accept (external Java types), or null. */
  static Object literal(org.apache.spark.sql.connector.expressions.Expression e) {
    if (!(e instanceof Literal<?> lit) || lit.value() == null) {
      return null;
    }
    Object v = lit.value();
    DataType t = lit.dataType();
    if (v instanceof UTF8String s) {
      return s.toString();
    }
    if (v instanceof Decimal d) {
      return d.toJavaBigDecimal();
    }
    // Spark's internal date and timestamp values are Floe's internal forms
    if (t.equals(DataTypes.DateType)) {
      return Values.toExternal(Types.DATE, v);
    }
    if (t instanceof TimestampNTZType) {
      return Values.toExternal(Types.TIMESTAMP, v);
    }
    if (t.equals(DataTypes.TimestampType)) {
      return Values.toExternal(Types.TIMESTAMPTZ, v);
    }
    if (v instanceof byte[] b) {
      return ByteBuffer.wrap(b.clone());
    }
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte) {
      return v;
    }
    return null;
  }
}
