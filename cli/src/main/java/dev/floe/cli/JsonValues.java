package dev.floe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Values;
import dev.floe.types.Types.NestedField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts one JSON value (the parser's current token onwards) to a column's value. Numbers,
 * strings and booleans become the column's type; objects become structs or maps, arrays lists.
 * A string column takes only JSON strings, so a number never turns silently into text.
 */
final class JsonValues {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonValues() {}

  /** Converts JSON text (a CSV cell of a nested column) to a value of the type. */
  static Object parseText(Type type, String json, String where) {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      Object value = read(p, type, where);
      if (p.nextToken() != null) {
        throw new InvalidInputException(where, "unexpected text after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException(where, "cannot read JSON: " + e.getMessage());
    }
  }

  /** Reads the value at the current token; leaves the parser on the value's last token. */
  static Object read(JsonParser p, Type type, String where) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (type.kind()) {
      case STRUCT:
        return struct(p, (Types.StructType) type, where);
      case LIST:
        return list(p, (Types.ListType) type, where);
      case MAP:
        return map(p, (Types.MapType) type, where);
      case STRING:
        if (t != JsonToken.VALUE_STRING) {
          throw mismatch(p, type, where);
        }
        return p.getText();
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        if (t != JsonToken.VALUE_STRING) {
          throw mismatch(p, type, where);
        }
        return Values.parse(type.asPrimitive(), p.getText(), where);
      default:
        if (!t.isScalarValue() || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          throw mismatch(p, type, where);
        }
        return Values.parse(type.asPrimitive(), p.getText(), where);
    }
  }

  private static Record struct(JsonParser p, Types.StructType type, String where) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw mismatch(p, type, where);
    }
    List<NestedField> fields = type.fields();
    Object[] values = new Object[fields.size()];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int index = -1;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(name)) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        throw new InvalidInputException(where, "unknown struct field '" + name + "'");
      }
      p.nextToken();
      values[index] = read(p, fields.get(index).type(), where + "." + name);
    }
    for (int i = 0; i < fields.size(); i++) {
      if (values[i] == null && fields.get(i).required()) {
        throw new InvalidInputException(where + "." + fields.get(i).name(),
            "null in a required (not null) field");
      }
    }
    return Record.wrap(type, values);
  }

  private static List<Object> list(JsonParser p, Types.ListType type, String where) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw mismatch(p, type, where);
    }
    List<Object> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      Object v = read(p, type.elementType(), where + "[" + out.size() + "]");
      if (v == null && type.elementRequired()) {
        throw new InvalidInputException(where + "[" + out.size() + "]", "null element in a list of not-null elements");
      }
      out.add(v);
    }
    return out;
  }

  private static Map<Object, Object> map(JsonParser p, Types.MapType type, String where) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw mismatch(p, type, where);
    }
    if (!type.keyType().isPrimitive()) {
      throw new InvalidInputException(where, "maps with " + type.keyType() + " keys cannot be read from JSON");
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String keyText = p.currentName();
      Object key = type.keyType().kind() == Type.Kind.STRING ? keyText
          : Values.parse(type.keyType().asPrimitive(), keyText, where + " key");
      p.nextToken();
      Object v = read(p, type.valueType(), where + "['" + keyText + "']");
      if (v == null && type.valueRequired()) {
        throw new InvalidInputException(where + "['" + keyText + "']", "null value in a map of not-null values");
      }
      out.put(key, v);
    }
    return out;
  }

  private static InvalidInputException mismatch(JsonParser p, Type type, String where) throws IOException {
    JsonToken t = p.currentToken();
    String found = switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string \"" + abbreviate(p.getText()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
      case VALUE_TRUE, VALUE_FALSE -> p.getText();
      default -> String.valueOf(t);
    };
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
    }
    return new InvalidInputException(where, "expected a " + type + " value, found " + found);
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
