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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Splits Floe records into Parquet column values with their repetition and definition levels,
 * written straight into the column chunk writers (no record-consumer event layer in between). A row is
 * first checked completely ({@link #validate}) and only then written, so a bad value never leaves
 * half a row in the column buffers.
 */
final class RecordShredder {
  private static final int MAX_MICROS_YEAR = 290_000;

  private final MessageType parquetSchema;
  private final String[] names;
  private final boolean[] required;
  private final Node[] nodes;
  private final List<Leaf> leaves = new ArrayList<>();
  private final Map<Integer, FooterStats.FloatingTracker> floating = new HashMap<>();

  RecordShredder(Schema schema, MessageType parquetSchema) {
    this.parquetSchema = parquetSchema;
    List<NestedField> columns = schema.columns();
    this.names = new String[columns.size()];
    this.required = new boolean[columns.size()];
    this.nodes = new Node[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      NestedField f = columns.get(i);
      names[i] = f.name();
      required[i] = f.required();
      nodes[i] = node(f.id(), f.type(), new String[] {f.name()}, f.name());
    }
  }

  /** NaN counts and NaN-free bounds of each float and double column, by field id. */
  Map<Integer, FooterStats.FloatingTracker> floatingTrackers() {
    return floating;
  }

  /** Points every leaf at its column writer for a new row group. */
  void bind(Map<ColumnDescriptor, ColumnChunkWriter> writers) {
    for (Leaf leaf : leaves) {
      leaf.out = writers.get(leaf.column);
    }
  }

  /** Throws InvalidInputException naming the column if the row cannot be written. */
  void validate(Record row) {
    if (row == null) {
      throw new InvalidInputException("record", "row must not be null");
    }
    if (row.size() != nodes.length) {
      throw new InvalidInputException("record", "expected " + nodes.length + " values, got " + row.size());
    }
    for (int i = 0; i < nodes.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        if (required[i]) {
          throw new InvalidInputException(names[i], "null in a required column");
        }
      } else {
        nodes[i].validate(v);
      }
    }
  }

  /** Writes a row that passed {@link #validate}; the caller ends the record in the store. */
  void write(Record row) {
    for (int i = 0; i < nodes.length; i++) {
      Object v = row.get(i);
      if (v != null) {
        nodes[i].write(v, 0);
      } else {
        nodes[i].writeNull(0, 0);
      }
    }
  }

  // ---- nodes --------------------------------------------------------------------------------

  /** One field of the schema: checks a value, then writes it (or its absence) to its leaves. */
  private abstract static class Node {
    final String path;

    Node(String path) {
      this.path = path;
    }

    abstract void validate(Object v);

    /** Writes a non-null value starting at repetition level {@code rl}. */
    abstract void write(Object v, int rl);

    /** Marks the value absent: every leaf below gets a null defined up to level {@code dl}. */
    abstract void writeNull(int rl, int dl);

    final InvalidInputException wrongType(Object v, String expected) {
      return new InvalidInputException(path, "expected " + expected + ", got "
          + v.getClass().getName() + " (" + abbreviate(v) + ")");
    }
  }

  private static String abbreviate(Object v) {
    String s = String.valueOf(v);
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** A primitive column: writes values at its full definition level. */
  private abstract static class Leaf extends Node {
    final ColumnDescriptor column;
    final int level;
    ColumnChunkWriter out;

    Leaf(String path, ColumnDescriptor column) {
      super(path);
      this.column = column;
      this.level = column.getMaxDefinitionLevel();
    }

    @Override
    final void writeNull(int rl, int dl) {
      out.writeNull(rl, dl);
    }
  }

  private Node node(int id, Type type, String[] parquetPath, String path) {
    switch (type.kind()) {
      case STRUCT:
        return new StructNode(path, parquetPath, (Types.StructType) type);
      case LIST:
        return new ListNode(path, parquetPath, (Types.ListType) type);
      case MAP:
        return new MapNode(path, parquetPath, (Types.MapType) type);
      default:
        Leaf leaf = leaf(id, (Type.PrimitiveType) type, parquetSchema.getColumnDescription(parquetPath), path);
        leaves.add(leaf);
        return leaf;
    }
  }

  private static String[] child(String[] parent, String name) {
    String[] p = java.util.Arrays.copyOf(parent, parent.length + 1);
    p[parent.length] = name;
    return p;
  }

  private Leaf leaf(int id, Type.PrimitiveType type, ColumnDescriptor c, String path) {
    switch (type.kind()) {
      case BOOLEAN:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof Boolean)) {
              throw wrongType(v, "Boolean");
            }
          }

          void write(Object v, int rl) {
            out.write((Boolean) v, rl, level);
          }
        };
      case INT:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof Integer)) {
              throw wrongType(v, "Integer");
            }
          }

          void write(Object v, int rl) {
            out.write((int) (Integer) v, rl, level);
          }
        };
      case LONG:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof Long)) {
              throw wrongType(v, "Long");
            }
          }

          void write(Object v, int rl) {
            out.write((long) (Long) v, rl, level);
          }
        };
      case FLOAT: {
        FooterStats.FloatingTracker tracker = new FooterStats.FloatingTracker(true);
        floating.put(id, tracker);
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof Float)) {
              throw wrongType(v, "Float");
            }
          }

          void write(Object v, int rl) {
            float f = (Float) v;
            tracker.add(f);
            out.write(f, rl, level);
          }
        };
      }
      case DOUBLE: {
        FooterStats.FloatingTracker tracker = new FooterStats.FloatingTracker(false);
        floating.put(id, tracker);
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof Double)) {
              throw wrongType(v, "Double");
            }
          }

          void write(Object v, int rl) {
            double d = (Double) v;
            tracker.add(d);
            out.write(d, rl, level);
          }
        };
      }
      case DECIMAL:
        return new DecimalLeaf(path, c, (Types.DecimalType) type);
      case DATE:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof LocalDate d)) {
              throw wrongType(v, "LocalDate");
            }
            long days = d.toEpochDay();
            if (days != (int) days) {
              throw new InvalidInputException(path, "date out of range: " + d);
            }
          }

          void write(Object v, int rl) {
            out.write((int) ((LocalDate) v).toEpochDay(), rl, level);
          }
        };
      case TIME:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof LocalTime)) {
              throw wrongType(v, "LocalTime");
            }
          }

          void write(Object v, int rl) {
            out.write(((LocalTime) v).toNanoOfDay() / 1000L, rl, level);
          }
        };
      case TIMESTAMP:
        return new TimestampLeaf(path, c);
      case TIMESTAMPTZ:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof OffsetDateTime t)) {
              throw wrongType(v, "OffsetDateTime");
            }
            if (Math.abs(t.getYear()) > MAX_MICROS_YEAR) {
              throw new InvalidInputException(path, "timestamp out of range: " + t);
            }
          }

          void write(Object v, int rl) {
            OffsetDateTime t = (OffsetDateTime) v;
            out.write(t.toEpochSecond() * 1_000_000L + t.getNano() / 1000, rl, level);
          }
        };
      case STRING:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof String)) {
              throw wrongType(v, "String");
            }
          }

          void write(Object v, int rl) {
            // array-backed binaries hash and compare faster in the dictionary and statistics
            out.write(Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)), rl, level);
          }
        };
      case UUID:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof UUID)) {
              throw wrongType(v, "UUID");
            }
          }

          void write(Object v, int rl) {
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
            out.write(Binary.fromConstantByteArray(b), rl, level);
          }
        };
      case BINARY:
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof ByteBuffer)) {
              throw wrongType(v, "ByteBuffer");
            }
          }

          void write(Object v, int rl) {
            out.write(bytes((ByteBuffer) v), rl, level);
          }
        };
      case FIXED: {
        int length = ((Types.FixedType) type).length();
        return new Leaf(path, c) {
          void validate(Object v) {
            if (!(v instanceof ByteBuffer b)) {
              throw wrongType(v, "ByteBuffer");
            }
            if (b.remaining() != length) {
              throw new InvalidInputException(path, "expected " + length + " bytes, got " + b.remaining());
            }
          }

          void write(Object v, int rl) {
            out.write(bytes((ByteBuffer) v), rl, level);
          }
        };
      }
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
  }

  /**
   * A copy of the buffer's remaining bytes: the dictionary and the statistics keep the values
   * they are given, and the caller may reuse its buffer after the row is written.
   */
  private static Binary bytes(ByteBuffer b) {
    byte[] copy = new byte[b.remaining()];
    b.duplicate().get(copy);
    return Binary.fromConstantByteArray(copy);
  }

  /**
   * Timestamps without zone: the epoch day of the date is computed once per distinct date seen in
   * a row (rows usually arrive in time order), the rest is arithmetic on the time of day.
   */
  private static final class TimestampLeaf extends Leaf {
    private LocalDate lastDate;
    private long lastDayMicros;

    TimestampLeaf(String path, ColumnDescriptor c) {
      super(path, c);
    }

    @Override
    void validate(Object v) {
      if (!(v instanceof LocalDateTime t)) {
        throw wrongType(v, "LocalDateTime");
      }
      if (Math.abs(t.getYear()) > MAX_MICROS_YEAR) {
        throw new InvalidInputException(path, "timestamp out of range: " + t);
      }
    }

    @Override
    void write(Object v, int rl) {
      LocalDateTime t = (LocalDateTime) v;
      LocalDate date = t.toLocalDate();
      if (!date.equals(lastDate)) {
        lastDayMicros = date.toEpochDay() * 86_400_000_000L;
        lastDate = date;
      }
      LocalTime time = t.toLocalTime();
      long micros = lastDayMicros + time.toSecondOfDay() * 1_000_000L + time.getNano() / 1000;
      out.write(micros, rl, level);
    }
  }

  private static final class DecimalLeaf extends Leaf {
    private final int precision;
    private final int scale;
    private final int fixedLength;

    DecimalLeaf(String path, ColumnDescriptor c, Types.DecimalType type) {
      super(path, c);
      this.precision = type.precision();
      this.scale = type.scale();
      this.fixedLength = precision > 18 ? ParquetSchemas.decimalBytes(precision) : 0;
    }

    @Override
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

    @Override
    void write(Object v, int rl) {
      BigDecimal d = (BigDecimal) v;
      if (d.scale() != scale) {
        d = d.setScale(scale, RoundingMode.UNNECESSARY);
      }
      if (precision <= 9) {
        out.write(d.unscaledValue().intValue(), rl, level);
      } else if (precision <= 18) {
        out.write(d.unscaledValue().longValue(), rl, level);
      } else {
        byte[] raw = d.unscaledValue().toByteArray();
        byte[] bytes = new byte[fixedLength];
        byte pad = (byte) (raw[0] < 0 ? 0xff : 0);
        int offset = fixedLength - raw.length;
        for (int i = 0; i < offset; i++) {
          bytes[i] = pad;
        }
        System.arraycopy(raw, 0, bytes, offset, raw.length);
        out.write(Binary.fromConstantByteArray(bytes), rl, level);
      }
    }
  }

  private final class StructNode extends Node {
    private final String[] names;
    private final boolean[] required;
    private final Node[] children;
    /** Definition level of a present struct. */
    private final int level;

    StructNode(String path, String[] parquetPath, Types.StructType struct) {
      super(path);
      this.level = parquetSchema.getMaxDefinitionLevel(parquetPath);
      List<NestedField> fields = struct.fields();
      names = new String[fields.size()];
      required = new boolean[fields.size()];
      children = new Node[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        NestedField f = fields.get(i);
        names[i] = f.name();
        required[i] = f.required();
        children[i] = node(f.id(), f.type(), child(parquetPath, f.name()), path + "." + f.name());
      }
    }

    @Override
    void validate(Object v) {
      if (!(v instanceof Record r)) {
        throw wrongType(v, "Record");
      }
      if (r.size() != children.length) {
        throw new InvalidInputException(path, "expected a struct of " + children.length + " values, got " + r.size());
      }
      for (int i = 0; i < children.length; i++) {
        Object value = r.get(i);
        if (value == null) {
          if (required[i]) {
            throw new InvalidInputException(path + "." + names[i], "null in a required field");
          }
        } else {
          children[i].validate(value);
        }
      }
    }

    @Override
    void write(Object v, int rl) {
      Record r = (Record) v;
      for (int i = 0; i < children.length; i++) {
        Object value = r.get(i);
        if (value != null) {
          children[i].write(value, rl);
        } else {
          children[i].writeNull(rl, level);
        }
      }
    }

    @Override
    void writeNull(int rl, int dl) {
      for (Node c : children) {
        c.writeNull(rl, dl);
      }
    }
  }

  private final class ListNode extends Node {
    private final boolean elementRequired;
    private final Node element;
    /** Definition level of a present (possibly empty) list. */
    private final int level;
    /** Repetition level of the second and later elements. */
    private final int repeat;

    ListNode(String path, String[] parquetPath, Types.ListType list) {
      super(path);
      String[] repeated = child(parquetPath, "list");
      this.level = parquetSchema.getMaxDefinitionLevel(parquetPath);
      this.repeat = parquetSchema.getMaxRepetitionLevel(repeated);
      this.elementRequired = list.elementRequired();
      this.element = node(list.elementId(), list.elementType(), child(repeated, "element"), path + ".element");
    }

    @Override
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

    @Override
    void write(Object v, int rl) {
      List<?> list = (List<?>) v;
      if (list.isEmpty()) {
        element.writeNull(rl, level);
        return;
      }
      int r = rl;
      for (Object e : list) {
        if (e != null) {
          element.write(e, r);
        } else {
          element.writeNull(r, level + 1);
        }
        r = repeat;
      }
    }

    @Override
    void writeNull(int rl, int dl) {
      element.writeNull(rl, dl);
    }
  }

  private final class MapNode extends Node {
    private final boolean valueRequired;
    private final Node key;
    private final Node value;
    private final int level;
    private final int repeat;

    MapNode(String path, String[] parquetPath, Types.MapType map) {
      super(path);
      String[] repeated = child(parquetPath, "key_value");
      this.level = parquetSchema.getMaxDefinitionLevel(parquetPath);
      this.repeat = parquetSchema.getMaxRepetitionLevel(repeated);
      this.valueRequired = map.valueRequired();
      this.key = node(map.keyId(), map.keyType(), child(repeated, "key"), path + ".key");
      this.value = node(map.valueId(), map.valueType(), child(repeated, "value"), path + ".value");
    }

    @Override
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

    @Override
    void write(Object v, int rl) {
      Map<?, ?> map = (Map<?, ?>) v;
      if (map.isEmpty()) {
        key.writeNull(rl, level);
        value.writeNull(rl, level);
        return;
      }
      int r = rl;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        key.write(e.getKey(), r);
        if (e.getValue() != null) {
          value.write(e.getValue(), r);
        } else {
          value.writeNull(r, level + 1);
        }
        r = repeat;
      }
    }

    @Override
    void writeNull(int rl, int dl) {
      key.writeNull(rl, dl);
      value.writeNull(rl, dl);
    }
  }
}
