package dev.floe.spark;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Values between Floe records (external Java values, see {@link Record}) and Spark's internal
 * row values: strings as {@link UTF8String}, dates as days, both timestamp types as microseconds
 * since the epoch, decimals as {@link Decimal}, binary as byte arrays, structs as rows, lists as
 * {@link ArrayData}, maps as {@link MapData}. Uuid columns are strings in Spark.
 */
public final class SparkValues {
  private SparkValues() {}

  // ---------------------------------------------------------------- Floe -> Spark

  public static Object toSpark(Type type, Object v) {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return v;
      case DECIMAL: {
        Types.DecimalType d = (Types.DecimalType) type;
        return Decimal.apply((BigDecimal) v, d.precision(), d.scale());
      }
      case DATE:
      case TIMESTAMP:
      case TIMESTAMPTZ:
        // Floe's internal forms are Spark's: days, and microseconds since the epoch
        return Values.toInternal(type.asPrimitive(), v);
      case STRING:
        return UTF8String.fromString((String) v);
      case UUID:
        return UTF8String.fromString(v.toString());
      case BINARY:
      case FIXED: {
        ByteBuffer b = ((ByteBuffer) v).duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
      }
      case STRUCT:
        return toSparkRow((Types.StructType) type, (Record) v);
      case LIST: {
        Type element = ((Types.ListType) type).elementType();
        List<?> list = (List<?>) v;
        Object[] out = new Object[list.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = toSpark(element, list.get(i));
        }
        return new GenericArrayData(out);
      }
      case MAP: {
        Types.MapType m = (Types.MapType) type;
        Map<?, ?> map = (Map<?, ?>) v;
        Object[] keys = new Object[map.size()];
        Object[] values = new Object[map.size()];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          keys[i] = toSpark(m.keyType(), e.getKey());
          values[i++] = toSpark(m.valueType(), e.getValue());
        }
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
      }
      default:
        throw new InvalidInputException("type", type + " has no Spark value");
    }
  }

  public static InternalRow toSparkRow(Types.StructType struct, Record r) {
    List<NestedField> fields = struct.fields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toSpark(fields.get(i).type(), r.get(i));
    }
    return new GenericInternalRow(values);
  }

  // ---------------------------------------------------------------- Spark -> Floe

  /**
   * The Floe value at {@code pos} of a Spark row or array (both are {@link SpecializedGetters}),
   * for a column of {@code type}; {@code column} names it in errors.
   */
  public static Object fromSpark(Type type, SpecializedGetters data, int pos, String column) {
    if (data.isNullAt(pos)) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> data.getBoolean(pos);
      case INT -> data.getInt(pos);
      case LONG -> data.getLong(pos);
      case FLOAT -> data.getFloat(pos);
      case DOUBLE -> data.getDouble(pos);
      case DECIMAL -> {
        Types.DecimalType d = (Types.DecimalType) type;
        yield data.getDecimal(pos, d.precision(), d.scale()).toJavaBigDecimal();
      }
      // Spark's internal dates and timestamps are Floe's internal forms: days, microseconds
      case DATE -> Values.toExternal(type.asPrimitive(), data.getInt(pos));
      case TIMESTAMP, TIMESTAMPTZ -> Values.toExternal(type.asPrimitive(), data.getLong(pos));
      case STRING -> data.getUTF8String(pos).toString();
      case UUID -> uuid(data.getUTF8String(pos).toString(), column);
      case BINARY, FIXED -> ByteBuffer.wrap(data.getBinary(pos));
      case STRUCT -> {
        Types.StructType s = (Types.StructType) type;
        yield fromSparkRow(s, data.getStruct(pos, s.fields().size()), column + ".");
      }
      case LIST -> list((Types.ListType) type, data.getArray(pos), column);
      case MAP -> map((Types.MapType) type, data.getMap(pos), column);
      default -> throw new InvalidInputException(column, type + " cannot be written from Spark");
    };
  }

  public static Record fromSparkRow(Types.StructType struct, InternalRow row, String prefix) {
    List<NestedField> fields = struct.fields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      NestedField f = fields.get(i);
      values[i] = fromSpark(f.type(), row, i, prefix + f.name());
    }
    return Record.wrap(struct, values);
  }

  private static List<Object> list(Types.ListType type, ArrayData data, String column) {
    List<Object> out = new ArrayList<>(data.numElements());
    for (int i = 0; i < data.numElements(); i++) {
      out.add(fromSpark(type.elementType(), data, i, column + ".element"));
    }
    return out;
  }

  private static Map<Object, Object> map(Types.MapType type, MapData data, String column) {
    ArrayData keys = data.keyArray();
    ArrayData values = data.valueArray();
    Map<Object, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < data.numElements(); i++) {
      out.put(fromSpark(type.keyType(), keys, i, column + ".key"), fromSpark(type.valueType(), values, i,
          column + ".value"));
    }
    return out;
  }

  private static UUID uuid(String text, String column) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(column, "'" + text + "' is not a uuid");
    }
  }
}
