package dev.floe.partition;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The partition transforms. Results agree with the Apache Iceberg spec for the same inputs. */
public final class Transforms {
  private Transforms() {}

  private static final Identity IDENTITY = new Identity();
  private static final Year YEAR = new Year();
  private static final Month MONTH = new Month();
  private static final Day DAY = new Day();
  private static final Hour HOUR = new Hour();
  private static final Void VOID = new Void();
  private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);
  private static final long MICROS_PER_HOUR = 3_600_000_000L;
  private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

  public static Identity identity() { return IDENTITY; }
  public static Year year() { return YEAR; }
  public static Month month() { return MONTH; }
  public static Day day() { return DAY; }
  public static Hour hour() { return HOUR; }
  public static Void alwaysNull() { return VOID; }

  public static Bucket bucket(int numBuckets) { return new Bucket(numBuckets); }

  public static Truncate truncate(int width) { return new Truncate(width); }

  public record Identity() implements Transform {
    public Object apply(Object v) { return v; }
    public Type resultType(Type source) { return source; }
    public boolean canTransform(Type source) { return source.isPrimitive(); }
    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) { return v == null ? "null" : humanValue(v); }
    @Override public String toString() { return "identity"; }
  }

  public record Bucket(int numBuckets) implements Transform {
    public Bucket {
      if (numBuckets < 1) {
        throw new InvalidInputException("bucket", "number of buckets must be positive, got " + numBuckets);
      }
    }

    public Object apply(Object v) {
      return v == null ? null : (hash(v) & Integer.MAX_VALUE) % numBuckets;
    }

    public Type resultType(Type source) { return Types.INT; }

    public boolean canTransform(Type source) {
      return switch (source.kind()) {
        case INT, LONG, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, STRING, UUID, BINARY, FIXED -> true;
        default -> false;
      };
    }

    public boolean preservesOrder() { return false; }
    public String toHumanString(Object v) { return String.valueOf(v); }
    @Override public String toString() { return "bucket[" + numBuckets + "]"; }
  }

  public record Truncate(int width) implements Transform {
    public Truncate {
      if (width < 1) {
        throw new InvalidInputException("truncate", "width must be positive, got " + width);
      }
    }

    public Object apply(Object v) {
      if (v == null) {
        return null;
      }
      if (v instanceof Integer i) {
        return i - (((i % width) + width) % width);
      }
      if (v instanceof Long l) {
        return l - (((l % width) + width) % width);
      }
      if (v instanceof BigDecimal d) {
        BigInteger unscaled = d.unscaledValue();
        BigInteger w = BigInteger.valueOf(width);
        return new BigDecimal(unscaled.subtract(unscaled.mod(w)), d.scale());
      }
      if (v instanceof CharSequence s) {
        String str = s.toString();
        int codePoints = str.codePointCount(0, str.length());
        return codePoints <= width ? str : str.substring(0, str.offsetByCodePoints(0, width));
      }
      if (v instanceof ByteBuffer b) {
        ByteBuffer dup = b.duplicate();
        if (dup.remaining() > width) {
          dup.limit(dup.position() + width);
        }
        return dup.slice();
      }
      throw new InvalidInputException("truncate", "cannot truncate a " + v.getClass().getSimpleName());
    }

    public Type resultType(Type source) { return source; }

    public boolean canTransform(Type source) {
      return switch (source.kind()) {
        case INT, LONG, DECIMAL, STRING, BINARY -> true;
        default -> false;
      };
    }

    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) { return v == null ? "null" : humanValue(v); }
    @Override public String toString() { return "truncate[" + width + "]"; }
  }

  public record Year() implements Transform {
    public Object apply(Object v) {
      if (v == null) {
        return null;
      }
      // Whole calendar years since 1970, floored: 1969-06-01 is year -1, not 0.
      return toDate(v).getYear() - 1970;
    }
    public Type resultType(Type source) { return Types.INT; }
    public boolean canTransform(Type source) { return isDateOrTimestamp(source); }
    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) { return v == null ? "null" : String.valueOf(1970 + (Integer) v); }
    @Override public String toString() { return "year"; }
  }

  public record Month() implements Transform {
    public Object apply(Object v) {
      if (v == null) {
        return null;
      }
      return (int) ChronoUnit.MONTHS.between(EPOCH, toDate(v).withDayOfMonth(1));
    }
    public Type resultType(Type source) { return Types.INT; }
    public boolean canTransform(Type source) { return isDateOrTimestamp(source); }
    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) {
      if (v == null) {
        return "null";
      }
      LocalDate d = EPOCH.plusMonths((Integer) v);
      return String.format("%04d-%02d", d.getYear(), d.getMonthValue());
    }
    @Override public String toString() { return "month"; }
  }

  public record Day() implements Transform {
    public Object apply(Object v) {
      if (v == null) {
        return null;
      }
      if (v instanceof Integer days) {
        return days;
      }
      return (int) Math.floorDiv((Long) v, MICROS_PER_DAY);
    }
    public Type resultType(Type source) { return Types.DATE; }
    public boolean canTransform(Type source) { return isDateOrTimestamp(source); }
    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) { return v == null ? "null" : EPOCH.plusDays((Integer) v).toString(); }
    @Override public String toString() { return "day"; }
  }

  public record Hour() implements Transform {
    public Object apply(Object v) {
      return v == null ? null : (int) Math.floorDiv((Long) v, MICROS_PER_HOUR);
    }
    public Type resultType(Type source) { return Types.INT; }
    public boolean canTransform(Type source) {
      return source.kind() == Type.Kind.TIMESTAMP || source.kind() == Type.Kind.TIMESTAMPTZ;
    }
    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) {
      if (v == null) {
        return "null";
      }
      LocalDateTime t = LocalDateTime.ofEpochSecond((Integer) v * 3600L, 0, ZoneOffset.UTC);
      return String.format("%s-%02d", t.toLocalDate(), t.getHour());
    }
    @Override public String toString() { return "hour"; }
  }

  public record Void() implements Transform {
    public Object apply(Object v) { return null; }
    public Type resultType(Type source) { return source; }
    public boolean canTransform(Type source) { return true; }
    public boolean preservesOrder() { return true; }
    public String toHumanString(Object v) { return "null"; }
    @Override public String toString() { return "void"; }
  }

  private static boolean isDateOrTimestamp(Type t) {
    return switch (t.kind()) {
      case DATE, TIMESTAMP, TIMESTAMPTZ -> true;
      default -> false;
    };
  }

  /** Dates are Integer days; timestamps are Long microseconds (internal representation). */
  private static LocalDate toDate(Object v) {
    if (v instanceof Integer days) {
      return EPOCH.plusDays(days);
    }
    return EPOCH.plusDays(Math.floorDiv((Long) v, MICROS_PER_DAY));
  }

  private static String humanValue(Object v) {
    if (v instanceof ByteBuffer b) {
      return java.util.Base64.getUrlEncoder().encodeToString(bytes(b));
    }
    return v.toString();
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer dup = b.duplicate();
    byte[] out = new byte[dup.remaining()];
    dup.get(out);
    return out;
  }

  /** 32-bit Murmur3 (x86 variant, seed 0) of the value's canonical bytes, as the Iceberg spec defines. */
  static int hash(Object v) {
    if (v instanceof Integer i) {
      return murmur3(longBytes(i.longValue()));
    }
    if (v instanceof Long l) {
      return murmur3(longBytes(l));
    }
    if (v instanceof CharSequence s) {
      return murmur3(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (v instanceof UUID u) {
      ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
      b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
      return murmur3(b.array());
    }
    if (v instanceof BigDecimal d) {
      return murmur3(d.unscaledValue().toByteArray());
    }
    if (v instanceof ByteBuffer b) {
      return murmur3(bytes(b));
    }
    throw new InvalidInputException("bucket", "cannot bucket a " + v.getClass().getSimpleName());
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  static int murmur3(byte[] data) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = 0;
    int len = data.length;
    int blocks = len / 4;
    for (int i = 0; i < blocks; i++) {
      int k = (data[i * 4] & 0xff) | (data[i * 4 + 1] & 0xff) << 8
          | (data[i * 4 + 2] & 0xff) << 16 | (data[i * 4 + 3] & 0xff) << 24;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int k = 0;
    switch (len & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[tail] & 0xff;
        k *= c1;
        k = Integer.rotateLeft(k, 15);
        k *= c2;
        h ^= k;
        break;
      default:
        break;
    }
    h ^= len;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
