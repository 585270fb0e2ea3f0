package dev.floe.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.io.ParquetEncodingException;
import org.apache.parquet.io.api.Binary;

/**
 * Writes one column chunk as data page v1 pages: repetition and definition levels are kept as
 * one byte per value and RLE / bit-packing encoded when the page is cut; values go through
 * parquet-java's values writers (dictionary, falling back to plain) and page statistics through
 * its {@link Statistics}. Pages are cut only between rows, when the appender asks.
 */
final class ColumnChunkWriter implements ColumnWriter {
  private final ColumnDescriptor column;
  private final PageWriter pages;
  private final ValuesWriter values;
  private final int maxRepetition;
  private final int maxDefinition;
  private Statistics<?> statistics;
  private byte[] repetition;
  private byte[] definition;
  /** Values (nulls included) and rows in the current page. */
  private int valueCount;
  private int rowCount;

  ColumnChunkWriter(ColumnDescriptor column, PageWriter pages, ParquetProperties props) {
    this.column = column;
    this.pages = pages;
    this.values = props.newValuesWriter(column);
    this.maxRepetition = column.getMaxRepetitionLevel();
    this.maxDefinition = column.getMaxDefinitionLevel();
    if (maxRepetition > 255 || maxDefinition > 255) {
      throw new ParquetEncodingException("column " + column + " is nested too deeply");
    }
    this.statistics = Statistics.createStats(column.getPrimitiveType());
    this.repetition = maxRepetition > 0 ? new byte[1024] : null;
    this.definition = maxDefinition > 0 ? new byte[1024] : null;
  }

  private void levels(int rl, int dl) {
    int i = valueCount;
    if (definition != null) {
      if (i == definition.length) {
        definition = Arrays.copyOf(definition, i * 2);
      }
      definition[i] = (byte) dl;
    }
    if (repetition != null) {
      if (i == repetition.length) {
        repetition = Arrays.copyOf(repetition, i * 2);
      }
      repetition[i] = (byte) rl;
      if (rl == 0) {
        rowCount++;
      }
    } else {
      rowCount++;
    }
    valueCount = i + 1;
  }

  @Override
  public void write(int value, int rl, int dl) {
    levels(rl, dl);
    values.writeInteger(value);
    statistics.updateStats(value);
  }

  @Override
  public void write(long value, int rl, int dl) {
    levels(rl, dl);
    values.writeLong(value);
    statistics.updateStats(value);
  }

  @Override
  public void write(boolean value, int rl, int dl) {
    levels(rl, dl);
    values.writeBoolean(value);
    statistics.updateStats(value);
  }

  @Override
  public void write(Binary value, int rl, int dl) {
    levels(rl, dl);
    values.writeBytes(value);
    statistics.updateStats(value);
  }

  @Override
  public void write(float value, int rl, int dl) {
    levels(rl, dl);
    values.writeFloat(value);
    statistics.updateStats(value);
  }

  @Override
  public void write(double value, int rl, int dl) {
    levels(rl, dl);
    values.writeDouble(value);
    statistics.updateStats(value);
  }

  @Override
  public void writeNull(int rl, int dl) {
    levels(rl, dl);
    statistics.incrementNumNulls();
  }

  /** Rows in the current, unfinished page. */
  int pageRows() {
    return rowCount;
  }

  /** Bytes the current page would take, roughly (levels counted at one byte each, an upper bound). */
  long pageSize() {
    return values.getBufferedSize() + (definition == null ? 0 : valueCount) + (repetition == null ? 0 : valueCount);
  }

  @Override
  public long getBufferedSizeInMemory() {
    return pageSize() + pages.getMemSize();
  }

  /** Hands the current page to the page writer, if it has any values. */
  void writePage() throws IOException {
    if (valueCount == 0) {
      return;
    }
    BytesInput rl = repetition == null ? BytesInput.empty() : Levels.encode(repetition, valueCount, maxRepetition);
    BytesInput dl = definition == null ? BytesInput.empty() : Levels.encode(definition, valueCount, maxDefinition);
    pages.writePage(BytesInput.concat(rl, dl, values.getBytes()), valueCount, rowCount, statistics, null,
        repetition == null ? Encoding.BIT_PACKED : Encoding.RLE,
        definition == null ? Encoding.BIT_PACKED : Encoding.RLE, values.getEncoding());
    values.reset();
    statistics = Statistics.createStats(column.getPrimitiveType());
    valueCount = 0;
    rowCount = 0;
  }

  /** Writes the last page and the dictionary page; the writer is done after this. */
  void finish() throws IOException {
    writePage();
    DictionaryPage dictionary = values.toDictPageAndClose();
    if (dictionary != null) {
      pages.writeDictionaryPage(dictionary);
    }
    values.resetDictionary();
    values.close();
  }

  @Override
  public void close() {
    values.close();
  }

  /** Data page v1 levels: a 4-byte length, then the RLE / bit-packing hybrid encoding. */
  static final class Levels {
    private Levels() {}

    /** Bit-packed runs are kept to this many groups of 8, as parquet-java writes them. */
    private static final int MAX_GROUPS = 63;

    static BytesInput encode(byte[] levels, int count, int maxLevel) {
      int width = 32 - Integer.numberOfLeadingZeros(maxLevel);
      int valueBytes = (width + 7) / 8;
      // worst case: every 8 values bit-packed with a header per 63 groups
      byte[] out = new byte[4 + count * width / 8 + 2 * (count / (8 * MAX_GROUPS) + 1) + 16 + valueBytes * 2];
      int pos = 4;
      int i = 0;
      while (i < count) {
        int v = levels[i] & 0xff;
        int run = 1;
        while (i + run < count && (levels[i + run] & 0xff) == v) {
          run++;
        }
        if (run >= 8) {
          out = ensure(out, pos, 5 + valueBytes);
          pos = varInt(out, pos, run << 1);
          for (int b = 0; b < valueBytes; b++) {
            out[pos++] = (byte) (v >>> (8 * b));
          }
          i += run;
          continue;
        }
        // bit-pack groups of 8 until a long run starts (or the values end)
        int groups = 0;
        int j = i;
        while (j < count && groups < MAX_GROUPS && !longRunAt(levels, j, count)) {
          j += 8;
          groups++;
        }
        out = ensure(out, pos, 5 + groups * width);
        pos = varInt(out, pos, (groups << 1) | 1);
        long buffer = 0;
        int bits = 0;
        for (int k = i; k < i + groups * 8; k++) {
          int level = k < count ? levels[k] & 0xff : 0;
          buffer |= (long) level << bits;
          bits += width;
          while (bits >= 8) {
            out[pos++] = (byte) buffer;
            buffer >>>= 8;
            bits -= 8;
          }
        }
        i += groups * 8;
      }
      int length = pos - 4;
      out[0] = (byte) length;
      out[1] = (byte) (length >>> 8);
      out[2] = (byte) (length >>> 16);
      out[3] = (byte) (length >>> 24);
      return BytesInput.from(out, 0, pos);
    }

    private static boolean longRunAt(byte[] levels, int at, int count) {
      if (at + 8 > count) {
        return false;
      }
      byte v = levels[at];
      for (int k = at + 1; k < at + 8; k++) {
        if (levels[k] != v) {
          return false;
        }
      }
      return true;
    }

    private static byte[] ensure(byte[] out, int pos, int more) {
      return pos + more <= out.length ? out : Arrays.copyOf(out, Math.max(out.length * 2, pos + more));
    }

    private static int varInt(byte[] out, int pos, int value) {
      while ((value & ~0x7f) != 0) {
        out[pos++] = (byte) ((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      out[pos++] = (byte) value;
      return pos;
    }
  }
}
