package dev.floe.parquet;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Converts between Floe schemas and Parquet schemas. Floe writes the Iceberg-compatible layout:
 * every field carries its Floe field id, lists and maps use the standard three-level
 * structure ({@code list/element}, {@code key_value/key/value}), timestamps are microseconds.
 */
public final class ParquetSchemas {
  /** Name of the root message in files Floe writes. */
  static final String MESSAGE_NAME = "table";

  private ParquetSchemas() {}

  /** The Parquet schema Floe writes for this table schema, with field ids on every field. */
  public static MessageType toParquet(Schema schema) {
    List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
    for (NestedField f : schema.columns()) {
      fields.add(field(f));
    }
    return new MessageType(MESSAGE_NAME, fields);
  }

  private static org.apache.parquet.schema.Type field(NestedField f) {
    return convert(f.name(), f.id(), f.required() ? Repetition.REQUIRED : Repetition.OPTIONAL, f.type());
  }

  private static org.apache.parquet.schema.Type convert(String name, int id, Repetition rep, Type type) {
    switch (type.kind()) {
      case STRUCT: {
        var builder = org.apache.parquet.schema.Types.buildGroup(rep);
        for (NestedField child : ((Types.StructType) type).fields()) {
          builder.addField(field(child));
        }
        return builder.id(id).named(name);
      }
      case LIST: {
        Types.ListType list = (Types.ListType) type;
        org.apache.parquet.schema.Type element = convert("element", list.elementId(),
            list.elementRequired() ? Repetition.REQUIRED : Repetition.OPTIONAL, list.elementType());
        GroupType repeated = org.apache.parquet.schema.Types.repeatedGroup().addField(element).named("list");
        return org.apache.parquet.schema.Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
            .addField(repeated).id(id).named(name);
      }
      case MAP: {
        Types.MapType map = (Types.MapType) type;
        org.apache.parquet.schema.Type key = convert("key", map.keyId(), Repetition.REQUIRED, map.keyType());
        org.apache.parquet.schema.Type value = convert("value", map.valueId(),
            map.valueRequired() ? Repetition.REQUIRED : Repetition.OPTIONAL, map.valueType());
        GroupType keyValue = org.apache.parquet.schema.Types.repeatedGroup()
            .addField(key).addField(value).named("key_value");
        return org.apache.parquet.schema.Types.buildGroup(rep).as(LogicalTypeAnnotation.mapType())
            .addField(keyValue).id(id).named(name);
      }
      default:
        return primitive(name, id, rep, (Type.PrimitiveType) type);
    }
  }

  private static PrimitiveType primitive(String name, int id, Repetition rep, Type.PrimitiveType type) {
    switch (type.kind()) {
      case BOOLEAN:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.BOOLEAN, rep).id(id).named(name);
      case INT:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT32, rep).id(id).named(name);
      case LONG:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, rep).id(id).named(name);
      case FLOAT:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.FLOAT, rep).id(id).named(name);
      case DOUBLE:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.DOUBLE, rep).id(id).named(name);
      case DECIMAL: {
        Types.DecimalType d = (Types.DecimalType) type;
        LogicalTypeAnnotation ann = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
        if (d.precision() <= 9) {
          return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT32, rep).as(ann).id(id).named(name);
        }
        if (d.precision() <= 18) {
          return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, rep).as(ann).id(id).named(name);
        }
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
            .length(decimalBytes(d.precision())).as(ann).id(id).named(name);
      }
      case DATE:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.dateType()).id(id).named(name);
      case TIME:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).id(id).named(name);
      case TIMESTAMP:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).id(id).named(name);
      case TIMESTAMPTZ:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).id(id).named(name);
      case STRING:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.BINARY, rep)
            .as(LogicalTypeAnnotation.stringType()).id(id).named(name);
      case UUID:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
            .length(16).as(LogicalTypeAnnotation.uuidType()).id(id).named(name);
      case BINARY:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.BINARY, rep).id(id).named(name);
      case FIXED:
        return org.apache.parquet.schema.Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
            .length(((Types.FixedType) type).length()).id(id).named(name);
      default:
        throw new IllegalArgumentException("not a primitive type: " + type);
    }
  }

  /** The fewest bytes whose two's complement range holds every unscaled value of this precision. */
  static int decimalBytes(int precision) {
    java.math.BigInteger max = java.math.BigInteger.TEN.pow(precision).subtract(java.math.BigInteger.ONE);
    int bytes = 1;
    while (max.bitLength() + 1 > bytes * 8) {
      bytes++;
    }
    return bytes;
  }

  /**
   * The Floe type of a Parquet leaf, or empty when Floe has no type for it (unsigned 64-bit
   * integers, intervals, float16...). Legacy converted types arrive here already translated to
   * logical type annotations by parquet-java.
   */
  static Optional<Type.PrimitiveType> floeType(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return a == null ? Optional.of(Types.BOOLEAN) : Optional.empty();
      case INT32:
        if (a == null) {
          return Optional.of(Types.INT);
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          return Optional.of(!i.isSigned() && i.getBitWidth() == 32 ? Types.LONG : Types.INT);
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return Optional.of(Types.DATE);
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return decimal(d);
        }
        if (a instanceof TimeLogicalTypeAnnotation t && t.getUnit() == TimeUnit.MILLIS) {
          return Optional.of(Types.TIME);
        }
        return Optional.empty();
      case INT64:
        if (a == null) {
          return Optional.of(Types.LONG);
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() ? Optional.of(Types.LONG) : Optional.empty();
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return decimal(d);
        }
        if (a instanceof TimeLogicalTypeAnnotation t && t.getUnit() != TimeUnit.MILLIS) {
          return Optional.of(Types.TIME);
        }
        if (a instanceof TimestampLogicalTypeAnnotation t) {
          return Optional.of(t.isAdjustedToUTC() ? Types.TIMESTAMPTZ : Types.TIMESTAMP);
        }
        return Optional.empty();
      case INT96:
        // Legacy Impala/Spark timestamps: instants, nanosecond precision.
        return Optional.of(Types.TIMESTAMPTZ);
      case FLOAT:
        return a == null ? Optional.of(Types.FLOAT) : Optional.empty();
      case DOUBLE:
        return a == null ? Optional.of(Types.DOUBLE) : Optional.empty();
      case BINARY:
        if (a == null || a instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
          return Optional.of(Types.BINARY);
        }
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return Optional.of(Types.STRING);
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return decimal(d);
        }
        return Optional.empty();
      case FIXED_LEN_BYTE_ARRAY:
        if (a == null) {
          return Optional.of(Types.fixed(p.getTypeLength()));
        }
        if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && p.getTypeLength() == 16) {
          return Optional.of(Types.UUID);
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return decimal(d);
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static Optional<Type.PrimitiveType> decimal(DecimalLogicalTypeAnnotation d) {
    if (d.getPrecision() < 1 || d.getPrecision() > 38 || d.getScale() < 0 || d.getScale() > d.getPrecision()) {
      return Optional.empty();
    }
    return Optional.of(Types.decimal(d.getPrecision(), d.getScale()));
  }

  // ---- Parquet -> Floe ----------------------------------------------------------------------

  /**
   * A Floe schema for a Parquet file. With {@code freshIds} every field gets a new id (top-level
   * columns 1..n, then nested fields); otherwise the file's own field ids are used and the result
   * is empty when some field has none.
   */
  static Optional<Schema> fromParquet(MessageType message, boolean freshIds) {
    int[] next = {1};
    try {
      List<NestedField> columns = structFields(message, "", freshIds, next);
      return Optional.of(new Schema(0, columns));
    } catch (MissingIdException e) {
      return Optional.empty();
    }
  }

  private static final class MissingIdException extends RuntimeException {
    MissingIdException() {
      super(null, null, false, false);
    }
  }

  private static List<NestedField> structFields(GroupType group, String prefix, boolean freshIds, int[] next) {
    List<org.apache.parquet.schema.Type> fields = group.getFields();
    int[] ids = new int[fields.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = id(fields.get(i), freshIds, next);
    }
    List<NestedField> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      org.apache.parquet.schema.Type f = fields.get(i);
      String path = prefix + f.getName();
      if (f.isRepetition(Repetition.REPEATED)) {
        throw new InvalidInputException(path,
            "repeated field without a LIST annotation is not supported; rewrite it as a standard list");
      }
      Type type = type(f, path, freshIds, next);
      out.add(new NestedField(ids[i], f.getName(), f.isRepetition(Repetition.REQUIRED), type, Optional.empty()));
    }
    return out;
  }

  private static int id(org.apache.parquet.schema.Type f, boolean freshIds, int[] next) {
    if (freshIds) {
      return next[0]++;
    }
    if (f.getId() == null) {
      throw new MissingIdException();
    }
    return f.getId().intValue();
  }

  private static Type type(org.apache.parquet.schema.Type f, String path, boolean freshIds, int[] next) {
    if (f.isPrimitive()) {
      PrimitiveType p = f.asPrimitiveType();
      return floeType(p).orElseThrow(() -> new InvalidInputException(path,
          "Parquet type " + describe(p) + " has no Floe equivalent"));
    }
    GroupType g = f.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      ListShape shape = ListShape.of(g, path);
      org.apache.parquet.schema.Type element = shape.element();
      int elementId = id(element, freshIds, next);
      Type elementType = shape.elementIsRepeated()
          ? repeatedAsType(element, path + ".element", freshIds, next)
          : type(element, path + ".element", freshIds, next);
      boolean required = shape.elementIsRepeated() || element.isRepetition(Repetition.REQUIRED);
      return new Types.ListType(elementId, elementType, required);
    }
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      MapShape shape = MapShape.of(g, path);
      int keyId = id(shape.key(), freshIds, next);
      int valueId = id(shape.value(), freshIds, next);
      Type keyType = type(shape.key(), path + ".key", freshIds, next);
      Type valueType = type(shape.value(), path + ".value", freshIds, next);
      return new Types.MapType(keyId, keyType, valueId, valueType,
          shape.value().isRepetition(Repetition.REQUIRED));
    }
    if (a != null) {
      throw new InvalidInputException(path, "Parquet group annotated " + a + " is not supported");
    }
    if (g.getFieldCount() == 0) {
      throw new InvalidInputException(path, "empty group");
    }
    return new Types.StructType(structFields(g, path + ".", freshIds, next));
  }

  /** The type of a legacy two-level list's repeated field, taken as a required element. */
  private static Type repeatedAsType(org.apache.parquet.schema.Type repeated, String path, boolean freshIds,
      int[] next) {
    if (repeated.isPrimitive()) {
      return type(repeated, path, freshIds, next);
    }
    return new Types.StructType(structFields(repeated.asGroupType(), path + ".", freshIds, next));
  }

  static String describe(PrimitiveType p) {
    String s = p.getPrimitiveTypeName().toString();
    if (p.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      s += "(" + p.getTypeLength() + ")";
    }
    return p.getLogicalTypeAnnotation() == null ? s : s + " " + p.getLogicalTypeAnnotation();
  }

  /**
   * How a LIST-annotated group holds its elements: the standard three levels, or one of the
   * legacy two-level forms where the repeated field itself is the (required) element.
   */
  record ListShape(GroupType repeated, org.apache.parquet.schema.Type element, boolean elementIsRepeated) {
    static ListShape of(GroupType list, String path) {
      if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Repetition.REPEATED)) {
        throw new InvalidInputException(path, "malformed Parquet LIST: expected one repeated field");
      }
      org.apache.parquet.schema.Type repeated = list.getType(0);
      if (repeated.isPrimitive()) {
        return new ListShape(null, repeated, true);
      }
      GroupType rg = repeated.asGroupType();
      boolean legacy = rg.getFieldCount() != 1
          || rg.getName().equals("array")
          || rg.getName().equals(list.getName() + "_tuple");
      if (legacy) {
        return new ListShape(null, rg, true);
      }
      return new ListShape(rg, rg.getType(0), false);
    }
  }

  /** The key and value fields of a MAP-annotated group. */
  record MapShape(GroupType keyValue, org.apache.parquet.schema.Type key, org.apache.parquet.schema.Type value) {
    static MapShape of(GroupType map, String path) {
      if (map.getFieldCount() != 1 || map.getType(0).isPrimitive()
          || !map.getType(0).isRepetition(Repetition.REPEATED)
          || map.getType(0).asGroupType().getFieldCount() != 2) {
        throw new InvalidInputException(path, "malformed or unsupported Parquet MAP: expected a repeated"
            + " group with a key and a value field");
      }
      GroupType kv = map.getType(0).asGroupType();
      return new MapShape(kv, kv.getType(0), kv.getType(1));
    }
  }
}
