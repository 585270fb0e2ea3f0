package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Column default values ({@code initial-default}, {@code write-default} of a schema field) in
 * Apache Iceberg's JSON single-value serialization, so that Iceberg's metadata parser reads them:
 * dates, times and timestamps as ISO-8601 strings (timestamptz with offset {@code +00:00}),
 * decimals as plain strings, binary and fixed as hexadecimal strings, numbers and booleans as
 * JSON. This differs from the form of bounds and partition values in manifests
 * ({@link SingleValueJson}), which Floe's own spec defines.
 */
final class DefaultValueJson {
  private DefaultValueJson() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** Writes an internal value (see {@link Values}) of a primitive type. */
  static void write(JsonGenerator g, Type.PrimitiveType type, Object internal) throws IOException {
    Object v = Values.internalOf(type, internal, "default");
    switch (type.kind()) {
      case BOOLEAN -> g.writeBoolean((Boolean) v);
      case INT -> g.writeNumber((Integer) v);
      case LONG -> g.writeNumber((Long) v);
      case FLOAT -> g.writeNumber((Float) v);
      case DOUBLE -> g.writeNumber((Double) v);
      case DECIMAL -> g.writeString(((BigDecimal) v).toPlainString());
      case DATE -> g.writeString(LocalDate.ofEpochDay((Integer) v).toString());
      case TIME -> g.writeString(((LocalTime) Values.toExternal(type, v)).format(TIME));
      case TIMESTAMP -> g.writeString(((LocalDateTime) Values.toExternal(type, v)).format(TIMESTAMP));
      case TIMESTAMPTZ -> g.writeString(((OffsetDateTime) Values.toExternal(type, v)).toLocalDateTime()
          .format(TIMESTAMP) + "+00:00");
      case STRING -> g.writeString((String) v);
      case UUID -> g.writeString(v.toString());
      case BINARY, FIXED -> g.writeString(hex((ByteBuffer) v));
      default -> throw new InvalidInputException("default", type + " is not a primitive type");
    }
  }

  /**
   * Reads the value a captured JSON scalar holds for the type, in internal representation.
   *
   * @throws dev.floe.error.CorruptFileException when it is not a value of the type
   */
  static Object read(String location, SingleValueJson.Raw raw, Type.PrimitiveType type) throws IOException {
    String json = raw.token() == JsonToken.VALUE_STRING
        ? "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(raw.text()))
            + "\""
        : raw.text();
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      p.nextToken();
      JsonIn in = new JsonIn(location, p, raw.pointer());
      try {
        return read(in, type);
      } catch (DateTimeException | IllegalArgumentException | ArithmeticException | InvalidInputException e) {
        throw in.fail("'" + raw.text() + "' is not a " + type + " default value: " + e.getMessage(), e);
      }
    }
  }

  private static Object read(JsonIn in, Type.PrimitiveType type) throws IOException {
    JsonParser p = in.parser();
    JsonToken t = p.currentToken();
    switch (type.kind()) {
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        throw in.wrongType("true or false");
      case INT:
        return number(in).intValueExact();
      case LONG:
        return number(in).longValueExact();
      case FLOAT:
        return Float.parseFloat(numberText(in));
      case DOUBLE:
        return Double.parseDouble(numberText(in));
      default:
        break;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw in.wrongType("a string");
    }
    String s = p.getText();
    Object external = switch (type.kind()) {
      case DECIMAL -> new BigDecimal(s).setScale(((Types.DecimalType) type).scale());
      case DATE -> LocalDate.parse(s);
      case TIME -> LocalTime.parse(s);
      case TIMESTAMP -> LocalDateTime.parse(s);
      case TIMESTAMPTZ -> OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
      case STRING -> s;
      case UUID -> UUID.fromString(s);
      case BINARY, FIXED -> ByteBuffer.wrap(HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT)));
      default -> throw in.fail("a " + type + " field cannot have a default value");
    };
    return Values.toInternal(type, external);
  }

  private static BigDecimal number(JsonIn in) throws IOException {
    return new BigDecimal(numberText(in));
  }

  private static String numberText(JsonIn in) throws IOException {
    JsonToken t = in.token();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw in.wrongType("a number");
    }
    return in.parser().getText();
  }

  private static String hex(ByteBuffer b) {
    ByteBuffer dup = b.duplicate();
    byte[] bytes = new byte[dup.remaining()];
    dup.get(bytes);
    return HEX.formatHex(bytes);
  }
}
