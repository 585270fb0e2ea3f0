package dev.floe.types;

/**
 * A Floe column type. Primitive types are leaves; struct, list and map nest other types and give
 * every nested field its own field id. {@link #toString()} is the canonical text form, the same
 * one the table metadata JSON uses ({@code long}, {@code decimal(9,2)}, {@code fixed[16]}).
 */
public sealed interface Type permits Type.PrimitiveType, Type.NestedType {

  /** The kind of a type, for switches that need no parameters. */
  enum Kind {
    BOOLEAN, INT, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMPTZ,
    STRING, UUID, BINARY, FIXED, STRUCT, LIST, MAP
  }

  Kind kind();

  default boolean isPrimitive() {
    return this instanceof PrimitiveType;
  }

  default PrimitiveType asPrimitive() {
    return (PrimitiveType) this;
  }

  sealed interface PrimitiveType extends Type permits Types.BooleanType, Types.IntType,
      Types.LongType, Types.FloatType, Types.DoubleType, Types.DecimalType, Types.DateType,
      Types.TimeType, Types.TimestampType, Types.StringType, Types.UuidType, Types.BinaryType,
      Types.FixedType {}

  sealed interface NestedType extends Type permits Types.StructType, Types.ListType,
      Types.MapType {
    java.util.List<Types.NestedField> fields();
  }
}
