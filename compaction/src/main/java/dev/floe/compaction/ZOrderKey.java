package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.types.Type;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *       values outside the bounds (none, for correct stats) are clamped;
 *   <li>a leading bit that is 0 for null and 1 for any value: nulls come first in every
 *       dimension, each null column collapsing to one end of the curve.
 * </ol>
 */
final class ZOrderKey implements SortKey<long[]> {
  private final FieldAccessor[] columns;
  private final long[] low;
  private final int[] shift;

  ZOrderKey(List<FieldAccessor> columns, List<DataFile> files) {
    this.columns = columns.toArray(new FieldAccessor[0]);
    this.low = new long[this.columns.length];
    this.shift = new int[this.columns.length];
    for (int i = 0; i < this.columns.length; i++) {
      FieldAccessor c = this.columns[i];
      long lo = 0;
      long hi = -1L; // unknown range: the whole unsigned space
      Optional<long[]> range = range(c, files);
      if (range.isPresent()) {
        lo = range.get()[0];
        hi = range.get()[1];
      }
      low[i] = lo;
      long span = hi - lo;
      int bits = 64 - Long.numberOfLeadingZeros(span);
      shift[i] = 64 - bits; // bits == 0: a constant column, every value scales to 0
    }
  }

  /** The lowest and highest ordinal the files' bounds allow, if every file has both bounds. */
  private static Optional<long[]> range(FieldAccessor c, List<DataFile> files) {
    long lo = -1L;
    long hi = 0;
    boolean any = false;
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
      long l = ordinal(c.type(), s.get().lowerBound().get());
      long h = ordinal(c.type(), s.get().upperBound().get());
      lo = Long.compareUnsigned(l, lo) < 0 ? l : lo;
      hi = Long.compareUnsigned(h, hi) > 0 ? h : hi;
      any = true;
    }
    return any && Long.compareUnsigned(lo, hi) <= 0 ? Optional.of(new long[] {lo, hi}) : Optional.empty();
  }

  @Override
  public long[] of(Record row) {
    int n = columns.length;
    long[] dims = new long[n];
    for (int i = 0; i < n; i++) {
      Object v = columns[i].get(row);
      if (v == null) {
        dims[i] = 0;
        continue;
      }
      long o = ordinal(columns[i].type(), Values.toInternal(columns[i].type(), v));
      long d = Long.compareUnsigned(o, low[i]) <= 0 ? 0 : o - low[i];
      long scaled = shift[i] == 64 ? 0 : d << shift[i];
      if (shift[i] < 64 && Long.compareUnsigned(d, -1L >>> shift[i]) > 0) {
        scaled = -1L; // above the upper bound: clamp to the top
      }
      dims[i] = Long.MIN_VALUE | (scaled >>> 1);
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
