package dev.floe.parquet;

import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary ids) from
 * a byte array: a sequence of runs, each either one value repeated or groups of eight values
 * packed least-significant bit first.
 */
final class HybridDecoder {
  private final byte[] bytes;
  private final int end;
  private final int bitWidth;
  private final int mask;
  private final int valueBytes;
  private int pos;
  /** Values left in the current repeated run. */
  private int repeatLeft;
  private int repeatValue;
  /** Values left in the current packed run, and its current group of eight, unpacked. */
  private int packedLeft;
  private final int[] group = new int[8];
  private int groupNext = 8;

  HybridDecoder(byte[] bytes, int start, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetDecodingException("invalid bit width " + bitWidth);
    }
    if (start < 0 || end > bytes.length || start > end) {
      throw new ParquetDecodingException("encoded values out of the page's bounds");
    }
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.bitWidth = bitWidth;
    this.mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
    this.valueBytes = (bitWidth + 7) / 8;
  }

  /** The next value. */
  int next() {
    while (true) {
      if (repeatLeft > 0) {
        repeatLeft--;
        return repeatValue;
      }
      if (packedLeft > 0) {
        return nextPacked();
      }
      readHeader();
    }
  }

  /**
   * The values left in the repeated run the next value belongs to, or 0 when the next value is
   * in a bit-packed run (then {@link #next} must be used). Reads the next run header if needed.
   */
  int repeatedRun() {
    if (repeatLeft == 0 && packedLeft == 0) {
      readHeader();
    }
    return repeatLeft;
  }

  /** The value of the current repeated run; see {@link #repeatedRun}. */
  int repeatedValue() {
    return repeatValue;
  }

  /** Consumes {@code n} values of the current repeated run, at most {@link #repeatedRun}. */
  void skipRepeated(int n) {
    repeatLeft -= n;
  }

  /** Fills {@code out[offset..offset+n)} with the next values. */
  void read(int[] out, int offset, int n) {
    int i = offset;
    int stop = offset + n;
    while (i < stop) {
      if (repeatLeft > 0) {
        int k = Math.min(repeatLeft, stop - i);
        java.util.Arrays.fill(out, i, i + k, repeatValue);
        repeatLeft -= k;
        i += k;
      } else if (packedLeft > 0) {
        int k = Math.min(packedLeft, stop - i);
        for (int j = 0; j < k; j++) {
          out[i++] = nextPacked();
        }
      } else {
        readHeader();
      }
    }
  }

  private int nextPacked() {
    if (groupNext == 8) {
      unpackGroup();
    }
    packedLeft--;
    return group[groupNext++];
  }

  /** Unpacks the next eight values ({@code bitWidth} bytes) of a packed run. */
  private void unpackGroup() {
    if (end - pos < bitWidth) {
      throw new ParquetDecodingException("bit-packed run ends past its page");
    }
    int w = bitWidth;
    if (w <= 8) {
      // eight values of at most 8 bits fit in one long
      long word = 0;
      for (int b = 0; b < w; b++) {
        word |= (bytes[pos + b] & 0xffL) << (8 * b);
      }
      for (int i = 0; i < 8; i++) {
        group[i] = (int) (word >>> (i * w)) & mask;
      }
    } else {
      long buffer = 0;
      int bits = 0;
      int p = pos;
      for (int i = 0; i < 8; i++) {
        while (bits < w) {
          buffer |= (bytes[p++] & 0xffL) << bits;
          bits += 8;
        }
        group[i] = (int) buffer & mask;
        buffer >>>= w;
        bits -= w;
      }
    }
    pos += w;
    groupNext = 0;
  }

  private void readHeader() {
    int header = readVarInt();
    if ((header & 1) == 0) {
      int count = header >>> 1;
      if (pos + valueBytes > end) {
        throw new ParquetDecodingException("repeated run ends past its page");
      }
      int v = 0;
      for (int i = 0; i < valueBytes; i++) {
        v |= (bytes[pos++] & 0xff) << (8 * i);
      }
      repeatValue = v;
      repeatLeft = count;
    } else {
      int groups = header >>> 1;
      packedLeft = groups * 8;
      groupNext = 8;
    }
  }

  private int readVarInt() {
    int value = 0;
    int shift = 0;
    while (true) {
      if (pos >= end) {
        throw new ParquetDecodingException("not enough encoded values in the page");
      }
      int b = bytes[pos++];
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
      if (shift > 28) {
        throw new ParquetDecodingException("run header too long");
      }
    }
  }
}
