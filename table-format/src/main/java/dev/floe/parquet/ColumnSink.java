package dev.floe.parquet;

/**
 * Receives the values of one column for the rows of a batch from {@link ColumnBatchReader}, in
 * Floe's internal representation rather than as boxed objects: boolean, int and long as they are,
 * float and double, date as days since 1970-01-01 ({@code putInt}), timestamp and timestamptz as
 * microseconds since the epoch ({@code putLong}), string as its UTF-8 bytes and binary as its bytes
 * ({@code putBytes}). Every row of the batch gets exactly one call. An engine implements it over
 * its own column vectors.
 */
public interface ColumnSink {
  void putNull(int row);

  /** Rows {@code row .. row+count-1} are null. */
  default void putNulls(int row, int count) {
    for (int i = 0; i < count; i++) {
      putNull(row + i);
    }
  }

  void putBoolean(int row, boolean value);

  void putInt(int row, int value);

  void putLong(int row, long value);

  void putFloat(int row, float value);

  void putDouble(int row, double value);

  /** The value is {@code length} bytes of {@code bytes} from {@code offset}; copy them, they are not kept. */
  void putBytes(int row, byte[] bytes, int offset, int length);
}
