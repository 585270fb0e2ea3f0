package dev.floe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.data.Record;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How the command shows record values: primitives as {@link Values#toDisplayString} text (which
 * {@code append} reads back), nested values as compact JSON (which {@code append} also reads
 * back from a CSV cell), and JSON output with numbers and booleans as JSON scalars.
 */
final class ValueFormat {
  static final JsonFactory JSON = JsonFactory.builder().build();

  private ValueFormat() {}

  /** The text of a value; null for null. */
  static String text(Type type, Object value) {
    if (value == null) {
      return null;
    }
    if (type.isPrimitive()) {
      return Values.toDisplayString(type.asPrimitive(), value);
    }
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      writeJson(g, type, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  static boolean isNumeric(Type type) {
    return switch (type.kind()) {
      case INT, LONG, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  static void writeJson(JsonGenerator g, Type type, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> g.writeBoolean((Boolean) value);
      case INT -> g.writeNumber(((Number) value).intValue());
      case LONG -> g.writeNumber(((Number) value).longValue());
      case FLOAT, DOUBLE -> {
        double d = ((Number) value).doubleValue();
        if (Double.isFinite(d)) {
          if (type.kind() == Type.Kind.FLOAT) {
            g.writeNumber(((Number) value).floatValue());
          } else {
            g.writeNumber(d);
          }
        } else {
          g.writeString(Values.toDisplayString(type.asPrimitive(), value));
        }
      }
      case DECIMAL -> g.writeNumber((BigDecimal) value);
      case STRUCT -> {
        Record r = (Record) value;
        g.writeStartObject();
        List<NestedField> fields = ((Types.StructType) type).fields();
        for (int i = 0; i < fields.size(); i++) {
          g.writeFieldName(fields.get(i).name());
          writeJson(g, fields.get(i).type(), r.get(i));
        }
        g.writeEndObject();
      }
      case LIST -> {
        Type element = ((Types.ListType) type).elementType();
        g.writeStartArray();
        for (Object e : (List<?>) value) {
          writeJson(g, element, e);
        }
        g.writeEndArray();
      }
      case MAP -> {
        Types.MapType map = (Types.MapType) type;
        g.writeStartObject();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          g.writeFieldName(text(map.keyType(), e.getKey()));
          writeJson(g, map.valueType(), e.getValue());
        }
        g.writeEndObject();
      }
      default -> g.writeString(Values.toDisplayString(type.asPrimitive(), value));
    }
  }
}
