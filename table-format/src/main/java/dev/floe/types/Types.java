package dev.floe.types;

import dev.floe.error.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The concrete types, with shared instances for the parameterless ones. */
public final class Types {
  private Types() {}

  public static final BooleanType BOOLEAN = new BooleanType();
  public static final IntType INT = new IntType();
  public static final LongType LONG = new LongType();
  public static final FloatType FLOAT = new FloatType();
  public static final DoubleType DOUBLE = new DoubleType();
  public static final DateType DATE = new DateType();
  public static final TimeType TIME = new TimeType();
  public static final TimestampType TIMESTAMP = new TimestampType(false);
  public static final TimestampType TIMESTAMPTZ = new TimestampType(true);
  public static final StringType STRING = new StringType();
  public static final UuidType UUID = new UuidType();
  public static final BinaryType BINARY = new BinaryType();

  public static DecimalType decimal(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  public static FixedType fixed(int length) {
    return new FixedType(length);
  }

  public record BooleanType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.BOOLEAN; }
    @Override public String toString() { return "boolean"; }
  }

  public record IntType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.INT; }
    @Override public String toString() { return "int"; }
  }

  public record LongType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.LONG; }
    @Override public String toString() { return "long"; }
  }

  public record FloatType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.FLOAT; }
    @Override public String toString() { return "float"; }
  }

  public record DoubleType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.DOUBLE; }
    @Override public String toString() { return "double"; }
  }

  public record DecimalType(int precision, int scale) implements Type.PrimitiveType {
    public DecimalType {
      if (precision < 1 || precision > 38) {
        throw new InvalidInputException("decimal", "precision must be 1..38, got " + precision);
      }
      if (scale < 0 || scale > precision) {
        throw new InvalidInputException("decimal", "scale must be 0.." + precision + ", got " + scale);
      }
    }
    public Kind kind() { return Kind.DECIMAL; }
    @Override public String toString() { return "decimal(" + precision + "," + scale + ")"; }
  }

  public record DateType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.DATE; }
    @Override public String toString() { return "date"; }
  }

  /** Time of day, microsecond precision, no zone. */
  public record TimeType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.TIME; }
    @Override public String toString() { return "time"; }
  }

  /** Microsecond timestamp; {@code withZone} means stored as UTC instants (timestamptz). */
  public record TimestampType(boolean withZone) implements Type.PrimitiveType {
    public Kind kind() { return withZone ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP; }
    @Override public String toString() { return withZone ? "timestamptz" : "timestamp"; }
  }

  public record StringType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.STRING; }
    @Override public String toString() { return "string"; }
  }

  public record UuidType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.UUID; }
    @Override public String toString() { return "uuid"; }
  }

  public record BinaryType() implements Type.PrimitiveType {
    public Kind kind() { return Kind.BINARY; }
    @Override public String toString() { return "binary"; }
  }

  public record FixedType(int length) implements Type.PrimitiveType {
    public FixedType {
      if (length < 1) {
        throw new InvalidInputException("fixed", "length must be positive, got " + length);
      }
    }
    public Kind kind() { return Kind.FIXED; }
    @Override public String toString() { return "fixed[" + length + "]"; }
  }

  /**
   * A field of a struct, or the element, key or value of a list or map. Struct fields may carry
   * default values (Iceberg's {@code initial-default} and {@code write-default}), in internal
   * representation ({@link Values}): {@code initialDefault} is what rows written before the field
   * existed read as, {@code writeDefault} what a writer stores when a row does not supply the
   * field. Only primitive fields have non-null defaults; absent means null.
   */
  public record NestedField(int id, String name, boolean required, Type type, Optional<String> doc,
      Optional<Object> initialDefault, Optional<Object> writeDefault) {
    public NestedField {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(doc, "doc");
      Objects.requireNonNull(initialDefault, "initialDefault");
      Objects.requireNonNull(writeDefault, "writeDefault");
      if (id < 0) {
        throw new InvalidInputException(name, "field id must not be negative, got " + id);
      }
      if (name.isEmpty()) {
        throw new InvalidInputException("field " + id, "name must not be empty");
      }
      initialDefault = checkDefault("initial-default", name, type, initialDefault);
      writeDefault = checkDefault("write-default", name, type, writeDefault);
    }

    /** A field without default values. */
    public NestedField(int id, String name, boolean required, Type type, Optional<String> doc) {
      this(id, name, required, type, doc, Optional.empty(), Optional.empty());
    }

    private static Optional<Object> checkDefault(String which, String name, Type type, Optional<Object> value) {
      Objects.requireNonNull(value, which);
      if (value.isEmpty()) {
        return value;
      }
      if (!type.isPrimitive()) {
        throw new InvalidInputException(name, "a " + type + " field cannot have a non-null " + which
            + "; only primitive fields can");
      }
      return Optional.of(Values.internalOf(type.asPrimitive(), value.get(), name));
    }

    public static NestedField required(int id, String name, Type type) {
      return new NestedField(id, name, true, type, Optional.empty());
    }

    public static NestedField optional(int id, String name, Type type) {
      return new NestedField(id, name, false, type, Optional.empty());
    }

    public NestedField withType(Type newType) {
      return new NestedField(id, name, required, newType, doc, initialDefault, writeDefault);
    }

    public NestedField withName(String newName) {
      return new NestedField(id, newName, required, type, doc, initialDefault, writeDefault);
    }

    /** The same field, optional (null allowed). */
    public NestedField asOptional() {
      return new NestedField(id, name, false, type, doc, initialDefault, writeDefault);
    }

    public NestedField withDoc(Optional<String> newDoc) {
      return new NestedField(id, name, required, type, newDoc, initialDefault, writeDefault);
    }

    /** The same field with these defaults (internal values; empty is null). */
    public NestedField withDefaults(Optional<Object> initial, Optional<Object> write) {
      return new NestedField(id, name, required, type, doc, initial, write);
    }

    public NestedField withId(int newId, Type newType) {
      return new NestedField(newId, name, required, newType, doc, initialDefault, writeDefault);
    }

    @Override
    public String toString() {
      return id + ": " + name + " " + type + (required ? " not null" : "")
          + writeDefault.map(d -> " default " + d).orElse("");
    }
  }

  public record StructType(List<NestedField> fields) implements Type.NestedType {
    public StructType {
      fields = List.copyOf(fields);
    }

    public static StructType of(NestedField... fields) {
      return new StructType(List.of(fields));
    }

    public Kind kind() { return Kind.STRUCT; }

    /** The field with this name at this level, if any. */
    public Optional<NestedField> field(String name) {
      for (NestedField f : fields) {
        if (f.name().equals(name)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("struct<");
      for (int i = 0; i < fields.size(); i++) {
        NestedField f = fields.get(i);
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(f.name()).append(": ").append(f.type());
        if (f.required()) {
          sb.append(" not null");
        }
      }
      return sb.append('>').toString();
    }
  }

  public record ListType(int elementId, Type elementType, boolean elementRequired)
      implements Type.NestedType {
    public ListType {
      Objects.requireNonNull(elementType, "elementType");
    }

    public Kind kind() { return Kind.LIST; }

    public NestedField element() {
      return new NestedField(elementId, "element", elementRequired, elementType, Optional.empty());
    }

    public List<NestedField> fields() {
      return List.of(element());
    }

    @Override
    public String toString() {
      return "list<" + elementType + ">";
    }
  }

  public record MapType(int keyId, Type keyType, int valueId, Type valueType, boolean valueRequired)
      implements Type.NestedType {
    public MapType {
      Objects.requireNonNull(keyType, "keyType");
      Objects.requireNonNull(valueType, "valueType");
    }

    public Kind kind() { return Kind.MAP; }

    public NestedField key() {
      return new NestedField(keyId, "key", true, keyType, Optional.empty());
    }

    public NestedField value() {
      return new NestedField(valueId, "value", valueRequired, valueType, Optional.empty());
    }

    public List<NestedField> fields() {
      return List.of(key(), value());
    }

    @Override
    public String toString() {
      return "map<" + keyType + ", " + valueType + ">";
    }
  }

  /** Parses a primitive type's canonical text form; nested types are spelled out in JSON. */
  public static Type.PrimitiveType parsePrimitive(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "boolean": return BOOLEAN;
      case "int": case "integer": return INT;
      case "long": case "bigint": return LONG;
      case "float": return FLOAT;
      case "double": return DOUBLE;
      case "date": return DATE;
      case "time": return TIME;
      case "timestamp": return TIMESTAMP;
      case "timestamptz": return TIMESTAMPTZ;
      case "string": return STRING;
      case "uuid": return UUID;
      case "binary": return BINARY;
      default: break;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)").matcher(t);
    if (m.matches()) {
      return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    m = java.util.regex.Pattern.compile("fixed\\[\\s*(\\d+)\\s*]").matcher(t);
    if (m.matches()) {
      return fixed(Integer.parseInt(m.group(1)));
    }
    throw new InvalidInputException("type", "unknown type '" + text.trim() + "'; expected one of"
        + " boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz,"
        + " string, uuid, binary, fixed[N]");
  }
}
