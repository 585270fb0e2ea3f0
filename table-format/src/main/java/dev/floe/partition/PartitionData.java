package dev.floe.partition;

import java.util.Arrays;

/**
 * The partition tuple of one data file: one value per partition field, in spec order, in internal
 * representation; null where the value is null. Immutable.
 */
public final class PartitionData {
  private static final PartitionData EMPTY = new PartitionData(new Object[0]);
  private final Object[] values;

  private PartitionData(Object[] values) {
    this.values = values;
  }

  public static PartitionData empty() {
    return EMPTY;
  }

  public static PartitionData of(Object... values) {
    return values.length == 0 ? EMPTY : new PartitionData(values.clone());
  }

  public int size() {
    return values.length;
  }

  public Object get(int position) {
    return values[position];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartitionData p && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
