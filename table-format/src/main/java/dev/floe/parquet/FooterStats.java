package dev.floe.parquet;

import dev.floe.manifest.ColumnStats;
import dev.floe.types.Comparators;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Turns Parquet footer statistics into Floe {@link ColumnStats} keyed by field id, with bounds in
 * Floe's internal representation. The writer and the reader use the same conversion, so the
 * bounds a manifest records and the bounds a row-group filter sees agree.
 */
final class FooterStats {
  /** Bounds of strings and binary values in file-level metrics are cut to this length. */
  static final int TRUNCATE_LENGTH = 16;

  private FooterStats() {}

  /**
   * One leaf column of a file: its field id, Parquet type, the Floe type its values have in the
   * file, the Floe type callers want bounds in, and whether it gets bounds at all (not inside a
   * list or map).
   */
  record Leaf(int fieldId, PrimitiveType parquet, Optional<Type.PrimitiveType> fileType,
      Type.PrimitiveType targetType, boolean bounds) {}

  /**
   * The leaves of a file schema that carry field ids. {@code targetType} maps a field id to the
   * type bounds should be reported in (a promoted projection type); null keeps the file's type.
   */
  static Map<ColumnPath, Leaf> leaves(MessageType schema, IntFunction<Type.PrimitiveType> targetType) {
    Map<ColumnPath, Leaf> out = new HashMap<>();
    for (ColumnDescriptor c : schema.getColumns()) {
      PrimitiveType p = c.getPrimitiveType();
      if (p.getId() == null) {
        continue;
      }
      int id = p.getId().intValue();
      Optional<Type.PrimitiveType> fileType = ParquetSchemas.floeType(p);
      Type.PrimitiveType target = targetType == null ? null : targetType.apply(id);
      if (target == null || fileType.isEmpty() || !TypeCompat.canPromote(fileType.get(), target)) {
        target = fileType.orElse(null);
      }
      boolean bounds = fileType.isPresent() && c.getMaxRepetitionLevel() == 0;
      out.put(ColumnPath.get(c.getPath()), new Leaf(id, p, fileType, target, bounds));
    }
    return out;
  }

  /** Statistics of one row group by field id, bounds exact (not truncated). */
  static Map<Integer, ColumnStats> rowGroup(BlockMetaData block, Map<ColumnPath, Leaf> leaves) {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      Leaf leaf = leaves.get(chunk.getPath());
      if (leaf == null) {
        continue;
      }
      Statistics<?> s = chunk.getStatistics();
      OptionalLong nulls = s != null && !s.isEmpty() && s.isNumNullsSet()
          ? OptionalLong.of(s.getNumNulls()) : OptionalLong.empty();
      Object lower = null;
      Object upper = null;
      if (leaf.bounds() && s != null && !s.isEmpty() && s.hasNonNullValue()) {
        lower = bound(s.genericGetMin(), leaf);
        upper = bound(s.genericGetMax(), leaf);
        if (lower == null || upper == null) {
          lower = null;
          upper = null;
        }
      }
      out.put(leaf.fieldId(), new ColumnStats(leaf.fieldId(), OptionalLong.of(chunk.getTotalSize()),
          OptionalLong.of(chunk.getValueCount()), nulls, OptionalLong.empty(),
          Optional.ofNullable(lower), Optional.ofNullable(upper)));
    }
    return out;
  }

  private static Object bound(Object parquetValue, Leaf leaf) {
    Object v = toInternal(parquetValue, leaf.parquet(), leaf.fileType().get());
    return v == null ? null : TypeCompat.promote(v, leaf.fileType().get(), leaf.targetType());
  }

  /**
   * A footer min or max in Floe's internal representation, or null when it cannot serve as a
   * bound (NaN, legacy INT96).
   */
  static Object toInternal(Object v, PrimitiveType p, Type.PrimitiveType type) {
    if (v == null) {
      return null;
    }
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (type.kind()) {
      case BOOLEAN:
      case INT:
      case DATE:
        return v;
      case LONG:
        if (v instanceof Integer i) {
          // only unsigned 32-bit ints map to long
          return Integer.toUnsignedLong(i);
        }
        return v;
      case FLOAT:
        return ((Float) v).isNaN() ? null : v;
      case DOUBLE:
        return ((Double) v).isNaN() ? null : v;
      case TIME:
        if (v instanceof Integer i) {
          return i * 1000L;
        }
        return ((LogicalTypeAnnotation.TimeLogicalTypeAnnotation) a).getUnit()
            == LogicalTypeAnnotation.TimeUnit.NANOS ? Math.floorDiv((Long) v, 1000L) : v;
      case TIMESTAMP:
      case TIMESTAMPTZ:
        if (!(a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t)) {
          return null;
        }
        return switch (t.getUnit()) {
          case MILLIS -> Math.multiplyExact((Long) v, 1000L);
          case MICROS -> v;
          case NANOS -> Math.floorDiv((Long) v, 1000L);
        };
      case DECIMAL: {
        int scale = ((Types.DecimalType) type).scale();
        if (v instanceof Integer i) {
          return BigDecimal.valueOf(i, scale);
        }
        if (v instanceof Long l) {
          return BigDecimal.valueOf(l, scale);
        }
        return new BigDecimal(new BigInteger(((Binary) v).getBytes()), scale);
      }
      case STRING:
        return ((Binary) v).toStringUsingUTF8();
      case UUID:
        return uuid(((Binary) v).getBytes());
      case BINARY:
      case FIXED:
        return ByteBuffer.wrap(((Binary) v).getBytes());
      default:
        return null;
    }
  }

  static UUID uuid(byte[] b) {
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  // ---- file-level aggregation (the writer's metrics) ------------------------------------------

  /** Tracks NaN counts and NaN-free bounds of one float or double column while writing. */
  static final class FloatingTracker {
    final boolean isFloat;
    long nanCount;
    boolean seen;
    double min;
    double max;

    FloatingTracker(boolean isFloat) {
      this.isFloat = isFloat;
    }

    void add(double v) {
      if (Double.isNaN(v)) {
        nanCount++;
      } else if (!seen) {
        seen = true;
        min = v;
        max = v;
      } else {
        if (Double.compare(v, min) < 0) {
          min = v;
        }
        if (Double.compare(v, max) > 0) {
          max = v;
        }
      }
    }

    Object lower() {
      return isFloat ? (Object) (float) min : (Object) min;
    }

    Object upper() {
      return isFloat ? (Object) (float) max : (Object) max;
    }
  }

  /**
   * File-level statistics from all row groups of a footer: sizes and counts summed, bounds the min
   * of lower and max of upper bounds, strings and binary truncated. Float and double bounds and
   * NaN counts come from the writer's own trackers, since Parquet statistics can hold NaN.
   */
  static Map<Integer, ColumnStats> file(List<BlockMetaData> blocks, Map<ColumnPath, Leaf> leaves,
      Map<Integer, FloatingTracker> floating) {
    Map<ColumnPath, Acc> accs = new LinkedHashMap<>();
    for (BlockMetaData block : blocks) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        Leaf leaf = leaves.get(chunk.getPath());
        if (leaf != null) {
          accs.computeIfAbsent(chunk.getPath(), p -> new Acc(leaf)).add(chunk);
        }
      }
    }
    Map<Integer, ColumnStats> out = new LinkedHashMap<>();
    for (Acc acc : accs.values()) {
      Leaf leaf = acc.leaf;
      FloatingTracker tracker = floating.get(leaf.fieldId());
      OptionalLong nans = OptionalLong.empty();
      Object lower = acc.boundsKnown ? acc.min : null;
      Object upper = acc.boundsKnown ? acc.max : null;
      if (tracker != null) {
        nans = OptionalLong.of(tracker.nanCount);
        lower = leaf.bounds() && tracker.seen ? tracker.lower() : null;
        upper = leaf.bounds() && tracker.seen ? tracker.upper() : null;
      } else if (lower != null && upper != null) {
        lower = truncateLower(lower, leaf.targetType());
        upper = truncateUpper(upper, leaf.targetType());
      }
      if (lower == null || upper == null) {
        lower = null;
        upper = null;
      }
      out.put(leaf.fieldId(), new ColumnStats(leaf.fieldId(), OptionalLong.of(acc.size),
          OptionalLong.of(acc.values), acc.nullsKnown ? OptionalLong.of(acc.nulls) : OptionalLong.empty(),
          nans, Optional.ofNullable(lower), Optional.ofNullable(upper)));
    }
    return out;
  }

  private static final class Acc {
    final Leaf leaf;
    final Comparator<Object> order;
    long size;
    long values;
    long nulls;
    boolean nullsKnown = true;
    boolean boundsKnown;
    Object min;
    Object max;

    Acc(Leaf leaf) {
      this.leaf = leaf;
      this.boundsKnown = leaf.bounds();
      this.order = leaf.bounds() ? Comparators.forType(leaf.targetType()) : null;
    }

    void add(ColumnChunkMetaData chunk) {
      size += chunk.getTotalSize();
      values += chunk.getValueCount();
      Statistics<?> s = chunk.getStatistics();
      if (s == null || s.isEmpty() || !s.isNumNullsSet()) {
        nullsKnown = false;
        boundsKnown = false;
        return;
      }
      nulls += s.getNumNulls();
      if (!boundsKnown) {
        return;
      }
      if (!s.hasNonNullValue()) {
        // all nulls, or min/max left out (parquet-java drops oversized ones): only the first is harmless
        boundsKnown = s.getNumNulls() == chunk.getValueCount();
        return;
      }
      Object lo = bound(s.genericGetMin(), leaf);
      Object hi = bound(s.genericGetMax(), leaf);
      if (lo == null || hi == null) {
        boundsKnown = false;
        return;
      }
      if (min == null || order.compare(lo, min) < 0) {
        min = lo;
      }
      if (max == null || order.compare(hi, max) > 0) {
        max = hi;
      }
    }
  }

  // ---- truncation ---------------------------------------------------------------------------

  static Object truncateLower(Object v, Type.PrimitiveType type) {
    if (type.kind() == Type.Kind.STRING) {
      String s = (String) v;
      return s.codePointCount(0, s.length()) <= TRUNCATE_LENGTH
          ? s : s.substring(0, s.offsetByCodePoints(0, TRUNCATE_LENGTH));
    }
    if (type.kind() == Type.Kind.BINARY) {
      ByteBuffer b = (ByteBuffer) v;
      if (b.remaining() <= TRUNCATE_LENGTH) {
        return b;
      }
      byte[] out = new byte[TRUNCATE_LENGTH];
      b.duplicate().get(out);
      return ByteBuffer.wrap(out);
    }
    return v;
  }

  /** A short value &gt;= v, or null when there is none (every position is already the maximum). */
  static Object truncateUpper(Object v, Type.PrimitiveType type) {
    if (type.kind() == Type.Kind.STRING) {
      String s = (String) v;
      if (s.codePointCount(0, s.length()) <= TRUNCATE_LENGTH) {
        return s;
      }
      int[] cps = s.codePoints().limit(TRUNCATE_LENGTH).toArray();
      for (int i = cps.length - 1; i >= 0; i--) {
        int next = cps[i] + 1;
        if (next == Character.MIN_SURROGATE) {
          next = Character.MAX_SURROGATE + 1;
        }
        if (next <= Character.MAX_CODE_POINT) {
          cps[i] = next;
          return new String(cps, 0, i + 1);
        }
      }
      return null;
    }
    if (type.kind() == Type.Kind.BINARY) {
      ByteBuffer b = (ByteBuffer) v;
      if (b.remaining() <= TRUNCATE_LENGTH) {
        return b;
      }
      byte[] out = new byte[TRUNCATE_LENGTH];
      b.duplicate().get(out);
      for (int i = out.length - 1; i >= 0; i--) {
        if (out[i] != (byte) 0xff) {
          out[i]++;
          return ByteBuffer.wrap(java.util.Arrays.copyOf(out, i + 1));
        }
      }
      return null;
    }
    return v;
  }
}
