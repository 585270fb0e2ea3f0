package dev.floe.types;

import dev.floe.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place where values change representation. Three forms exist:
 *
 * <ul>
 *   <li><b>external</b>: the Java types of {@link dev.floe.data.Record} (LocalDate, LocalTime,
 *       LocalDateTime, OffsetDateTime in UTC, BigDecimal, UUID, ByteBuffer, ...);
 *   <li><b>internal</b>: what bounds, partition values and bound filter literals hold (date as
 *       Integer days since 1970-01-01, time as Long microseconds of the day, timestamps as Long
 *       microseconds since 1970-01-01T00:00 UTC, decimals at the column's scale);
 *   <li><b>text</b>: what people type and read (CSV cells, filter literals).
 * </ul>
 *
 * Null stays null in every conversion. Ordering of internal values is {@link Comparators}.
 */
public final class Values {
  private Values() {}

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");

  // ---------------------------------------------------------------- external <-> internal

  /**
   * The internal representation of a record value. Timestamps and times finer than a
   * microsecond are truncated toward the past, as data files store microseconds.
   *
   * @throws InvalidInputException if the value's Java class does not fit the type
   */
  public static Object toInternal(Type.PrimitiveType type, Object external) {
    if (external == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        if (external instanceof Boolean) {
          return external;
        }
        break;
      case INT:
        if (external instanceof Integer) {
          return external;
        }
        if (external instanceof Short || external instanceof Byte) {
          return ((Number) external).intValue();
        }
        break;
      case LONG:
        if (external instanceof Long) {
          return external;
        }
        if (external instanceof Integer || external instanceof Short || external instanceof Byte) {
          return ((Number) external).longValue();
        }
        break;
      case FLOAT:
        if (external instanceof Float) {
          return external;
        }
        break;
      case DOUBLE:
        if (external instanceof Double) {
          return external;
        }
        if (external instanceof Float f) {
          return f.doubleValue();
        }
        break;
      case DECIMAL:
        if (external instanceof BigDecimal d) {
          return rescale((Types.DecimalType) type, d, "value", d.toPlainString());
        }
        if (external instanceof Integer || external instanceof Long) {
          return rescale((Types.DecimalType) type, BigDecimal.valueOf(((Number) external).longValue()),
              "value", external.toString());
        }
        break;
      case DATE:
        if (external instanceof LocalDate d) {
          return daysOf(d, "value");
        }
        break;
      case TIME:
        if (external instanceof LocalTime t) {
          return t.toNanoOfDay() / 1000L;
        }
        break;
      case TIMESTAMP:
        if (external instanceof LocalDateTime t) {
          return micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), "value");
        }
        break;
      case TIMESTAMPTZ:
        Instant instant = instantOf(external);
        if (instant != null) {
          return micros(instant.getEpochSecond(), instant.getNano(), "value");
        }
        break;
      case STRING:
        if (external instanceof CharSequence s) {
          return s.toString();
        }
        break;
      case UUID:
        if (external instanceof UUID) {
          return external;
        }
        break;
      case BINARY:
      case FIXED:
        ByteBuffer buffer = bufferOf(external);
        if (buffer != null) {
          checkFixedLength(type, buffer, "value");
          return buffer;
        }
        break;
      default:
        break;
    }
    throw new InvalidInputException("value", "expected " + externalClassName(type) + " for a "
        + type + " value, got " + describe(external));
  }

  /**
   * The record (external) form of an internal value. Accepts the narrower internal form where a
   * type may have been promoted (an Integer for a long column, a Float for a double column).
   *
   * @throws InvalidInputException if the value's Java class does not fit the type
   */
  public static Object toExternal(Type.PrimitiveType type, Object internal) {
    if (internal == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        if (internal instanceof Boolean) {
          return internal;
        }
        break;
      case INT:
        if (internal instanceof Integer) {
          return internal;
        }
        break;
      case LONG:
        if (internal instanceof Long) {
          return internal;
        }
        if (internal instanceof Integer i) {
          return i.longValue();
        }
        break;
      case FLOAT:
        if (internal instanceof Float) {
          return internal;
        }
        break;
      case DOUBLE:
        if (internal instanceof Double) {
          return internal;
        }
        if (internal instanceof Float f) {
          return f.doubleValue();
        }
        break;
      case DECIMAL:
        if (internal instanceof BigDecimal) {
          return internal;
        }
        break;
      case DATE:
        if (internal instanceof Integer days) {
          return LocalDate.ofEpochDay(days);
        }
        break;
      case TIME:
        if (internal instanceof Long micros) {
          return LocalTime.ofNanoOfDay(micros * 1000L);
        }
        break;
      case TIMESTAMP:
        if (internal instanceof Long micros) {
          return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
              (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
        }
        break;
      case TIMESTAMPTZ:
        if (internal instanceof Long micros) {
          return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
              Math.floorMod(micros, MICROS_PER_SECOND) * 1000L), ZoneOffset.UTC);
        }
        break;
      case STRING:
        if (internal instanceof CharSequence s) {
          return s.toString();
        }
        break;
      case UUID:
        if (internal instanceof UUID) {
          return internal;
        }
        break;
      case BINARY:
      case FIXED:
        if (internal instanceof ByteBuffer) {
          return internal;
        }
        break;
      default:
        break;
    }
    throw new InvalidInputException("value", "expected the internal form of " + type
        + ", got " + describe(internal));
  }

  /**
   * The value in the exact internal class of the type, checked: an internal value of a narrower
   * type it was promoted from (an Integer for a long, a Float for a double) is widened, a decimal
   * rescaled to the type's scale without rounding.
   *
   * @param field names the value in the error
   * @throws InvalidInputException if the value is not an internal value of the type
   */
  public static Object internalOf(Type.PrimitiveType type, Object internal, String field) {
    try {
      return toInternal(type, toExternal(type, internal));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(field, e.reason(), e);
    }
  }

  /**
   * An internal value of a type a column was promoted from, in the internal class of the type it
   * was promoted to: an Integer of an int column now long becomes a Long, a Float of a float
   * column now double the Double of the same value. Anything else is returned as it is.
   */
  public static Object widen(Type.PrimitiveType target, Object internal) {
    if (internal instanceof Integer i) {
      return switch (target.kind()) {
        case LONG, TIME, TIMESTAMP, TIMESTAMPTZ -> i.longValue();
        default -> internal;
      };
    }
    if (internal instanceof Float f && target.kind() == Type.Kind.DOUBLE) {
      return f.doubleValue();
    }
    return internal;
  }

  // ---------------------------------------------------------------- filter literals

  /**
   * Converts a literal a user supplied for a column (a number, string, boolean or Java time value,
   * e.g. from a parsed filter) into the column type's internal representation. Numbers convert
   * only when exact (5 for a long column, 10 for a double, 12.5 for decimal(9,2)); strings are
   * parsed for every type that has a text form (ISO-8601 dates, times and timestamps, UUIDs,
   * numbers, base64 for binary). A timestamptz literal without an offset is read as UTC.
   *
   * @param column the column name, used as the field of the error
   * @throws InvalidInputException naming the column, the type and the value when it does not fit
   */
  public static Object convertLiteral(Type.PrimitiveType type, Object literal, String column) {
    if (literal == null) {
      throw new InvalidInputException(column, "a comparison with null is never true; use 'is null'"
          + " or 'is not null'");
    }
    if (literal instanceof Character c) {
      literal = c.toString();
    }
    try {
      Object converted = convert(type, literal, column);
      if (converted != null) {
        return converted;
      }
    } catch (ArithmeticException | DateTimeException | IllegalArgumentException e) {
      // NumberFormatException and Base64's IllegalArgumentException land here too
      throw cannotConvert(type, literal, column, null);
    }
    throw cannotConvert(type, literal, column, null);
  }

  private static Object convert(Type.PrimitiveType type, Object v, String column) {
    switch (type.kind()) {
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        if (v instanceof String s) {
          String t = s.trim().toLowerCase(Locale.ROOT);
          if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
          }
        }
        return null;
      case INT: {
        BigInteger i = wholeNumber(type, v, column);
        if (i == null) {
          return null;
        }
        if (i.bitLength() > 31) {
          throw cannotConvert(type, v, column, "out of range for int");
        }
        return i.intValue();
      }
      case LONG: {
        BigInteger i = wholeNumber(type, v, column);
        if (i == null) {
          return null;
        }
        if (i.bitLength() > 63) {
          throw cannotConvert(type, v, column, "out of range for long");
        }
        return i.longValue();
      }
      case FLOAT:
      case DOUBLE: {
        Double d = null;
        if (v instanceof Number n && !(v instanceof BigDecimal || v instanceof BigInteger)) {
          d = n.doubleValue();
        } else if (v instanceof BigDecimal b) {
          d = b.doubleValue();
        } else if (v instanceof BigInteger b) {
          d = b.doubleValue();
        } else if (v instanceof String s) {
          d = Double.parseDouble(s.trim());
        }
        if (d == null) {
          return null;
        }
        if (d.isNaN()) {
          throw new InvalidInputException(column, "NaN is not equal to, less or greater than any"
              + " value; use 'is nan' or 'is not nan'");
        }
        if (type.kind() == Type.Kind.FLOAT) {
          if (!d.isInfinite() && Math.abs(d) > Float.MAX_VALUE) {
            // rounding to float infinity would change which values compare greater
            throw cannotConvert(type, v, column, "out of range for float");
          }
          return v instanceof Float f ? f : (float) d.doubleValue();
        }
        return d;
      }
      case DECIMAL: {
        BigDecimal d = null;
        if (v instanceof BigDecimal b) {
          d = b;
        } else if (v instanceof BigInteger b) {
          d = new BigDecimal(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
          d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
          double x = ((Number) v).doubleValue();
          if (Double.isNaN(x) || Double.isInfinite(x)) {
            return null;
          }
          // the shortest decimal that reads back as this double: 12.5 stays 12.5
          d = v instanceof Float f ? new BigDecimal(f.toString()) : BigDecimal.valueOf(x);
        } else if (v instanceof String s) {
          d = new BigDecimal(s.trim());
        }
        return d == null ? null : rescale((Types.DecimalType) type, d, column, String.valueOf(v));
      }
      case DATE:
        if (v instanceof LocalDate d) {
          return daysOf(d, column);
        }
        if (v instanceof String s) {
          return daysOf(LocalDate.parse(s.trim()), column);
        }
        return null;
      case TIME:
        if (v instanceof LocalTime t) {
          return exactMicrosOfDay(type, t, v, column);
        }
        if (v instanceof String s) {
          return exactMicrosOfDay(type, LocalTime.parse(s.trim()), v, column);
        }
        return null;
      case TIMESTAMP: {
        LocalDateTime t = null;
        if (v instanceof LocalDateTime x) {
          t = x;
        } else if (v instanceof LocalDate d) {
          t = d.atStartOfDay();
        } else if (v instanceof String s) {
          TemporalAccessor parsed = parseTimestampText(s);
          if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw cannotConvert(type, v, column, "it has a time zone offset but the column is a"
                + " timestamp without zone; remove the offset");
          }
          t = LocalDateTime.from(parsed);
        }
        if (t == null) {
          return null;
        }
        checkMicroPrecision(type, t.getNano(), v, column);
        return micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), column);
      }
      case TIMESTAMPTZ: {
        Instant instant = instantOf(v);
        if (instant == null && v instanceof LocalDateTime t) {
          instant = t.toInstant(ZoneOffset.UTC);
        } else if (instant == null && v instanceof LocalDate d) {
          instant = d.atStartOfDay().toInstant(ZoneOffset.UTC);
        } else if (instant == null && v instanceof String s) {
          TemporalAccessor parsed = parseTimestampText(s);
          instant = parsed.isSupported(ChronoField.OFFSET_SECONDS)
              ? OffsetDateTime.from(parsed).toInstant()
              : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        }
        if (instant == null) {
          return null;
        }
        checkMicroPrecision(type, instant.getNano(), v, column);
        return micros(instant.getEpochSecond(), instant.getNano(), column);
      }
      case STRING:
        if (v instanceof CharSequence s) {
          return s.toString();
        }
        return null;
      case UUID:
        if (v instanceof UUID) {
          return v;
        }
        if (v instanceof String s) {
          return parseUuid(s.trim(), column);
        }
        return null;
      case BINARY:
      case FIXED: {
        ByteBuffer b = bufferOf(v);
        if (b == null && v instanceof String s) {
          b = ByteBuffer.wrap(Base64.getDecoder().decode(s.trim()));
        }
        if (b != null) {
          checkFixedLength(type, b, column);
        }
        return b;
      }
      default:
        return null;
    }
  }

  /** Integral value of a literal; null when the literal is not a number at all. */
  private static BigInteger wholeNumber(Type.PrimitiveType type, Object v, String column) {
    BigDecimal d;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return BigInteger.valueOf(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      return b;
    } else if (v instanceof BigDecimal b) {
      d = b;
    } else if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw cannotConvert(type, v, column, null);
      }
      d = new BigDecimal(x);
    } else if (v instanceof String s) {
      String t = s.trim();
      if (!INTEGER_TEXT.matcher(t).matches()) {
        d = new BigDecimal(t);
      } else {
        return new BigInteger(t);
      }
    } else {
      return null;
    }
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw cannotConvert(type, v, column, "it is not a whole number");
    }
  }

  private static long exactMicrosOfDay(Type.PrimitiveType type, LocalTime t, Object v, String column) {
    checkMicroPrecision(type, t.getNano(), v, column);
    return t.toNanoOfDay() / 1000L;
  }

  private static void checkMicroPrecision(Type.PrimitiveType type, int nanos, Object v, String column) {
    if (nanos % 1000 != 0) {
      throw cannotConvert(type, v, column, "it is finer than the column's microsecond precision");
    }
  }

  private static InvalidInputException cannotConvert(Type.PrimitiveType type, Object v, String column,
      String why) {
    String shown = v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v);
    return new InvalidInputException(column, "cannot convert " + shown + " to " + type
        + (why == null ? "" : ": " + why) + hint(type));
  }

  private static String hint(Type.PrimitiveType type) {
    return switch (type.kind()) {
      case DATE -> "; expected e.g. '2026-01-31'";
      case TIME -> "; expected e.g. '13:45:00'";
      case TIMESTAMP -> "; expected e.g. '2026-01-31T13:45:00'";
      case TIMESTAMPTZ -> "; expected e.g. '2026-01-31T13:45:00Z'";
      case UUID -> "; expected e.g. 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'";
      case BINARY, FIXED -> "; expected base64 text";
      case BOOLEAN -> "; expected true or false";
      case STRING -> "; expected a quoted string";
      default -> "";
    };
  }

  // ---------------------------------------------------------------- text

  /**
   * Parses CSV-style text into the external (record) value. Null or empty text is null for every
   * type but string, where empty text is the empty string. Accepted forms: true/false (also t/f,
   * 1/0), decimal numbers, NaN and Infinity for floating point, ISO-8601 dates, times and
   * timestamps (a space may separate date and time; a timestamptz without offset is UTC), canonical
   * UUIDs, base64 for binary and fixed.
   *
   * @param field names the input in the error (e.g. a CSV column)
   * @throws InvalidInputException when the text does not fit the type
   */
  public static Object parse(Type.PrimitiveType type, String text, String field) {
    if (text == null) {
      return null;
    }
    if (type.kind() == Type.Kind.STRING) {
      return text;
    }
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      switch (type.kind()) {
        case BOOLEAN:
          switch (t.toLowerCase(Locale.ROOT)) {
            case "true": case "t": case "1": return Boolean.TRUE;
            case "false": case "f": case "0": return Boolean.FALSE;
            default: throw unparseable(type, text, field);
          }
        case INT:
          return Integer.parseInt(t);
        case LONG:
          return Long.parseLong(t);
        case FLOAT:
          return Float.parseFloat(t);
        case DOUBLE:
          return Double.parseDouble(t);
        case DECIMAL:
          return rescale((Types.DecimalType) type, new BigDecimal(t), field, t);
        case DATE:
          return LocalDate.parse(t);
        case TIME:
          return LocalTime.parse(t);
        case TIMESTAMP: {
          TemporalAccessor parsed = parseTimestampText(t);
          if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw new InvalidInputException(field, "'" + text + "' has a time zone offset but the"
                + " column is a timestamp without zone");
          }
          return LocalDateTime.from(parsed);
        }
        case TIMESTAMPTZ: {
          TemporalAccessor parsed = parseTimestampText(t);
          OffsetDateTime odt = parsed.isSupported(ChronoField.OFFSET_SECONDS)
              ? OffsetDateTime.from(parsed)
              : LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
          return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        case UUID:
          return parseUuid(t, field);
        case BINARY:
        case FIXED: {
          ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(t));
          checkFixedLength(type, b, field);
          return b;
        }
        default:
          throw unparseable(type, text, field);
      }
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      throw unparseable(type, text, field);
    } catch (IllegalArgumentException e) {
      // Base64 rejects bad input with a bare IllegalArgumentException
      throw unparseable(type, text, field);
    }
  }

  private static InvalidInputException unparseable(Type.PrimitiveType type, String text, String field) {
    return new InvalidInputException(field, "cannot read '" + text + "' as a " + type + hint(type));
  }

  /**
   * The text people read and CSV holds for an external value: ISO-8601 for temporal values (UTC
   * with a trailing Z for timestamptz), plain notation for decimals, base64 for binary, canonical
   * lower-case UUIDs. Null is the empty string. {@link #parse} reads every result back.
   */
  public static String toDisplayString(Type.PrimitiveType type, Object external) {
    if (external == null) {
      return "";
    }
    switch (type.kind()) {
      case DECIMAL:
        if (external instanceof BigDecimal d) {
          return d.toPlainString();
        }
        break;
      case TIME:
        if (external instanceof LocalTime t) {
          return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        break;
      case TIMESTAMP:
        if (external instanceof LocalDateTime t) {
          return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        break;
      case TIMESTAMPTZ: {
        Instant instant = instantOf(external);
        if (instant != null) {
          return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
        }
        break;
      }
      case BINARY:
      case FIXED: {
        ByteBuffer b = bufferOf(external);
        if (b != null) {
          return Base64.getEncoder().encodeToString(bytes(b));
        }
        break;
      }
      case UUID:
        return external.toString().toLowerCase(Locale.ROOT);
      default:
        break;
    }
    return external.toString();
  }

  // ---------------------------------------------------------------- helpers

  private static BigDecimal rescale(Types.DecimalType type, BigDecimal d, String field, String shown) {
    BigDecimal scaled;
    try {
      scaled = d.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "cannot use " + shown + " as a " + type + " value: it has"
          + " more than " + type.scale() + " digits after the decimal point");
    }
    if (scaled.precision() > type.precision()) {
      throw new InvalidInputException(field, "cannot use " + shown + " as a " + type + " value: it has"
          + " more than " + type.precision() + " digits");
    }
    return scaled;
  }

  private static int daysOf(LocalDate d, String field) {
    long days = d.toEpochDay();
    if (days != (int) days) {
      throw new InvalidInputException(field, "date " + d + " is out of range");
    }
    return (int) days;
  }

  private static long micros(long epochSecond, int nanos, String field) {
    try {
      return Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nanos / 1000);
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "timestamp is out of the range of microseconds since 1970");
    }
  }

  private static Instant instantOf(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    if (v instanceof Instant t) {
      return t;
    }
    return null;
  }

  private static ByteBuffer bufferOf(Object v) {
    if (v instanceof ByteBuffer b) {
      return b;
    }
    if (v instanceof byte[] a) {
      return ByteBuffer.wrap(a.clone());
    }
    return null;
  }

  private static void checkFixedLength(Type.PrimitiveType type, ByteBuffer b, String field) {
    if (type instanceof Types.FixedType f && b.remaining() != f.length()) {
      throw new InvalidInputException(field, "a " + type + " value must have " + f.length()
          + " bytes, got " + b.remaining());
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer dup = b.duplicate();
    byte[] out = new byte[dup.remaining()];
    dup.get(out);
    return out;
  }

  private static UUID parseUuid(String s, String field) {
    if (!UUID_TEXT.matcher(s).matches()) {
      throw new InvalidInputException(field, "cannot read '" + s + "' as a uuid" + hint(Types.UUID));
    }
    return UUID.fromString(s);
  }

  /** ISO date, or date and time separated by 'T' or a space, with an optional offset. */
  private static TemporalAccessor parseTimestampText(String text) {
    String t = text.trim();
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay();
    }
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(t);
    }
  }

  private static String externalClassName(Type.PrimitiveType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "Boolean";
      case INT -> "Integer";
      case LONG -> "Long";
      case FLOAT -> "Float";
      case DOUBLE -> "Double";
      case DECIMAL -> "BigDecimal";
      case DATE -> "LocalDate";
      case TIME -> "LocalTime";
      case TIMESTAMP -> "LocalDateTime";
      case TIMESTAMPTZ -> "OffsetDateTime";
      case STRING -> "String";
      case UUID -> "UUID";
      default -> "ByteBuffer";
    };
  }

  private static String describe(Object v) {
    if (v instanceof CharSequence) {
      return "'" + v + "'";
    }
    if (v instanceof ByteBuffer b) {
      return "ByteBuffer of " + b.remaining() + " bytes";
    }
    return v.getClass().getSimpleName() + " " + v;
  }
}
