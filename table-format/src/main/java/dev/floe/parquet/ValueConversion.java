package dev.floe.parquet;

import dev.floe.types.Type;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Turns one column's decoded Parquet values into Floe external values (see
 * {@link dev.floe.data.Record}), for one (physical type, target type) pair so the per-value path
 * has no branches on type. Both readers use it: the record-assembly converters and the flat
 * column-batch reader. Instances may keep small caches and are used by one reader at a time.
 */
abstract class ValueConversion {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int JULIAN_EPOCH_DAY = 2_440_588;

  Object ofBoolean(boolean v) {
    throw unsupported("boolean");
  }

  Object ofInt(int v) {
    throw unsupported("int32");
  }

  Object ofLong(long v) {
    throw unsupported("int64");
  }

  Object ofFloat(float v) {
    throw unsupported("float");
  }

  Object ofDouble(double v) {
    throw unsupported("double");
  }

  /** A binary value held in {@code length} bytes of {@code bytes} from {@code offset}; not retained. */
  Object ofBytes(byte[] bytes, int offset, int length) {
    throw unsupported("binary");
  }

  final Object ofBinary(Binary b) {
    ByteBuffer buf = b.toByteBuffer();
    if (buf.hasArray()) {
      return ofBytes(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
    }
    byte[] copy = b.getBytes();
    return ofBytes(copy, 0, copy.length);
  }

  /**
   * True when the conversion keeps no state, so a second thread may convert values of the same
   * column with it (the flat reader converts strings while it decompresses).
   */
  boolean stateless() {
    return false;
  }

  /** False when values are mutable (ByteBuffer): a shared dictionary value must then be copied per use. */
  boolean immutable() {
    return true;
  }

  /** A private copy of a dictionary value of a mutable type. */
  Object copy(Object shared) {
    return shared;
  }

  /** Every dictionary entry converted once, indexed by dictionary id. */
  final Object[] dictionary(Dictionary d, PrimitiveTypeName physical) {
    Object[] values = new Object[d.getMaxId() + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (physical) {
        case BOOLEAN -> ofBoolean(d.decodeToBoolean(i));
        case INT32 -> ofInt(d.decodeToInt(i));
        case INT64 -> ofLong(d.decodeToLong(i));
        case FLOAT -> ofFloat(d.decodeToFloat(i));
        case DOUBLE -> ofDouble(d.decodeToDouble(i));
        default -> ofBinary(d.decodeToBinary(i));
      };
    }
    return values;
  }

  private IllegalStateException unsupported(String physical) {
    return new IllegalStateException(getClass().getSimpleName() + " cannot convert " + physical + " values");
  }

  /** The conversion for a planned leaf column. */
  static ValueConversion of(ReadPlan.PrimNode node) {
    PrimitiveType p = node.file();
    PrimitiveTypeName physical = p.getPrimitiveTypeName();
    Type.PrimitiveType target = node.target();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (target.kind()) {
      case BOOLEAN:
        return new ValueConversion() {
          Object ofBoolean(boolean v) {
            return v;
          }
        };
      case INT:
        return new ValueConversion() {
          Object ofInt(int v) {
            return v;
          }
        };
      case LONG:
        if (physical == PrimitiveTypeName.INT32) {
          if (node.fileType().kind() == Type.Kind.LONG) {
            // unsigned 32-bit ints map to long
            return new ValueConversion() {
              Object ofInt(int v) {
                return Integer.toUnsignedLong(v);
              }
            };
          }
          return new ValueConversion() {
            Object ofInt(int v) {
              return (long) v;
            }
          };
        }
        return new ValueConversion() {
          Object ofLong(long v) {
            return v;
          }
        };
      case FLOAT:
        return new ValueConversion() {
          Object ofFloat(float v) {
            return v;
          }
        };
      case DOUBLE:
        return new ValueConversion() {
          Object ofFloat(float v) {
            return (double) v;
          }

          Object ofDouble(double v) {
            return v;
          }
        };
      case DECIMAL:
        return new DecimalConversion(((Types.DecimalType) node.fileType()).scale(),
            ((Types.DecimalType) target).scale());
      case DATE:
        return new ValueConversion() {
          Object ofInt(int v) {
            return LocalDate.ofEpochDay(v);
          }
        };
      case TIME: {
        long nanosPerUnit;
        if (physical == PrimitiveTypeName.INT32) {
          nanosPerUnit = 1_000_000L;
        } else {
          nanosPerUnit = ((LogicalTypeAnnotation.TimeLogicalTypeAnnotation) a).getUnit() == TimeUnit.NANOS ? 1L : 1000L;
        }
        return new TimeConversion(nanosPerUnit);
      }
      case TIMESTAMP:
      case TIMESTAMPTZ: {
        boolean tz = target.kind() == Type.Kind.TIMESTAMPTZ;
        if (physical == PrimitiveTypeName.INT96) {
          return new Int96Conversion(tz);
        }
        TimeUnit unit = ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) a).getUnit();
        return new TimestampConversion(unit, tz);
      }
      case STRING:
        return new ValueConversion() {
          Object ofBytes(byte[] bytes, int offset, int length) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
          }

          boolean stateless() {
            return true;
          }
        };
      case UUID:
        return new ValueConversion() {
          Object ofBytes(byte[] b, int offset, int length) {
            if (length != 16) {
              throw new IllegalStateException("a uuid has 16 bytes, got " + length);
            }
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
              msb = (msb << 8) | (b[offset + i] & 0xff);
              lsb = (lsb << 8) | (b[offset + i + 8] & 0xff);
            }
            return new java.util.UUID(msb, lsb);
          }
        };
      case BINARY:
      case FIXED:
        return new BytesConversion();
      default:
        throw new IllegalStateException("not a primitive: " + target);
    }
  }

  private static final class DecimalConversion extends ValueConversion {
    private final int fileScale;
    private final int scale;

    DecimalConversion(int fileScale, int scale) {
      this.fileScale = fileScale;
      this.scale = scale;
    }

    private Object of(BigDecimal d) {
      return fileScale == scale ? d : d.setScale(scale);
    }

    @Override
    Object ofInt(int v) {
      return of(BigDecimal.valueOf(v, fileScale));
    }

    @Override
    Object ofLong(long v) {
      return of(BigDecimal.valueOf(v, fileScale));
    }

    @Override
    Object ofBytes(byte[] b, int offset, int length) {
      if (length <= 8) {
        long v = 0;
        if (length > 0) {
          v = b[offset];
          for (int i = 1; i < length; i++) {
            v = (v << 8) | (b[offset + i] & 0xff);
          }
        }
        return of(BigDecimal.valueOf(v, fileScale));
      }
      return of(new BigDecimal(new BigInteger(b, offset, length), fileScale));
    }
  }

  private static final class TimeConversion extends ValueConversion {
    private final long nanosPerUnit;

    TimeConversion(long nanosPerUnit) {
      this.nanosPerUnit = nanosPerUnit;
    }

    @Override
    Object ofInt(int v) {
      return ofLong(v);
    }

    @Override
    Object ofLong(long units) {
      // drop below-microsecond precision the way Floe stores time
      long micros = nanosPerUnit == 1 ? Math.floorDiv(units, 1000L) : units * (nanosPerUnit / 1000L);
      return LocalTime.ofNanoOfDay(micros * 1000L);
    }
  }

  /**
   * Timestamps from microseconds. Consecutive values usually fall on the same day, so the date
   * of the last value is kept and only the time of day is computed anew.
   */
  private static final class TimestampConversion extends ValueConversion {
    private final TimeUnit unit;
    private final boolean withZone;
    private long day = Long.MIN_VALUE;
    private LocalDate date;

    TimestampConversion(TimeUnit unit, boolean withZone) {
      this.unit = unit;
      this.withZone = withZone;
    }

    @Override
    Object ofLong(long value) {
      long micros = switch (unit) {
        case MILLIS -> value * 1000L;
        case MICROS -> value;
        case NANOS -> Math.floorDiv(value, 1000L);
      };
      LocalDateTime t = localDateTime(micros);
      return withZone ? OffsetDateTime.of(t, ZoneOffset.UTC) : t;
    }

    LocalDateTime localDateTime(long micros) {
      long d = Math.floorDiv(micros, MICROS_PER_DAY);
      long microOfDay = micros - d * MICROS_PER_DAY;
      if (d != day) {
        date = LocalDate.ofEpochDay(d);
        day = d;
      }
      return LocalDateTime.of(date, LocalTime.ofNanoOfDay(microOfDay * 1000L));
    }
  }

  /** Legacy INT96 timestamps: 8 bytes nanos of day then 4 bytes Julian day, little-endian. */
  private static final class Int96Conversion extends ValueConversion {
    private final boolean withZone;
    private final TimestampConversion micros = new TimestampConversion(TimeUnit.MICROS, false);

    Int96Conversion(boolean withZone) {
      this.withZone = withZone;
    }

    @Override
    Object ofBytes(byte[] b, int offset, int length) {
      if (length != 12) {
        throw new IllegalStateException("an INT96 value has 12 bytes, got " + length);
      }
      ByteBuffer buf = ByteBuffer.wrap(b, offset, length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = buf.getLong();
      int julianDay = buf.getInt();
      LocalDateTime t = micros.localDateTime((julianDay - (long) JULIAN_EPOCH_DAY) * MICROS_PER_DAY
          + nanosOfDay / 1000L);
      return withZone ? OffsetDateTime.of(t, ZoneOffset.UTC) : t;
    }
  }

  /** Binary and fixed: ByteBuffers are mutable, so every value gets its own copy. */
  private static final class BytesConversion extends ValueConversion {
    @Override
    Object ofBytes(byte[] bytes, int offset, int length) {
      byte[] copy = new byte[length];
      System.arraycopy(bytes, offset, copy, 0, length);
      return ByteBuffer.wrap(copy);
    }

    @Override
    boolean immutable() {
      return false;
    }

    @Override
    Object copy(Object shared) {
      ByteBuffer b = (ByteBuffer) shared;
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return ByteBuffer.wrap(copy);
    }
  }
}
