package dev.floe.parquet;

import dev.floe.types.Type;
import dev.floe.types.Types;

/** Which file types can be read as which table types. */
final class TypeCompat {
  private TypeCompat() {}

  /**
   * The schema-evolution promotions a table allows (int to long, float to double, wider decimal
   * precision at the same scale), plus identity. These apply to files matched by field id.
   */
  static boolean canPromote(Type.PrimitiveType from, Type.PrimitiveType to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.kind() == Type.Kind.INT && to.kind() == Type.Kind.LONG) {
      return true;
    }
    if (from.kind() == Type.Kind.FLOAT && to.kind() == Type.Kind.DOUBLE) {
      return true;
    }
    if (from instanceof Types.DecimalType f && to instanceof Types.DecimalType t) {
      return f.scale() == t.scale() && t.precision() >= f.precision();
    }
    return false;
  }

  /**
   * Conversions accepted when importing foreign files by column name: the promotions, plus
   * timestamps with or without zone either way (same instant arithmetic), unannotated binary read
   * as string, fixed read as binary, and decimals rescaled without loss.
   */
  static boolean canConvert(Type.PrimitiveType from, Type.PrimitiveType to) {
    if (canPromote(from, to)) {
      return true;
    }
    Type.Kind f = from.kind();
    Type.Kind t = to.kind();
    if ((f == Type.Kind.TIMESTAMP || f == Type.Kind.TIMESTAMPTZ)
        && (t == Type.Kind.TIMESTAMP || t == Type.Kind.TIMESTAMPTZ)) {
      return true;
    }
    if (f == Type.Kind.BINARY && t == Type.Kind.STRING) {
      return true;
    }
    if ((f == Type.Kind.FIXED || f == Type.Kind.STRING) && t == Type.Kind.BINARY) {
      return true;
    }
    if (from instanceof Types.DecimalType fd && to instanceof Types.DecimalType td) {
      return td.scale() >= fd.scale() && td.precision() - td.scale() >= fd.precision() - fd.scale();
    }
    return false;
  }

  /** An internal-representation value of {@code from} as a value of {@code to} (a promotion). */
  static Object promote(Object v, Type.PrimitiveType from, Type.PrimitiveType to) {
    if (from.kind() == Type.Kind.INT && to.kind() == Type.Kind.LONG) {
      return ((Integer) v).longValue();
    }
    if (from.kind() == Type.Kind.FLOAT && to.kind() == Type.Kind.DOUBLE) {
      return ((Float) v).doubleValue();
    }
    return v;
  }
}
