package dev.floe.parquet;

import dev.floe.parquet.RecordConverters.Parent;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Converters from Parquet leaf values to Floe external values, one class per (physical type,
 * target type) pair so the per-value path has no branches on type. Dictionary entries are
 * converted once and shared (all external values but ByteBuffer are immutable).
 */
final class PrimitiveConverters {
  private PrimitiveConverters() {}

  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int JULIAN_EPOCH_DAY = 2_440_588;


  static PrimitiveConverter create(ReadPlan.PrimNode node, Parent parent, int slot) {
    PrimitiveType p = node.file();
    PrimitiveTypeName physical = p.getPrimitiveTypeName();
    Type.PrimitiveType target = node.target();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (target.kind()) {
      case BOOLEAN:
        return new BooleanConverter(parent, slot);
      case INT:
        return new IntConverter(parent, slot);
      case LONG:
        if (physical == PrimitiveTypeName.INT32) {
          boolean unsigned = node.fileType().kind() == Type.Kind.LONG;
          return unsigned ? new UnsignedIntToLongConverter(parent, slot) : new IntToLongConverter(parent, slot);
        }
        return new LongConverter(parent, slot);
      case FLOAT:
        return new FloatConverter(parent, slot);
      case DOUBLE:
        return physical == PrimitiveTypeName.FLOAT
            ? new FloatToDoubleConverter(parent, slot) : new DoubleConverter(parent, slot);
      case DECIMAL: {
        int fileScale = ((Types.DecimalType) node.fileType()).scale();
        int scale = ((Types.DecimalType) target).scale();
        return new DecimalConverter(parent, slot, physical, fileScale, scale);
      }
      case DATE:
        return new DateConverter(parent, slot);
      case TIME:
        if (physical == PrimitiveTypeName.INT32) {
          return new TimeConverter(parent, slot, 1_000_000L);
        }
        return new TimeConverter(parent, slot,
            ((LogicalTypeAnnotation.TimeLogicalTypeAnnotation) a).getUnit() == TimeUnit.NANOS ? 1L : 1000L);
      case TIMESTAMP:
      case TIMESTAMPTZ: {
        boolean tz = target.kind() == Type.Kind.TIMESTAMPTZ;
        if (physical == PrimitiveTypeName.INT96) {
          return new Int96Converter(parent, slot, tz);
        }
        TimeUnit unit = ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) a).getUnit();
        return new TimestampConverter(parent, slot, unit, tz);
      }
      case STRING:
        return new StringConverter(parent, slot);
      case UUID:
        return new UuidConverter(parent, slot);
      case BINARY:
      case FIXED:
        return new BytesConverter(parent, slot);
      default:
        throw new IllegalStateException("not a primitive: " + target);
    }
  }

  /** Base of primitive converters: converts each dictionary entry once and shares the result. */
  private abstract static class Base extends PrimitiveConverter {
    final Parent parent;
    final int slot;
    Object[] dictionary;

    Base(Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary d) {
      Object[] values = new Object[d.getMaxId() + 1];
      for (int i = 0; i < values.length; i++) {
        values[i] = decode(d, i);
      }
      dictionary = values;
    }

    @Override
    public void addValueFromDictionary(int id) {
      parent.put(slot, dictionary[id]);
    }

    abstract Object decode(Dictionary d, int id);
  }

  private static final class BooleanConverter extends PrimitiveConverter {
    private final Parent parent;
    private final int slot;

    BooleanConverter(Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
    }

    @Override
    public void addBoolean(boolean value) {
      parent.put(slot, value);
    }
  }

  private static final class IntConverter extends Base {
    IntConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, value);
    }

    @Override
    Object decode(Dictionary d, int id) {
      return d.decodeToInt(id);
    }
  }

  private static final class IntToLongConverter extends Base {
    IntToLongConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, (long) value);
    }

    @Override
    Object decode(Dictionary d, int id) {
      return (long) d.decodeToInt(id);
    }
  }

  private static final class UnsignedIntToLongConverter extends Base {
    UnsignedIntToLongConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, Integer.toUnsignedLong(value));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return Integer.toUnsignedLong(d.decodeToInt(id));
    }
  }

  private static final class LongConverter extends Base {
    LongConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addLong(long value) {
      parent.put(slot, value);
    }

    @Override
    Object decode(Dictionary d, int id) {
      return d.decodeToLong(id);
    }
  }

  private static final class FloatConverter extends Base {
    FloatConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addFloat(float value) {
      parent.put(slot, value);
    }

    @Override
    Object decode(Dictionary d, int id) {
      return d.decodeToFloat(id);
    }
  }

  private static final class FloatToDoubleConverter extends Base {
    FloatToDoubleConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addFloat(float value) {
      parent.put(slot, (double) value);
    }

    @Override
    Object decode(Dictionary d, int id) {
      return (double) d.decodeToFloat(id);
    }
  }

  private static final class DoubleConverter extends Base {
    DoubleConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addDouble(double value) {
      parent.put(slot, value);
    }

    @Override
    Object decode(Dictionary d, int id) {
      return d.decodeToDouble(id);
    }
  }

  private static final class DecimalConverter extends Base {
    private final PrimitiveTypeName physical;
    private final int fileScale;
    private final int scale;

    DecimalConverter(Parent parent, int slot, PrimitiveTypeName physical, int fileScale, int scale) {
      super(parent, slot);
      this.physical = physical;
      this.fileScale = fileScale;
      this.scale = scale;
    }

    private Object of(long unscaled) {
      BigDecimal d = BigDecimal.valueOf(unscaled, fileScale);
      return fileScale == scale ? d : d.setScale(scale);
    }

    private Object of(Binary b) {
      BigDecimal d;
      if (b.length() <= 8) {
        d = BigDecimal.valueOf(signedLong(b), fileScale);
      } else {
        d = new BigDecimal(new BigInteger(b.getBytes()), fileScale);
      }
      return fileScale == scale ? d : d.setScale(scale);
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, of(value));
    }

    @Override
    public void addLong(long value) {
      parent.put(slot, of(value));
    }

    @Override
    public void addBinary(Binary value) {
      parent.put(slot, of(value));
    }

    @Override
    Object decode(Dictionary d, int id) {
      switch (physical) {
        case INT32:
          return of(d.decodeToInt(id));
        case INT64:
          return of(d.decodeToLong(id));
        default:
          return of(d.decodeToBinary(id));
      }
    }
  }

  /** A big-endian two's complement value of at most 8 bytes. */
  private static long signedLong(Binary b) {
    ByteBuffer buf = b.toByteBuffer();
    int n = buf.remaining();
    if (n == 0) {
      return 0;
    }
    int pos = buf.position();
    long v = buf.get(pos);
    for (int i = 1; i < n; i++) {
      v = (v << 8) | (buf.get(pos + i) & 0xff);
    }
    return v;
  }

  private static final class DateConverter extends Base {
    DateConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, LocalDate.ofEpochDay(value));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return LocalDate.ofEpochDay(d.decodeToInt(id));
    }
  }

  private static final class TimeConverter extends Base {
    private final long nanosPerUnit;

    TimeConverter(Parent parent, int slot, long nanosPerUnit) {
      super(parent, slot);
      this.nanosPerUnit = nanosPerUnit;
    }

    private LocalTime of(long units) {
      // drop below-microsecond precision the way Floe stores time
      long micros = nanosPerUnit == 1 ? Math.floorDiv(units, 1000L) : units * (nanosPerUnit / 1000L);
      return LocalTime.ofNanoOfDay(micros * 1000L);
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, of(value));
    }

    @Override
    public void addLong(long value) {
      parent.put(slot, of(value));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return nanosPerUnit == 1_000_000L ? of(d.decodeToInt(id)) : of(d.decodeToLong(id));
    }
  }

  static LocalDateTime localDateTime(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }

  private static Object timestamp(long micros, boolean withZone) {
    LocalDateTime t = localDateTime(micros);
    return withZone ? OffsetDateTime.of(t, ZoneOffset.UTC) : t;
  }

  private static final class TimestampConverter extends Base {
    private final TimeUnit unit;
    private final boolean withZone;

    TimestampConverter(Parent parent, int slot, TimeUnit unit, boolean withZone) {
      super(parent, slot);
      this.unit = unit;
      this.withZone = withZone;
    }

    private Object of(long value) {
      long micros = switch (unit) {
        case MILLIS -> value * 1000L;
        case MICROS -> value;
        case NANOS -> Math.floorDiv(value, 1000L);
      };
      return timestamp(micros, withZone);
    }

    @Override
    public void addLong(long value) {
      parent.put(slot, of(value));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return of(d.decodeToLong(id));
    }
  }

  /** Legacy INT96 timestamps: 8 bytes nanos of day then 4 bytes Julian day, little-endian. */
  private static final class Int96Converter extends Base {
    private final boolean withZone;

    Int96Converter(Parent parent, int slot, boolean withZone) {
      super(parent, slot);
      this.withZone = withZone;
    }

    private Object of(Binary b) {
      ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = buf.getLong();
      int julianDay = buf.getInt();
      long micros = (julianDay - (long) JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanosOfDay / 1000L;
      return timestamp(micros, withZone);
    }

    @Override
    public void addBinary(Binary value) {
      parent.put(slot, of(value));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return of(d.decodeToBinary(id));
    }
  }

  private static final class StringConverter extends Base {
    StringConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addBinary(Binary value) {
      parent.put(slot, value.toStringUsingUTF8());
    }

    @Override
    Object decode(Dictionary d, int id) {
      return d.decodeToBinary(id).toStringUsingUTF8();
    }
  }

  private static final class UuidConverter extends Base {
    UuidConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addBinary(Binary value) {
      parent.put(slot, FooterStats.uuid(value.getBytes()));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return FooterStats.uuid(d.decodeToBinary(id).getBytes());
    }
  }

  /** Binary and fixed: ByteBuffers are mutable, so every value gets its own copy. */
  private static final class BytesConverter extends Base {
    BytesConverter(Parent parent, int slot) {
      super(parent, slot);
    }

    @Override
    public void addBinary(Binary value) {
      parent.put(slot, ByteBuffer.wrap(value.getBytes()));
    }

    @Override
    Object decode(Dictionary d, int id) {
      return d.decodeToBinary(id).getBytes();
    }

    @Override
    public void addValueFromDictionary(int id) {
      parent.put(slot, ByteBuffer.wrap(((byte[]) dictionary[id]).clone()));
    }
  }
}
