package dev.floe.spark;

import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Floe schemas as Spark sees them, and Spark schemas turned into new Floe schemas.
 *
 * <p>Mapping: timestamp (no zone) is Spark's TIMESTAMP_NTZ and timestamptz is TIMESTAMP (both
 * microseconds); uuid reads as a string and fixed[n] as binary; tinyint and smallint columns of a
 * new table become int. Floe's time type has no Spark counterpart Floe maps yet, and Spark's
 * intervals, variants and collated strings have no Floe counterpart: those fail with an
 * {@link org.apache.spark.sql.AnalysisException} naming the column.
 */
public final class SparkSchemas {
  private SparkSchemas() {}

  public static StructType toSpark(Schema schema) {
    return toSparkStruct(schema.asStruct(), "");
  }

  private static StructType toSparkStruct(Types.StructType struct, String prefix) {
    List<StructField> fields = new ArrayList<>();
    for (NestedField f : struct.fields()) {
      Metadata meta = Metadata.empty();
      StructField field = new StructField(f.name(), toSpark(f.type(), prefix + f.name()), !f.required(), meta);
      if (f.doc().isPresent()) {
        field = field.withComment(f.doc().get());
      }
      fields.add(field);
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** The Spark type of a Floe type; {@code column} names the column in errors. */
  public static DataType toSpark(Type type, String column) {
    return switch (type.kind()) {
      case BOOLEAN -> DataTypes.BooleanType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> {
        Types.DecimalType d = (Types.DecimalType) type;
        yield DataTypes.createDecimalType(d.precision(), d.scale());
      }
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case TIMESTAMPTZ -> DataTypes.TimestampType;
      case STRING, UUID -> DataTypes.StringType;
      case BINARY, FIXED -> DataTypes.BinaryType;
      case TIME -> throw SparkErrors.raise(SparkErrors.unsupportedType(column, "time",
          "Spark has no time-of-day type that Floe maps yet; read the table with the Floe library or CLI"));
      case STRUCT -> toSparkStruct((Types.StructType) type, column + ".");
      case LIST -> {
        Types.ListType l = (Types.ListType) type;
        yield DataTypes.createArrayType(toSpark(l.elementType(), column + ".element"), !l.elementRequired());
      }
      case MAP -> {
        Types.MapType m = (Types.MapType) type;
        yield DataTypes.createMapType(toSpark(m.keyType(), column + ".key"),
            toSpark(m.valueType(), column + ".value"), !m.valueRequired());
      }
    };
  }

  /**
   * A new Floe schema for a Spark schema: top-level columns get ids 1..n in order, nested fields
   * the ids after them, as Iceberg assigns them. Non-nullable fields become required.
   */
  public static Schema toFloe(StructType struct) {
    IdCounter ids = new IdCounter(struct.fields().length);
    return new Schema(0, toFloeFields(struct, "", ids, true));
  }

  private static final class IdCounter {
    int next;

    IdCounter(int reserved) {
      next = reserved + 1;
    }
  }

  private static List<NestedField> toFloeFields(StructType struct, String prefix, IdCounter ids, boolean topLevel) {
    StructField[] fields = struct.fields();
    int[] fieldIds = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      // top-level columns were reserved 1..n; nested fields take the next ids, level by level
      fieldIds[i] = topLevel ? i + 1 : ids.next++;
    }
    List<NestedField> out = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      StructField f = fields[i];
      String name = prefix + f.name();
      Type type = toFloe(f.dataType(), name, ids);
      Optional<String> doc = f.getComment().isDefined() ? Optional.of(f.getComment().get()) : Optional.empty();
      out.add(new NestedField(fieldIds[i], f.name(), !f.nullable(), type, doc));
    }
    return out;
  }

  private static Type toFloe(DataType type, String column, IdCounter ids) {
    if (type instanceof BooleanType) {
      return Types.BOOLEAN;
    }
    if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
      return Types.INT;
    }
    if (type instanceof LongType) {
      return Types.LONG;
    }
    if (type instanceof FloatType) {
      return Types.FLOAT;
    }
    if (type instanceof DoubleType) {
      return Types.DOUBLE;
    }
    if (type instanceof DecimalType d) {
      return Types.decimal(d.precision(), d.scale());
    }
    if (type instanceof DateType) {
      return Types.DATE;
    }
    if (type instanceof TimestampNTZType) {
      return Types.TIMESTAMP;
    }
    if (type instanceof TimestampType) {
      return Types.TIMESTAMPTZ;
    }
    if (type instanceof StringType s) {
      if (!s.isUTF8BinaryCollation()) {
        throw SparkErrors.raise(SparkErrors.unsupportedType(column, s.simpleString(),
            "Floe strings compare by code point; use the default collation (UTF8_BINARY)"));
      }
      return Types.STRING;
    }
    if (type instanceof BinaryType) {
      return Types.BINARY;
    }
    if (type instanceof StructType s) {
      return new Types.StructType(toFloeFields(s, column + ".", ids, false));
    }
    if (type instanceof ArrayType a) {
      int elementId = ids.next++;
      return new Types.ListType(elementId, toFloe(a.elementType(), column + ".element", ids), !a.containsNull());
    }
    if (type instanceof MapType m) {
      int keyId = ids.next++;
      int valueId = ids.next++;
      return new Types.MapType(keyId, toFloe(m.keyType(), column + ".key", ids), valueId,
          toFloe(m.valueType(), column + ".value", ids), !m.valueContainsNull());
    }
    throw SparkErrors.raise(SparkErrors.unsupportedType(column, type.simpleString(),
        "Floe stores boolean, tinyint/smallint/int, bigint, float, double, decimal, date, timestamp,"
            + " timestamp_ntz, string, binary, struct, array and map"));
  }
}
