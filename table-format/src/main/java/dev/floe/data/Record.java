package dev.floe.data;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Types.StructType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A row (or nested struct value) in Floe's generic data model. Immutable. Values use these Java
 * types: boolean Boolean, int Integer, long Long, float Float, double Double, decimal BigDecimal,
 * date LocalDate, time LocalTime, timestamp LocalDateTime, timestamptz OffsetDateTime (UTC),
 * string String, uuid UUID, binary and fixed ByteBuffer, struct Record, list List, map Map;
 * null for a missing value.
 */
public final class Record {
  private final StructType struct;
  private final Object[] values;

  private Record(StructType struct, Object[] values) {
    this.struct = struct;
    this.values = values;
  }

  /** A record with values in the struct's field order. The array is copied. */
  public static Record of(StructType struct, Object... values) {
    if (values.length != struct.fields().size()) {
      throw new InvalidInputException("record", "expected " + struct.fields().size()
          + " values for " + struct + ", got " + values.length);
    }
    return new Record(struct, values.clone());
  }

  /** Wraps an array the caller promises not to change again (readers use this). */
  public static Record wrap(StructType struct, Object[] values) {
    return new Record(struct, values);
  }

  public static Builder builder(StructType struct) {
    return new Builder(struct);
  }

  public StructType struct() {
    return struct;
  }

  public int size() {
    return values.length;
  }

  public Object get(int position) {
    return values[position];
  }

  public <T> T get(int position, Class<T> javaClass) {
    return javaClass.cast(values[position]);
  }

  /** The value of the top-level field with this name. */
  public Object get(String name) {
    return values[position(name)];
  }

  private int position(String name) {
    List<NestedField> fields = struct.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new InvalidInputException(name, "unknown field of " + struct);
  }

  /** A copy with one value replaced. */
  public Record with(String name, Object value) {
    Object[] copy = values.clone();
    copy[position(name)] = value;
    return new Record(struct, copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r && r.struct.equals(struct) && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(struct, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    List<NestedField> fields = struct.fields();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(fields.get(i).name()).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }

  /** Builds a record field by field; unset fields are null. */
  public static final class Builder {
    private final StructType struct;
    private final Object[] values;

    private Builder(StructType struct) {
      this.struct = struct;
      this.values = new Object[struct.fields().size()];
    }

    public Builder set(String name, Object value) {
      List<NestedField> fields = struct.fields();
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(name)) {
          values[i] = value;
          return this;
        }
      }
      throw new InvalidInputException(name, "unknown field of " + struct);
    }

    public Builder set(int position, Object value) {
      values[position] = value;
      return this;
    }

    public Record build() {
      return new Record(struct, values.clone());
    }
  }
}
