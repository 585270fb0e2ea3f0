package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.types.Comparators;
import dev.floe.types.Type;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A row's position on a Z-order curve over 2 to 4 columns: the bits of the columns' normalised
 * values interleaved, most significant first, compared as one unsigned number.
 *
 * <p>Normalising a value takes three steps:
 * <ol>
 *   <li>an order-preserving map to an unsigned 64-bit ordinal ({@link #ordinal}): integers,
 *       dates, times and timestamps with the sign bit flipped; floats and doubles by their IEEE
 *       bits (negatives inverted), so -inf &lt; ... &lt; -0.0 &lt; 0.0 &lt; ... &lt; +inf &lt;
 *       NaN; strings and binary by their first 8 (UTF-8) bytes; decimals by their unscaled value
 *       (clamped to 64 bits); UUIDs by their high half;
 *   <li>scaling to the group's range, taken from the input files' lower and upper bounds, so that
 *       each column's spread fills the high bits and every column weighs the same in the curve
 *       (ids 0..10^7 and amounts 0..1000 would otherwise differ in dozens of leading bits);
 *       floats and doubles with finite bounds are scaled linearly by value instead of by ordinal;
 *       values outside the bounds (none, for correct stats) are clamped;
 *   <li>a leading bit that is 0 for null and 1 for any value: nulls come first in every
 *       dimension, each null column collapsing to one end of the curve.
 * </ol>
 */
final class ZOrderKey implements SortKey<long[]> {
  private final FieldAccessor[] columns;
  private final Scale[] scales;

  ZOrderKey(List<FieldAccessor> columns, List<DataFile> files) {
    this.columns = columns.toArray(new FieldAccessor[0]);
    this.scales = new Scale[this.columns.length];
    for (int i = 0; i < this.columns.length; i++) {
      scales[i] = Scale.of(this.columns[i], files);
    }
  }

  /** Maps a column's (non-null, internal) values into [0, 2^63), keeping their order. */
  private interface Scale {
    long TOP = Long.MAX_VALUE;

    long apply(Object internal);

    static Scale of(FieldAccessor c, List<DataFile> files) {
      Type.PrimitiveType type = c.type();
      Optional<Object[]> bounds = bounds(c, files);
      if ((type.kind() == Type.Kind.DOUBLE || type.kind() == Type.Kind.FLOAT) && bounds.isPresent()) {
        double lo = ((Number) bounds.get()[0]).doubleValue();
        double hi = ((Number) bounds.get()[1]).doubleValue();
        if (Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi) {
          return new Linear(lo, hi);
        }
      }
      long lo = 0;
      long hi = -1L; // unknown range: the whole unsigned space
      if (bounds.isPresent()) {
        lo = ordinal(type, bounds.get()[0]);
        hi = ordinal(type, bounds.get()[1]);
        if (Long.compareUnsigned(lo, hi) > 0) {
          lo = 0;
          hi = -1L;
        }
      }
      int bits = 64 - Long.numberOfLeadingZeros(hi - lo);
      return new Ordinal(type, lo, 64 - bits); // bits == 0: a constant column, every value scales to 0
    }
  }

  /**
   * Floats and doubles by their distance along the range, not their bit patterns: uniform values
   * in [0, 1000) fill the range evenly, where their IEEE bits would crowd into the top exponents.
   */
  private record Linear(double lo, double hi) implements Scale {
    public long apply(Object internal) {
      double v = ((Number) internal).doubleValue();
      if (Double.isNaN(v) || v >= hi) {
        return TOP; // NaN sorts last, like the type's order
      }
      if (v <= lo) {
        return 0;
      }
      return (long) ((v - lo) / (hi - lo) * 0x1p63);
    }
  }

  /** Everything else by its ordinal's offset from the low bound, shifted to fill the high bits. */
  private record Ordinal(Type.PrimitiveType type, long low, int shift) implements Scale {
    public long apply(Object internal) {
      long o = ordinal(type, internal);
      long d = Long.compareUnsigned(o, low) <= 0 ? 0 : o - low;
      if (shift == 64) {
        return 0;
      }
      if (Long.compareUnsigned(d, -1L >>> shift) > 0) {
        return TOP; // above the upper bound: clamp to the top
      }
      return (d << shift) >>> 1;
    }
  }

  /** The lowest lower and highest upper bound over the files, if every file that has values has both. */
  private static Optional<Object[]> bounds(FieldAccessor c, List<DataFile> files) {
    Comparator<Object> order = Comparators.forType(c.type());
    Object lo = null;
    Object hi = null;
    for (DataFile f : files) {
      Optional<ColumnStats> s = f.stats(c.fieldId());
      if (s.isEmpty()) {
        return Optional.empty();
      }
      if (s.get().lowerBound().isEmpty() || s.get().upperBound().isEmpty()) {
        // only nulls (no bounds but counts), or bounds not collected: no range to learn from
        if (s.get().nullCount().isPresent() && s.get().valueCount().isPresent()
            && s.get().nullCount().getAsLong() == s.get().valueCount().getAsLong()) {
          continue;
        }
        return Optional.empty();
      }
      Object l = s.get().lowerBound().get();
      Object h = s.get().upperBound().get();
      lo = lo == null || order.compare(l, lo) < 0 ? l : lo;
      hi = hi == null || order.compare(h, hi) > 0 ? h : hi;
    }
    return lo == null ? Optional.empty() : Optional.of(new Object[] {lo, hi});
  }

  @Override
  public long[] of(Record row) {
    int n = columns.length;
    long[] dims = new long[n];
    for (int i = 0; i < n; i++) {
      Object v = columns[i].get(row);
      // the top bit tells null (0) from any value (1): nulls first in every dimension
      dims[i] = v == null ? 0 : Long.MIN_VALUE | scales[i].apply(Values.toInternal(columns[i].type(), v));
    }
    return interleave(dims);
  }

  /**
   * Bit k of the result (from the top) is bit 63 - k / n of dimension k % n. Two and four
   * dimensions spread their bits with masks (a few shifts per word instead of a loop per bit).
   */
  static long[] interleave(long[] dims) {
    if (dims.length == 2) {
      return new long[] {
          spread2(dims[0] >>> 32) << 1 | spread2(dims[1] >>> 32),
          spread2(dims[0] & 0xFFFF_FFFFL) << 1 | spread2(dims[1] & 0xFFFF_FFFFL)};
    }
    if (dims.length == 4) {
      long[] out = new long[4];
      for (int w = 0; w < 4; w++) {
        int shift = 48 - 16 * w;
        out[w] = spread4((dims[0] >>> shift) & 0xFFFF) << 3 | spread4((dims[1] >>> shift) & 0xFFFF) << 2
            | spread4((dims[2] >>> shift) & 0xFFFF) << 1 | spread4((dims[3] >>> shift) & 0xFFFF);
      }
      return out;
    }
    return interleaveBitByBit(dims);
  }

  /** The low 32 bits of {@code x} moved to the even bit positions. */
  private static long spread2(long x) {
    x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFFL;
    x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FFL;
    x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333L;
    return (x | (x << 1)) & 0x5555_5555_5555_5555L;
  }

  /** The low 16 bits of {@code x} moved to every fourth bit position. */
  private static long spread4(long x) {
    x = (x | (x << 24)) & 0x0000_00FF_0000_00FFL;
    x = (x | (x << 12)) & 0x000F_000F_000F_000FL;
    x = (x | (x << 6)) & 0x0303_0303_0303_0303L;
    return (x | (x << 3)) & 0x1111_1111_1111_1111L;
  }

  static long[] interleaveBitByBit(long[] dims) {
    int n = dims.length;
    long[] out = new long[n];
    int word = 0;
    int filled = 0;
    long acc = 0;
    for (int bit = 63; bit >= 0; bit--) {
      for (long d : dims) {
        acc = (acc << 1) | ((d >>> bit) & 1L);
        if (++filled == 64) {
          out[word++] = acc;
          acc = 0;
          filled = 0;
        }
      }
    }
    return out;
  }

  @Override
  public int compare(long[] a, long[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** An unsigned 64-bit number whose order is the type's order on internal values (see class comment). */
  static long ordinal(Type.PrimitiveType type, Object internal) {
    return switch (type.kind()) {
      case BOOLEAN -> ((Boolean) internal) ? 1 : 0;
      case INT, DATE -> ((Integer) internal).longValue() ^ Long.MIN_VALUE;
      case LONG, TIME, TIMESTAMP, TIMESTAMPTZ -> ((Long) internal) ^ Long.MIN_VALUE;
      case FLOAT -> doubleOrdinal(((Float) internal).doubleValue());
      case DOUBLE -> doubleOrdinal((Double) internal);
      case DECIMAL -> decimalOrdinal((BigDecimal) internal);
      case STRING -> prefix(utf8Prefix(internal.toString()));
      case BINARY, FIXED -> prefix(bytes((ByteBuffer) internal));
      case UUID -> ((UUID) internal).getMostSignificantBits();
      default -> throw new IllegalArgumentException("no ordinal for " + type);
    };
  }

  private static long doubleOrdinal(double d) {
    long bits = Double.doubleToLongBits(d); // one NaN for all NaNs: the top of the order
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  private static long decimalOrdinal(BigDecimal d) {
    BigInteger unscaled = d.unscaledValue();
    if (unscaled.bitLength() <= 63) {
      return unscaled.longValue() ^ Long.MIN_VALUE;
    }
    return unscaled.signum() > 0 ? -1L : 0L;
  }

  private static byte[] utf8Prefix(String s) {
    int end = Math.min(s.length(), 8);
    if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end++;
    }
    return s.substring(0, end).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[Math.min(8, b.remaining())];
    b.duplicate().get(out);
    return out;
  }

  /** The first 8 bytes, big-endian, zero-padded: unsigned order equals byte-wise order. */
  private static long prefix(byte[] bytes) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (i < bytes.length ? bytes[i] & 0xff : 0);
    }
    return v;
  }
}
