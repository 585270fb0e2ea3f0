package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The JSON form of one value of a primitive type, as bounds and partition values are stored in
 * manifests and manifest lists (see the spec's value-encoding table). Values are in internal
 * representation: Boolean, Integer (int, date), Long (long, time, timestamp, timestamptz), Float,
 * Double, BigDecimal with the type's scale, String, UUID, ByteBuffer (binary, fixed).
 *
 * <p>Numbers, strings and booleans say nothing about their type, so reading needs the type. A
 * JSON number therefore reads as whatever the current type wants: a bound written while a column
 * was {@code int} reads as a Long once the column is promoted to {@code long}.
 */
public final class SingleValueJson {
  private SingleValueJson() {}

  private static final String NAN = "NaN";
  private static final String POSITIVE_INFINITY = "Infinity";
  private static final String NEGATIVE_INFINITY = "-Infinity";

  /**
   * Writes one value (null writes JSON null). Floats that are NaN or infinite have no JSON number
   * form and are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
   * (partition values only: bounds never carry them).
   *
   * @throws InvalidInputException if the value is not in the type's internal representation;
   *     an Integer is accepted for long-like types and a Float for double (type promotion)
   */
  public static void write(JsonGenerator gen, Type.PrimitiveType type, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> gen.writeBoolean(expect(type, value, Boolean.class));
      case INT, DATE -> gen.writeNumber(expect(type, value, Integer.class));
      case LONG, TIME, TIMESTAMP, TIMESTAMPTZ -> {
        if (value instanceof Integer i) {
          gen.writeNumber(i.longValue());
        } else {
          gen.writeNumber(expect(type, value, Long.class));
        }
      }
      case FLOAT -> writeFloat(gen, expect(type, value, Float.class));
      case DOUBLE -> {
        if (value instanceof Float f) {
          writeDouble(gen, f.doubleValue());
        } else {
          writeDouble(gen, expect(type, value, Double.class));
        }
      }
      case DECIMAL -> gen.writeString(decimal((Types.DecimalType) type,
          expect(type, value, BigDecimal.class)).toPlainString());
      case STRING -> gen.writeString(expect(type, value, CharSequence.class).toString());
      case UUID -> gen.writeString(expect(type, value, UUID.class).toString());
      case BINARY, FIXED -> gen.writeString(base64(expect(type, value, ByteBuffer.class)));
      default -> throw new InvalidInputException("type", type + " is not a primitive type");
    }
  }

  /**
   * Reads the value at the parser's current token (JSON null reads as null).
   *
   * @param location the file being read, for error messages
   * @throws dev.floe.error.CorruptFileException if the JSON value does not fit the type
   */
  public static Object read(JsonParser parser, Type.PrimitiveType type, String location) throws IOException {
    return read(new JsonIn(location, parser), type);
  }

  /** The JSON text of one value, e.g. {@code "12.30"} (with quotes) for a decimal. */
  public static String toJson(Type.PrimitiveType type, Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = Json.generator(out)) {
      write(gen, type, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Parses the JSON text of one value of this type.
   *
   * @throws InvalidInputException if the text is not a value of that type
   */
  public static Object fromJson(Type.PrimitiveType type, String json) {
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      JsonIn in = new JsonIn("value", p);
      if (p.nextToken() == null) {
        throw new InvalidInputException("value", "empty text, expected a " + type + " value");
      }
      Object v = read(in, type);
      if (p.nextToken() != null) {
        throw new InvalidInputException("value", "unexpected text after the " + type + " value");
      }
      return v;
    } catch (dev.floe.error.CorruptFileException e) {
      throw new InvalidInputException("value", e.getMessage().replaceFirst("^value: ", ""), e);
    } catch (IOException e) {
      throw new InvalidInputException("value", "not valid JSON: " + e.getMessage(), e);
    }
  }

  static Object read(JsonIn in, Type.PrimitiveType type) throws IOException {
    JsonParser p = in.parser();
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        throw expected(in, type, "true or false");
      case INT:
      case DATE:
        if (t == JsonToken.VALUE_NUMBER_INT) {
          return p.getIntValue();
        }
        throw expected(in, type, "a whole number");
      case LONG:
      case TIME:
      case TIMESTAMP:
      case TIMESTAMPTZ:
        if (t == JsonToken.VALUE_NUMBER_INT) {
          return p.getLongValue();
        }
        throw expected(in, type, "a whole number");
      case FLOAT:
        return readFloat(in, type);
      case DOUBLE:
        return readDouble(in, type);
      case DECIMAL:
        return readDecimal(in, (Types.DecimalType) type);
      case STRING:
        if (t == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        throw expected(in, type, "a string");
      case UUID:
        return readUuid(in, type);
      case BINARY:
      case FIXED:
        return readBinary(in, type);
      default:
        throw new InvalidInputException("type", type + " is not a primitive type");
    }
  }

  /**
   * Writes a value of a column the current schema no longer has (its bounds stay in old
   * manifests): the JSON form follows from the Java class alone.
   */
  static void writeUntyped(JsonGenerator gen, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Integer i) {
      gen.writeNumber(i);
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof Float f) {
      writeFloat(gen, f);
    } else if (value instanceof Double d) {
      writeDouble(gen, d);
    } else if (value instanceof BigDecimal d) {
      gen.writeString(d.toPlainString());
    } else if (value instanceof CharSequence s) {
      gen.writeString(s.toString());
    } else if (value instanceof UUID u) {
      gen.writeString(u.toString());
    } else if (value instanceof ByteBuffer b) {
      gen.writeString(base64(b));
    } else {
      throw new InvalidInputException("value", "a " + value.getClass().getName()
          + " is not an internal-representation value");
    }
  }

  /** Float or double NaN or infinity: values bounds must not carry. */
  static boolean isNonFinite(Object value) {
    return (value instanceof Float f && !Float.isFinite(f))
        || (value instanceof Double d && !Double.isFinite(d));
  }

  /**
   * The value in the type's exact internal class, so values read under an older schema compare
   * with current ones (an Integer bound of a column since promoted to long becomes a Long).
   */
  static Object normalize(Type.PrimitiveType type, Object value) {
    if (value instanceof Integer i) {
      return switch (type.kind()) {
        case LONG, TIME, TIMESTAMP, TIMESTAMPTZ -> i.longValue();
        default -> value;
      };
    }
    if (value instanceof Float f && type.kind() == Type.Kind.DOUBLE) {
      return f.doubleValue();
    }
    return value;
  }

  /** A scalar seen before the type that decodes it: kept as text and decoded later. */
  record Raw(JsonToken token, String text, String pointer) {}

  static Raw capture(JsonIn in) throws IOException {
    JsonToken t = in.token();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      throw in.wrongType("a single value");
    }
    return new Raw(t, in.parser().getText(), in.pointer());
  }

  static Object decode(String location, Raw raw, Type.PrimitiveType type) throws IOException {
    String json = raw.token() == JsonToken.VALUE_STRING
        ? "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(raw.text())) + "\""
        : raw.text();
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      p.nextToken();
      return read(new JsonIn(location, p, raw.pointer()), type);
    }
  }

  private static <T> T expect(Type.PrimitiveType type, Object value, Class<T> javaClass) {
    if (!javaClass.isInstance(value)) {
      throw new InvalidInputException("value", "a " + type + " value must be a "
          + javaClass.getSimpleName() + " in internal representation, got a "
          + value.getClass().getName() + ": " + value);
    }
    return javaClass.cast(value);
  }

  private static void writeFloat(JsonGenerator gen, float f) throws IOException {
    if (Float.isFinite(f)) {
      gen.writeNumber(f);
    } else {
      gen.writeString(Float.isNaN(f) ? NAN : f > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY);
    }
  }

  private static void writeDouble(JsonGenerator gen, double d) throws IOException {
    if (Double.isFinite(d)) {
      gen.writeNumber(d);
    } else {
      gen.writeString(Double.isNaN(d) ? NAN : d > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY);
    }
  }

  private static BigDecimal decimal(Types.DecimalType type, BigDecimal value) {
    BigDecimal scaled;
    try {
      scaled = value.scale() == type.scale() ? value : value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidInputException("value", value.toPlainString() + " has more than "
          + type.scale() + " digits after the point for " + type);
    }
    if (scaled.precision() > type.precision()) {
      throw new InvalidInputException("value", value.toPlainString() + " has more than "
          + type.precision() + " digits for " + type);
    }
    return scaled;
  }

  private static Float readFloat(JsonIn in, Type.PrimitiveType type) throws IOException {
    JsonToken t = in.token();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      // from the text, not via double: rounding twice could miss the nearest float
      float f = Float.parseFloat(in.parser().getText());
      if (Float.isInfinite(f)) {
        throw in.fail("number " + in.parser().getText() + " is out of range for " + type);
      }
      return f;
    }
    if (t == JsonToken.VALUE_STRING) {
      return switch (in.parser().getText()) {
        case NAN -> Float.NaN;
        case POSITIVE_INFINITY -> Float.POSITIVE_INFINITY;
        case NEGATIVE_INFINITY -> Float.NEGATIVE_INFINITY;
        default -> throw expected(in, type, "a number");
      };
    }
    throw expected(in, type, "a number");
  }

  private static Double readDouble(JsonIn in, Type.PrimitiveType type) throws IOException {
    JsonToken t = in.token();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = in.parser().getDoubleValue();
      if (Double.isInfinite(d)) {
        throw in.fail("number " + in.parser().getText() + " is out of range for " + type);
      }
      return d;
    }
    if (t == JsonToken.VALUE_STRING) {
      return switch (in.parser().getText()) {
        case NAN -> Double.NaN;
        case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
        case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
        default -> throw expected(in, type, "a number");
      };
    }
    throw expected(in, type, "a number");
  }

  private static BigDecimal readDecimal(JsonIn in, Types.DecimalType type) throws IOException {
    if (in.token() != JsonToken.VALUE_STRING) {
      throw expected(in, type, "a string such as \"12.30\"");
    }
    String text = in.parser().getText();
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw in.fail("'" + text + "' is not a " + type + " value");
    }
    try {
      return decimal(type, d);
    } catch (InvalidInputException e) {
      throw in.fail(e.reason());
    }
  }

  private static UUID readUuid(JsonIn in, Type.PrimitiveType type) throws IOException {
    if (in.token() != JsonToken.VALUE_STRING) {
      throw expected(in, type, "a string");
    }
    String text = in.parser().getText();
    // UUID.fromString accepts short groups like "1-2-3-4-5"; the spec's form is 8-4-4-4-12
    if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-'
        || text.charAt(18) != '-' || text.charAt(23) != '-') {
      throw in.fail("'" + text + "' is not a UUID in 8-4-4-4-12 form");
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw in.fail("'" + text + "' is not a UUID in 8-4-4-4-12 form");
    }
  }

  private static ByteBuffer readBinary(JsonIn in, Type.PrimitiveType type) throws IOException {
    if (in.token() != JsonToken.VALUE_STRING) {
      throw expected(in, type, "a base64 string");
    }
    try {
      return ByteBuffer.wrap(Base64.getDecoder().decode(in.parser().getText()));
    } catch (IllegalArgumentException e) {
      throw in.fail("not valid base64 for " + type + ": " + e.getMessage());
    }
  }

  private static String base64(ByteBuffer b) {
    ByteBuffer dup = b.duplicate();
    byte[] bytes = new byte[dup.remaining()];
    dup.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static dev.floe.error.CorruptFileException expected(JsonIn in, Type.PrimitiveType type, String what) {
    return in.fail("expected a " + type + " value (" + what + "), found " + JsonIn.describe(in.token()));
  }
}
