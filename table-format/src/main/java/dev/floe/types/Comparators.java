package dev.floe.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.UUID;

/**
 * Orderings of internal-representation values ({@link Values}) per type: the one order that
 * bounds, summaries and filters agree on. Strings compare by Unicode code point, binary and
 * UUIDs as unsigned bytes (the order Parquet statistics use).
 */
public final class Comparators {
  private Comparators() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<Object> NATURAL = (a, b) -> ((Comparable) a).compareTo(b);

  private static final Comparator<Object> CODE_POINTS = (a, b) -> compareCodePoints(
      a.toString(), b.toString());

  private static final Comparator<Object> UNSIGNED_BYTES =
      (a, b) -> compareUnsigned((ByteBuffer) a, (ByteBuffer) b);

  private static final Comparator<Object> UUIDS = (a, b) -> {
    UUID x = (UUID) a;
    UUID y = (UUID) b;
    int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
  };

  private static final Comparator<Object> DECIMALS = (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);

  public static Comparator<Object> forType(Type.PrimitiveType type) {
    return switch (type.kind()) {
      case STRING -> CODE_POINTS;
      case BINARY, FIXED -> UNSIGNED_BYTES;
      case UUID -> UUIDS;
      case DECIMAL -> DECIMALS;
      default -> NATURAL;
    };
  }

  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  public static int compareUnsigned(ByteBuffer a, ByteBuffer b) {
    int n = Math.min(a.remaining(), b.remaining());
    for (int k = 0; k < n; k++) {
      int c = Integer.compare(a.get(a.position() + k) & 0xff, b.get(b.position() + k) & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.remaining(), b.remaining());
  }
}
