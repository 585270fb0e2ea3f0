package dev.floe.parquet;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Floe records straight into Parquet's record consumer through a tree of value writers
 * built once from the schema. A row is first checked completely ({@link #validate}) and only then
 * written, so a bad value never leaves half a row in the column buffers.
 */
final class RecordWriteSupport extends WriteSupport<Record> {
  private static final int MAX_MICROS_YEAR = 290_000;

  private final MessageType parquetSchema;
  private final String[] names;
  private final boolean[] required;
  private final ValueWriter[] writers;
  private final Map<Integer, FooterStats.FloatingTracker> floating = new HashMap<>();
  private RecordConsumer consumer;

  RecordWriteSupport(Schema schema, MessageType parquetSchema) {
    this.parquetSchema = parquetSchema;
    List<NestedField> columns = schema.columns();
    this.names = new String[columns.size()];
    this.required = new boolean[columns.size()];
    this.writers = new ValueWriter[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      NestedField f = columns.get(i);
      names[i] = f.name();
      required[i] = f.required();
      writers[i] = writer(f.id(), f.type(), f.name());
    }
  }

  /** NaN counts and NaN-free bounds of each float and double column, by field id. */
  Map<Integer, FooterStats.FloatingTracker> floatingTrackers() {
    return floating;
  }

  @Override
  @SuppressWarnings("deprecation") // abstract in parquet-java, so it must be implemented
  public WriteContext init(Configuration configuration) {
    return new WriteContext(parquetSchema, Map.of());
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(parquetSchema, Map.of());
  }

  @Override
  public String getName() {
    return "floe";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  /** Throws InvalidInputException naming the column if the row cannot be written. */
  void validate(Record row) {
    if (row == null) {
      throw new InvalidInputException("record", "row must not be null");
    }
    if (row.size() != writers.length) {
      throw new InvalidInputException("record", "expected " + writers.length + " values, got " + row.size());
    }
    for (int i = 0; i < writers.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        if (required[i]) {
          throw new InvalidInputException(names[i], "null in a required column");
        }
      } else {
        writers[i].validate(v);
      }
    }
  }

  @Override
  public void write(Record row) {
    RecordConsumer rc = consumer;
    rc.startMessage();
    for (int i = 0; i < writers.length; i++) {
      Object v = row.get(i);
      if (v != null) {
        rc.startField(names[i], i);
        writers[i].write(rc, v);
        rc.endField(names[i], i);
      }
    }
    rc.endMessage();
  }

  // ---- value writers ------------------------------------------------------------------------

  /** Writes one non-null value of a field; {@link #validate} first, then {@link #write}. */
  private abstract static class ValueWriter {
    final String path;

    ValueWriter(String path) {
      this.path = path;
    }

    abstract void validate(Object v);

    abstract void write(RecordConsumer rc, Object v);

    final InvalidInputException wrongType(Object v, String expected) {
      return new InvalidInputException(path, "expected " + expected + ", got "
          + v.getClass().getName() + " (" + abbreviate(v) + ")");
    }
  }

  private static String abbreviate(Object v) {
    String s = String.valueOf(v);
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private ValueWriter writer(int id, Type type, String path) {
    switch (type.kind()) {
      case BOOLEAN:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof Boolean)) {
              throw wrongType(v, "Boolean");
            }
          }

          void write(RecordConsumer rc, Object v) {
            rc.addBoolean((Boolean) v);
          }
        };
      case INT:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof Integer)) {
              throw wrongType(v, "Integer");
            }
          }

          void write(RecordConsumer rc, Object v) {
            rc.addInteger((Integer) v);
          }
        };
      case LONG:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof Long)) {
              throw wrongType(v, "Long");
            }
          }

          void write(RecordConsumer rc, Object v) {
            rc.addLong((Long) v);
          }
        };
      case FLOAT: {
        FooterStats.FloatingTracker tracker = new FooterStats.FloatingTracker(true);
        floating.put(id, tracker);
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof Float)) {
              throw wrongType(v, "Float");
            }
          }

          void write(RecordConsumer rc, Object v) {
            float f = (Float) v;
            tracker.add(f);
            rc.addFloat(f);
          }
        };
      }
      case DOUBLE: {
        FooterStats.FloatingTracker tracker = new FooterStats.FloatingTracker(false);
        floating.put(id, tracker);
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof Double)) {
              throw wrongType(v, "Double");
            }
          }

          void write(RecordConsumer rc, Object v) {
            double d = (Double) v;
            tracker.add(d);
            rc.addDouble(d);
          }
        };
      }
      case DECIMAL:
        return new DecimalWriter(path, (Types.DecimalType) type);
      case DATE:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof LocalDate d)) {
              throw wrongType(v, "LocalDate");
            }
            long days = d.toEpochDay();
            if (days != (int) days) {
              throw new InvalidInputException(path, "date out of range: " + d);
            }
          }

          void write(RecordConsumer rc, Object v) {
            rc.addInteger((int) ((LocalDate) v).toEpochDay());
          }
        };
      case TIME:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof LocalTime)) {
              throw wrongType(v, "LocalTime");
            }
          }

          void write(RecordConsumer rc, Object v) {
            rc.addLong(((LocalTime) v).toNanoOfDay() / 1000L);
          }
        };
      case TIMESTAMP:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof LocalDateTime t)) {
              throw wrongType(v, "LocalDateTime");
            }
            if (Math.abs(t.getYear()) > MAX_MICROS_YEAR) {
              throw new InvalidInputException(path, "timestamp out of range: " + t);
            }
          }

          void write(RecordConsumer rc, Object v) {
            LocalDateTime t = (LocalDateTime) v;
            rc.addLong(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000);
          }
        };
      case TIMESTAMPTZ:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof OffsetDateTime t)) {
              throw wrongType(v, "OffsetDateTime");
            }
            if (Math.abs(t.getYear()) > MAX_MICROS_YEAR) {
              throw new InvalidInputException(path, "timestamp out of range: " + t);
            }
          }

          void write(RecordConsumer rc, Object v) {
            OffsetDateTime t = (OffsetDateTime) v;
            rc.addLong(t.toEpochSecond() * 1_000_000L + t.getNano() / 1000);
          }
        };
      case STRING:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof String)) {
              throw wrongType(v, "String");
            }
          }

          void write(RecordConsumer rc, Object v) {
            // array-backed binaries hash and compare faster in the dictionary and statistics
            rc.addBinary(Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)));
          }
        };
      case UUID:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof UUID)) {
              throw wrongType(v, "UUID");
            }
          }

          void write(RecordConsumer rc, Object v) {
            UUID u = (UUID) v;
            byte[] b = new byte[16];
            long msb = u.getMostSignificantBits();
            long lsb = u.getLeastSignificantBits();
            for (int i = 7; i >= 0; i--) {
              b[i] = (byte) msb;
              b[i + 8] = (byte) lsb;
              msb >>>= 8;
              lsb >>>= 8;
            }
            rc.addBinary(Binary.fromConstantByteArray(b));
          }
        };
      case BINARY:
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof ByteBuffer)) {
              throw wrongType(v, "ByteBuffer");
            }
          }

          void write(RecordConsumer rc, Object v) {
            ByteBuffer b = (ByteBuffer) v;
            rc.addBinary(Binary.fromReusedByteBuffer(b, b.position(), b.remaining()));
          }
        };
      case FIXED: {
        int length = ((Types.FixedType) type).length();
        return new ValueWriter(path) {
          void validate(Object v) {
            if (!(v instanceof ByteBuffer b)) {
              throw wrongType(v, "ByteBuffer");
            }
            if (b.remaining() != length) {
              throw new InvalidInputException(path, "expected " + length + " bytes, got " + b.remaining());
            }
          }

          void write(RecordConsumer rc, Object v) {
            ByteBuffer b = (ByteBuffer) v;
            rc.addBinary(Binary.fromReusedByteBuffer(b, b.position(), b.remaining()));
          }
        };
      }
      case STRUCT:
        return new StructWriter(path, (Types.StructType) type);
      case LIST:
        return new ListWriter(path, (Types.ListType) type);
      case MAP:
        return new MapWriter(path, (Types.MapType) type);
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
  }

  private static final class DecimalWriter extends ValueWriter {
    private final int precision;
    private final int scale;
    private final int fixedLength;

    DecimalWriter(String path, Types.DecimalType type) {
      super(path);
      this.precision = type.precision();
      this.scale = type.scale();
      this.fixedLength = precision > 18 ? ParquetSchemas.decimalBytes(precision) : 0;
    }

    void validate(Object v) {
      if (!(v instanceof BigDecimal d)) {
        throw wrongType(v, "BigDecimal");
      }
      BigDecimal scaled;
      try {
        scaled = d.scale() == scale ? d : d.setScale(scale, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new InvalidInputException(path, d + " does not fit scale " + scale + " without rounding");
      }
      if (scaled.precision() > precision) {
        throw new InvalidInputException(path, d + " has more than " + precision + " digits");
      }
    }

    void write(RecordConsumer rc, Object v) {
      BigDecimal d = (BigDecimal) v;
      if (d.scale() != scale) {
        d = d.setScale(scale, RoundingMode.UNNECESSARY);
      }
      if (precision <= 9) {
        rc.addInteger(d.unscaledValue().intValue());
      } else if (precision <= 18) {
        rc.addLong(d.unscaledValue().longValue());
      } else {
        byte[] raw = d.unscaledValue().toByteArray();
        byte[] out = new byte[fixedLength];
        byte pad = (byte) (raw[0] < 0 ? 0xff : 0);
        int offset = fixedLength - raw.length;
        for (int i = 0; i < offset; i++) {
          out[i] = pad;
        }
        System.arraycopy(raw, 0, out, offset, raw.length);
        rc.addBinary(Binary.fromConstantByteArray(out));
      }
    }
  }

  private final class StructWriter extends ValueWriter {
    private final String[] names;
    private final boolean[] required;
    private final ValueWriter[] writers;

    StructWriter(String path, Types.StructType struct) {
      super(path);
      List<NestedField> fields = struct.fields();
      names = new String[fields.size()];
      required = new boolean[fields.size()];
      writers = new ValueWriter[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        NestedField f = fields.get(i);
        names[i] = f.name();
        required[i] = f.required();
        writers[i] = writer(f.id(), f.type(), path + "." + f.name());
      }
    }

    void validate(Object v) {
      if (!(v instanceof Record r)) {
        throw wrongType(v, "Record");
      }
      if (r.size() != writers.length) {
        throw new InvalidInputException(path, "expected a struct of " + writers.length + " values, got " + r.size());
      }
      for (int i = 0; i < writers.length; i++) {
        Object value = r.get(i);
        if (value == null) {
          if (required[i]) {
            throw new InvalidInputException(path + "." + names[i], "null in a required field");
          }
        } else {
          writers[i].validate(value);
        }
      }
    }

    void write(RecordConsumer rc, Object v) {
      Record r = (Record) v;
      rc.startGroup();
      for (int i = 0; i < writers.length; i++) {
        Object value = r.get(i);
        if (value != null) {
          rc.startField(names[i], i);
          writers[i].write(rc, value);
          rc.endField(names[i], i);
        }
      }
      rc.endGroup();
    }
  }

  private final class ListWriter extends ValueWriter {
    private final boolean elementRequired;
    private final ValueWriter element;

    ListWriter(String path, Types.ListType list) {
      super(path);
      this.elementRequired = list.elementRequired();
      this.element = writer(list.elementId(), list.elementType(), path + ".element");
    }

    void validate(Object v) {
      if (!(v instanceof List<?> list)) {
        throw wrongType(v, "List");
      }
      for (Object e : list) {
        if (e == null) {
          if (elementRequired) {
            throw new InvalidInputException(element.path, "null element in a list of required elements");
          }
        } else {
          element.validate(e);
        }
      }
    }

    void write(RecordConsumer rc, Object v) {
      List<?> list = (List<?>) v;
      rc.startGroup();
      if (!list.isEmpty()) {
        rc.startField("list", 0);
        for (Object e : list) {
          rc.startGroup();
          if (e != null) {
            rc.startField("element", 0);
            element.write(rc, e);
            rc.endField("element", 0);
          }
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
    }
  }

  private final class MapWriter extends ValueWriter {
    private final boolean valueRequired;
    private final ValueWriter key;
    private final ValueWriter value;

    MapWriter(String path, Types.MapType map) {
      super(path);
      this.valueRequired = map.valueRequired();
      this.key = writer(map.keyId(), map.keyType(), path + ".key");
      this.value = writer(map.valueId(), map.valueType(), path + ".value");
    }

    void validate(Object v) {
      if (!(v instanceof Map<?, ?> map)) {
        throw wrongType(v, "Map");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getKey() == null) {
          throw new InvalidInputException(key.path, "null map key");
        }
        key.validate(e.getKey());
        if (e.getValue() == null) {
          if (valueRequired) {
            throw new InvalidInputException(value.path, "null value in a map of required values");
          }
        } else {
          value.validate(e.getValue());
        }
      }
    }

    void write(RecordConsumer rc, Object v) {
      Map<?, ?> map = (Map<?, ?>) v;
      rc.startGroup();
      if (!map.isEmpty()) {
        rc.startField("key_value", 0);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          rc.startGroup();
          rc.startField("key", 0);
          key.write(rc, e.getKey());
          rc.endField("key", 0);
          if (e.getValue() != null) {
            rc.startField("value", 1);
            value.write(rc, e.getValue());
            rc.endField("value", 1);
          }
          rc.endGroup();
        }
        rc.endField("key_value", 0);
      }
      rc.endGroup();
    }
  }
}
