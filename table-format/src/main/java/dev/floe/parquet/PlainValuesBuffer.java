package dev.floe.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * PLAIN-encoded values written straight into one growable array (little-endian stores, no
 * stream layers). Replaces parquet-java's plain writer behind the dictionary writers, which is
 * where every value of a high-cardinality column ends up.
 */
final class PlainValuesBuffer extends ValuesWriter {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int INITIAL_SIZE = 16 * 1024;

  private byte[] buffer = new byte[INITIAL_SIZE];
  private int size;

  /**
   * The values writers Floe uses for data page v1: parquet-java's own choices (dictionary first,
   * falling back to plain), with this buffer as the plain writer for non-boolean columns, and an
   * early fall-back for nearly unique columns ({@link #nearlyUnique}).
   */
  static ValuesWriterFactory factory() {
    return new ValuesWriterFactory() {
      private final DefaultV1ValuesWriterFactory defaults = new DefaultV1ValuesWriterFactory();
      private ParquetProperties props;

      @Override
      public void initialize(ParquetProperties properties) {
        this.props = properties;
        defaults.initialize(properties);
      }

      @Override
      public ValuesWriter newValuesWriter(ColumnDescriptor column) {
        boolean dictionary = props.isDictionaryEnabled(column);
        int max = props.getDictionaryPageSizeThreshold();
        Encoding enc = Encoding.PLAIN_DICTIONARY;
        var allocator = props.getAllocator();
        switch (column.getPrimitiveType().getPrimitiveTypeName()) {
          case INT32:
            return dictionary
                ? FallbackValuesWriter.of(new DictionaryValuesWriter.PlainIntegerDictionaryValuesWriter(max, enc, enc,
                    allocator) {
                  @Override
                  public boolean shouldFallBack() {
                    return super.shouldFallBack() || firstPage && nearlyUnique(encodedValues.size(), getDictionarySize());
                  }
                }, new PlainValuesBuffer())
                : new PlainValuesBuffer();
          case INT64:
            return dictionary
                ? FallbackValuesWriter.of(new DictionaryValuesWriter.PlainLongDictionaryValuesWriter(max, enc, enc,
                    allocator) {
                  @Override
                  public boolean shouldFallBack() {
                    return super.shouldFallBack() || firstPage && nearlyUnique(encodedValues.size(), getDictionarySize());
                  }
                }, new PlainValuesBuffer())
                : new PlainValuesBuffer();
          case FLOAT:
            return dictionary
                ? FallbackValuesWriter.of(new DictionaryValuesWriter.PlainFloatDictionaryValuesWriter(max, enc, enc,
                    allocator) {
                  @Override
                  public boolean shouldFallBack() {
                    return super.shouldFallBack() || firstPage && nearlyUnique(encodedValues.size(), getDictionarySize());
                  }
                }, new PlainValuesBuffer())
                : new PlainValuesBuffer();
          case DOUBLE:
            return dictionary
                ? FallbackValuesWriter.of(new DictionaryValuesWriter.PlainDoubleDictionaryValuesWriter(max, enc, enc,
                    allocator) {
                  @Override
                  public boolean shouldFallBack() {
                    return super.shouldFallBack() || firstPage && nearlyUnique(encodedValues.size(), getDictionarySize());
                  }
                }, new PlainValuesBuffer())
                : new PlainValuesBuffer();
          case BINARY:
            return dictionary
                ? FallbackValuesWriter.of(new DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter(max, enc, enc,
                    allocator) {
                  @Override
                  public boolean shouldFallBack() {
                    return super.shouldFallBack() || firstPage && nearlyUnique(encodedValues.size(), getDictionarySize());
                  }
                }, new PlainValuesBuffer())
                : new PlainValuesBuffer();
          default:
            return defaults.newValuesWriter(column);
        }
      }
    };
  }

  /** Values a column chunk's first page holds before its cardinality is judged. */
  static final int CARDINALITY_PROBE = 4096;

  /**
   * Whether a column chunk's first values are so nearly all distinct that a dictionary cannot pay
   * for itself. parquet-java would find that out only when the first page is cut (after about a
   * megabyte of values, each hashed into a dictionary that is then thrown away); at more than 80%
   * distinct the dictionary plus its codes is larger than the plain values, which is the same
   * test parquet-java applies at the end of the first page, applied early.
   */
  static boolean nearlyUnique(int values, int distinct) {
    return values == CARDINALITY_PROBE && distinct * 5L > values * 4L;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      long wanted = Math.max((long) buffer.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a page cannot hold more than 2 GiB of values");
      }
      buffer = Arrays.copyOf(buffer, (int) wanted);
    }
  }

  @Override
  public void writeInteger(int v) {
    ensure(4);
    INT.set(buffer, size, v);
    size += 4;
  }

  @Override
  public void writeLong(long v) {
    ensure(8);
    LONG.set(buffer, size, v);
    size += 8;
  }

  @Override
  public void writeFloat(float v) {
    ensure(4);
    FLOAT.set(buffer, size, v);
    size += 4;
  }

  @Override
  public void writeDouble(double v) {
    ensure(8);
    DOUBLE.set(buffer, size, v);
    size += 8;
  }

  @Override
  public void writeBytes(Binary v) {
    int length = v.length();
    ensure(4 + length);
    INT.set(buffer, size, length);
    size += 4;
    // the backing array itself for the whole-array binaries Floe writes, a copy otherwise
    System.arraycopy(v.getBytesUnsafe(), 0, buffer, size, length);
    size += length;
  }

  @Override
  public long getBufferedSize() {
    return size;
  }

  /** A view of the values; valid until the next write or reset (the page store copies it at once). */
  @Override
  public BytesInput getBytes() {
    return BytesInput.from(buffer, 0, size);
  }

  @Override
  public Encoding getEncoding() {
    return Encoding.PLAIN;
  }

  @Override
  public void reset() {
    size = 0;
  }

  @Override
  public void close() {
    size = 0;
    buffer = new byte[0];
  }

  @Override
  public long getAllocatedSize() {
    return buffer.length;
  }

  @Override
  public String memUsageString(String prefix) {
    return prefix + " plain " + size + " bytes";
  }
}
