package dev.floe.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads one top-level, non-repeated column of a row group page by page and writes its values,
 * already converted to external values, straight into the rows of a batch. Plain and dictionary
 * pages (what Floe and most writers produce) are decoded here; pages in any other encoding go
 * through parquet-java's value readers.
 *
 * <p>It reads either into rows of external values ({@link #read(Object[][], int)}) or, for columns
 * whose file values already are Floe's internal representation ({@link #rawCompatible}), into a
 * {@link ColumnSink} with no boxing ({@link #read(ColumnSink, int)}); one instance does one or the
 * other.
 */
final class FlatColumnReader {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private enum Mode { PLAIN, CONVERTED, DICTIONARY, OTHER }

  private final ColumnDescriptor column;
  private final PrimitiveTypeName physical;
  private final int fixedLength;
  private final ValueConversion conversion;
  private final boolean shareDictionaryValues;
  private final int slot;
  private final int maxLevel;
  private final int levelBitWidth;

  private RowGroupPages pages;
  private int index;
  private Object[] dictionary;
  /** The dictionary of the current chunk as internal values, for sink reads: int[], long[], ... */
  private Object rawDictionary;

  // the current page
  private int pageLeft;
  private HybridDecoder levels;
  private Mode mode;
  private byte[] data;
  private int pos;
  private int limit;
  private int bitIndex;
  private HybridDecoder ids;
  private ValuesReader other;
  private Object[] converted;
  private int convertedNext;
  private final int[] idBuffer = new int[256];

  FlatColumnReader(ColumnDescriptor column, ReadPlan.PrimNode node, int slot) {
    this.column = column;
    this.physical = column.getPrimitiveType().getPrimitiveTypeName();
    this.fixedLength = physical == PrimitiveTypeName.INT96 ? 12 : column.getPrimitiveType().getTypeLength();
    this.conversion = ValueConversion.of(node);
    this.shareDictionaryValues = conversion.immutable();
    this.slot = slot;
    this.maxLevel = column.getMaxDefinitionLevel();
    this.levelBitWidth = 32 - Integer.numberOfLeadingZeros(maxLevel);
    if (column.getMaxRepetitionLevel() != 0) {
      throw new IllegalArgumentException("repeated column " + column + " cannot be read flat");
    }
  }

  /**
   * A second, thread-safe instance of this column's conversion for converting whole pages in the
   * background, or null when the column's values are cheap to convert here or need state.
   */
  ValueConversion aheadConversion() {
    // boxing numbers is cheap enough here; moving it too would make the other thread the slower one
    return physical == PrimitiveTypeName.BINARY && conversion.stateless() ? conversion : null;
  }

  /** Starts on the column's chunk in a new row group: it is column {@code index} of {@code rowGroup}. */
  void startRowGroup(RowGroupPages rowGroup, int index) throws IOException {
    this.pages = rowGroup;
    this.index = index;
    pageLeft = 0;
    dictionary = null;
    rawDictionary = null;
    DictionaryPage page = rowGroup.dictionary(index);
    if (page != null) {
      Dictionary d = page.getEncoding().initDictionary(column, page);
      if (rawMode) {
        rawDictionary = rawDictionary(d);
      } else {
        dictionary = conversion.dictionary(d, physical);
      }
    }
  }

  private boolean rawMode;

  /** Switches this reader to sink reads; call before the first row group. */
  void useSink() {
    rawMode = true;
  }

  /**
   * True when the file's values of this column are already Floe's internal representation of the
   * target type (see {@link ColumnSink}), so they can be handed over without conversion.
   */
  static boolean rawCompatible(ReadPlan.PrimNode node) {
    PrimitiveTypeName p = node.file().getPrimitiveTypeName();
    LogicalTypeAnnotation a = node.file().getLogicalTypeAnnotation();
    if (node.fileType().kind() != node.target().kind() || !hasInternalForm(node.target())) {
      return false; // a promotion (int to long, float to double, ...) converts each value
    }
    return switch (node.target().kind()) {
      case BOOLEAN -> p == PrimitiveTypeName.BOOLEAN;
      case INT, DATE -> p == PrimitiveTypeName.INT32;
      case LONG -> p == PrimitiveTypeName.INT64;
      case FLOAT -> p == PrimitiveTypeName.FLOAT;
      case DOUBLE -> p == PrimitiveTypeName.DOUBLE;
      case TIMESTAMP, TIMESTAMPTZ -> p == PrimitiveTypeName.INT64
          && a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
          && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS;
      case STRING, BINARY -> p == PrimitiveTypeName.BINARY;
      default -> false;
    };
  }

  /** Whether a {@link ColumnSink} can take values of this type at all, whatever the file holds. */
  static boolean hasInternalForm(dev.floe.types.Type type) {
    return switch (type.kind()) {
      case BOOLEAN, INT, LONG, FLOAT, DOUBLE, DATE, TIMESTAMP, TIMESTAMPTZ, STRING, BINARY -> true;
      default -> false;
    };
  }

  private Object rawDictionary(Dictionary d) {
    int size = d.getMaxId() + 1;
    switch (physical) {
      case INT32: {
        int[] v = new int[size];
        for (int i = 0; i < size; i++) {
          v[i] = d.decodeToInt(i);
        }
        return v;
      }
      case INT64: {
        long[] v = new long[size];
        for (int i = 0; i < size; i++) {
          v[i] = d.decodeToLong(i);
        }
        return v;
      }
      case FLOAT: {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
          v[i] = d.decodeToFloat(i);
        }
        return v;
      }
      case DOUBLE: {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
          v[i] = d.decodeToDouble(i);
        }
        return v;
      }
      case BOOLEAN: {
        boolean[] v = new boolean[size];
        for (int i = 0; i < size; i++) {
          v[i] = d.decodeToBoolean(i);
        }
        return v;
      }
      default: {
        byte[][] v = new byte[size][];
        for (int i = 0; i < size; i++) {
          v[i] = d.decodeToBinary(i).getBytes();
        }
        return v;
      }
    }
  }

  /** Puts the column's values of the next {@code n} rows into {@code sink} rows {@code 0..n). */
  void read(ColumnSink sink, int n) throws IOException {
    read(null, sink, n);
  }

  private void values(ColumnSink sink, int offset, int count) {
    int end = offset + count;
    switch (mode) {
      case DICTIONARY -> dictionaryValues(sink, offset, end);
      case PLAIN -> plain(sink, offset, end);
      case OTHER -> other(sink, offset, end);
      default -> throw new IllegalStateException("converted pages are not read into sinks");
    }
  }

  private void dictionaryValues(ColumnSink sink, int offset, int end) {
    int[] buffer = idBuffer;
    Object dict = rawDictionary;
    for (int i = offset; i < end; ) {
      int k = Math.min(buffer.length, end - i);
      ids.read(buffer, 0, k);
      try {
        switch (physical) {
          case INT32 -> {
            int[] d = (int[]) dict;
            for (int j = 0; j < k; j++) {
              sink.putInt(i + j, d[buffer[j]]);
            }
          }
          case INT64 -> {
            long[] d = (long[]) dict;
            for (int j = 0; j < k; j++) {
              sink.putLong(i + j, d[buffer[j]]);
            }
          }
          case FLOAT -> {
            float[] d = (float[]) dict;
            for (int j = 0; j < k; j++) {
              sink.putFloat(i + j, d[buffer[j]]);
            }
          }
          case DOUBLE -> {
            double[] d = (double[]) dict;
            for (int j = 0; j < k; j++) {
              sink.putDouble(i + j, d[buffer[j]]);
            }
          }
          case BOOLEAN -> {
            boolean[] d = (boolean[]) dict;
            for (int j = 0; j < k; j++) {
              sink.putBoolean(i + j, d[buffer[j]]);
            }
          }
          default -> {
            byte[][] d = (byte[][]) dict;
            for (int j = 0; j < k; j++) {
              byte[] v = d[buffer[j]];
              sink.putBytes(i + j, v, 0, v.length);
            }
          }
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        throw new ParquetDecodingException("dictionary id out of range in " + column);
      }
      i += k;
    }
  }

  private void plain(ColumnSink sink, int offset, int end) {
    byte[] d = data;
    int p = pos;
    int count = end - offset;
    switch (physical) {
      case INT64:
        need(p, 8L * count);
        for (int i = offset; i < end; i++, p += 8) {
          sink.putLong(i, (long) LONG.get(d, p));
        }
        break;
      case DOUBLE:
        need(p, 8L * count);
        for (int i = offset; i < end; i++, p += 8) {
          sink.putDouble(i, (double) DOUBLE.get(d, p));
        }
        break;
      case INT32:
        need(p, 4L * count);
        for (int i = offset; i < end; i++, p += 4) {
          sink.putInt(i, (int) INT.get(d, p));
        }
        break;
      case FLOAT:
        need(p, 4L * count);
        for (int i = offset; i < end; i++, p += 4) {
          sink.putFloat(i, (float) FLOAT.get(d, p));
        }
        break;
      case BOOLEAN:
        for (int i = offset; i < end; i++, bitIndex++) {
          int at = p + (bitIndex >>> 3);
          if (at >= limit) {
            throw new ParquetDecodingException("boolean values run past the page in " + column);
          }
          sink.putBoolean(i, ((d[at] >>> (bitIndex & 7)) & 1) != 0);
        }
        return;
      default: // BINARY (rawCompatible admits no other)
        for (int i = offset; i < end; i++) {
          need(p, 4);
          int length = (int) INT.get(d, p);
          p += 4;
          if (length < 0) {
            throw new ParquetDecodingException("negative value length in " + column);
          }
          need(p, length);
          sink.putBytes(i, d, p, length);
          p += length;
        }
        break;
    }
    pos = p;
  }

  private void other(ColumnSink sink, int offset, int end) {
    ValuesReader r = other;
    for (int i = offset; i < end; i++) {
      switch (physical) {
        case INT64 -> sink.putLong(i, r.readLong());
        case DOUBLE -> sink.putDouble(i, r.readDouble());
        case INT32 -> sink.putInt(i, r.readInteger());
        case FLOAT -> sink.putFloat(i, r.readFloat());
        case BOOLEAN -> sink.putBoolean(i, r.readBoolean());
        default -> {
          Binary b = r.readBytes();
          byte[] bytes = b.getBytesUnsafe();
          sink.putBytes(i, bytes, 0, bytes.length);
        }
      }
    }
  }

  /** Sets the column's value in {@code rows[0..n)}; slots of null values are left as they are (null). */
  void read(Object[][] rows, int n) throws IOException {
    read(rows, null, n);
  }

  /** Walks the levels of the next {@code n} rows; values go to {@code sink} when it is set, else to {@code rows}. */
  private void read(Object[][] rows, ColumnSink sink, int n) throws IOException {
    int r = 0;
    while (r < n) {
      if (pageLeft == 0) {
        nextPage();
      }
      int k = Math.min(n - r, pageLeft);
      if (levels == null) {
        values(rows, sink, r, k);
      } else {
        int i = r;
        int stop = r + k;
        while (i < stop) {
          int run = levels.repeatedRun();
          if (run > 0) {
            int m = Math.min(run, stop - i);
            if (levels.repeatedValue() == maxLevel) {
              values(rows, sink, i, m);
            } else if (sink != null) {
              sink.putNulls(i, m);
            }
            levels.skipRepeated(m);
            i += m;
          } else {
            if (levels.next() == maxLevel) {
              values(rows, sink, i, 1);
            } else if (sink != null) {
              sink.putNull(i);
            }
            i++;
          }
        }
      }
      pageLeft -= k;
      r += k;
    }
  }

  private void values(Object[][] rows, ColumnSink sink, int offset, int count) {
    if (sink != null) {
      values(sink, offset, count);
    } else {
      values(rows, offset, count);
    }
  }

  /** Decodes the next {@code count} (non-null) values into {@code rows[offset..offset+count)}. */
  private void values(Object[][] rows, int offset, int count) {
    int end = offset + count;
    ValueConversion c = conversion;
    int s = slot;
    switch (mode) {
      case DICTIONARY: {
        Object[] dict = dictionary;
        int[] buffer = idBuffer;
        for (int i = offset; i < end; ) {
          int k = Math.min(buffer.length, end - i);
          ids.read(buffer, 0, k);
          for (int j = 0; j < k; j++, i++) {
            Object v = dict[buffer[j]];
            rows[i][s] = shareDictionaryValues ? v : c.copy(v);
          }
        }
        return;
      }
      case PLAIN:
        plain(rows, offset, end);
        return;
      case CONVERTED: {
        Object[] values = converted;
        int k = convertedNext;
        if (k + count > values.length || values[k + count - 1] == null) {
          throw new ParquetDecodingException("page of " + column + " holds fewer values than its levels say");
        }
        for (int i = offset; i < end; i++) {
          rows[i][s] = values[k++];
        }
        convertedNext = k;
        return;
      }
      default:
        other(rows, offset, end);
    }
  }

  private void plain(Object[][] rows, int offset, int end) {
    ValueConversion c = conversion;
    int s = slot;
    byte[] d = data;
    int p = pos;
    int count = end - offset;
    switch (physical) {
      case INT64:
        need(p, 8L * count);
        for (int i = offset; i < end; i++, p += 8) {
          rows[i][s] = c.ofLong((long) LONG.get(d, p));
        }
        break;
      case DOUBLE:
        need(p, 8L * count);
        for (int i = offset; i < end; i++, p += 8) {
          rows[i][s] = c.ofDouble((double) DOUBLE.get(d, p));
        }
        break;
      case INT32:
        need(p, 4L * count);
        for (int i = offset; i < end; i++, p += 4) {
          rows[i][s] = c.ofInt((int) INT.get(d, p));
        }
        break;
      case FLOAT:
        need(p, 4L * count);
        for (int i = offset; i < end; i++, p += 4) {
          rows[i][s] = c.ofFloat((float) FLOAT.get(d, p));
        }
        break;
      case BOOLEAN:
        for (int i = offset; i < end; i++, bitIndex++) {
          int at = p + (bitIndex >>> 3);
          if (at >= limit) {
            throw new ParquetDecodingException("boolean values run past the page in " + column);
          }
          rows[i][s] = c.ofBoolean(((d[at] >>> (bitIndex & 7)) & 1) != 0);
        }
        return;
      case BINARY:
        for (int i = offset; i < end; i++) {
          need(p, 4);
          int length = (int) INT.get(d, p);
          p += 4;
          if (length < 0) {
            throw new ParquetDecodingException("negative value length in " + column);
          }
          need(p, length);
          rows[i][s] = c.ofBytes(d, p, length);
          p += length;
        }
        break;
      default: // FIXED_LEN_BYTE_ARRAY, INT96
        need(p, (long) fixedLength * count);
        for (int i = offset; i < end; i++, p += fixedLength) {
          rows[i][s] = c.ofBytes(d, p, fixedLength);
        }
        break;
    }
    pos = p;
  }

  private void need(int at, long bytes) {
    if (at + bytes > limit) {
      throw new ParquetDecodingException("values run past the end of the page in " + column);
    }
  }

  private void other(Object[][] rows, int offset, int end) {
    ValueConversion c = conversion;
    int s = slot;
    ValuesReader r = other;
    for (int i = offset; i < end; i++) {
      rows[i][s] = switch (physical) {
        case INT64 -> c.ofLong(r.readLong());
        case DOUBLE -> c.ofDouble(r.readDouble());
        case INT32 -> c.ofInt(r.readInteger());
        case FLOAT -> c.ofFloat(r.readFloat());
        case BOOLEAN -> c.ofBoolean(r.readBoolean());
        default -> c.ofBinary(r.readBytes());
      };
    }
  }

  private void nextPage() throws IOException {
    RowGroupPages.Page page = pages.next(index);
    if (page == null) {
      throw new ParquetDecodingException("column chunk of " + column + " has fewer values than its row group");
    }
    pageLeft = page.valueCount();
    data = page.data();
    pos = page.offset();
    limit = page.offset() + page.length();
    if (limit > data.length) {
      throw new ParquetDecodingException("page of " + column + " is shorter than its header says");
    }
    if (maxLevel == 0) {
      levels = null;
    } else if (page.levels() != null) {
      levels = new HybridDecoder(page.levels(), page.levelsOffset(), page.levelsOffset() + page.levelsLength(),
          levelBitWidth);
    } else {
      need(pos, 4);
      int length = (int) INT.get(data, pos);
      if (length < 0) {
        throw new ParquetDecodingException("negative definition level length in " + column);
      }
      need(pos + 4, length);
      levels = new HybridDecoder(data, pos + 4, pos + 4 + length, levelBitWidth);
      pos += 4 + length;
    }
    Encoding encoding = page.encoding();
    bitIndex = 0;
    other = null;
    ids = null;
    converted = null;
    if (encoding.usesDictionary()) {
      if (dictionary == null && rawDictionary == null) {
        throw new ParquetDecodingException("dictionary-encoded page without a dictionary in " + column);
      }
      need(pos, 1);
      ids = new HybridDecoder(data, pos + 1, limit, data[pos] & 0xff);
      mode = Mode.DICTIONARY;
    } else if (page.converted() != null) {
      converted = page.converted();
      convertedNext = 0;
      mode = Mode.CONVERTED;
    } else if (encoding == Encoding.PLAIN) {
      mode = Mode.PLAIN;
    } else {
      other = encoding.getValuesReader(column, ValuesType.VALUES);
      other.initFromPage(pageLeft, ByteBufferInputStream.wrap(ByteBuffer.wrap(data, pos, limit - pos)));
      mode = Mode.OTHER;
    }
  }

}
