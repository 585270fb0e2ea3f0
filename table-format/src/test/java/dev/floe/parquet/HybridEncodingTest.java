package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

/**
 * Floe's own RLE / bit-packing hybrid code (level encoding on write, level and dictionary-id
 * decoding on read) against parquet-java's implementation of the same encoding.
 */
class HybridEncodingTest {
  /** Runs of equal values of random lengths mixed with noise, the shape levels and ids take. */
  private static int[] values(SplittableRandom random, int count, int width) {
    int max = width == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (1L << width) - 1);
    int[] v = new int[count];
    int i = 0;
    while (i < count) {
      int value = max == 0 ? 0 : random.nextInt(max) + (random.nextBoolean() ? 1 : 0);
      int run = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1;
      for (int k = 0; k < run && i < count; k++) {
        v[i++] = random.nextInt(3) == 0 && max > 0 ? random.nextInt(max + 1) : value;
      }
    }
    return v;
  }

  @Test
  void decoderReadsWhatParquetJavaEncodes() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    for (int width = 0; width <= 24; width++) {
      for (int count : new int[] {1, 7, 8, 9, 100, 1000, 5000}) {
        int[] expected = values(random, count, width);
        RunLengthBitPackingHybridEncoder encoder =
            new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20, new HeapByteBufferAllocator());
        for (int v : expected) {
          encoder.writeInt(v);
        }
        byte[] bytes = encoder.toBytes().toByteArray();

        HybridDecoder one = new HybridDecoder(bytes, 0, bytes.length, width);
        int[] got = new int[count];
        for (int i = 0; i < count; i++) {
          got[i] = one.next();
        }
        assertThat(got).as("width %d, %d values, one by one", width, count).isEqualTo(expected);

        HybridDecoder batched = new HybridDecoder(bytes, 0, bytes.length, width);
        int[] got2 = new int[count];
        int at = 0;
        while (at < count) {
          int n = Math.min(count - at, 1 + random.nextInt(50));
          batched.read(got2, at, n);
          at += n;
        }
        assertThat(got2).as("width %d, %d values, in batches", width, count).isEqualTo(expected);

        // runs consumed a run at a time, the way definition levels are read
        HybridDecoder runs = new HybridDecoder(bytes, 0, bytes.length, width);
        int[] got3 = new int[count];
        int i = 0;
        while (i < count) {
          int run = runs.repeatedRun();
          if (run > 0) {
            int m = Math.min(run, count - i);
            java.util.Arrays.fill(got3, i, i + m, runs.repeatedValue());
            runs.skipRepeated(m);
            i += m;
          } else {
            got3[i++] = runs.next();
          }
        }
        assertThat(got3).as("width %d, %d values, by runs", width, count).isEqualTo(expected);
      }
    }
  }

  @Test
  void levelsEncodeToWhatParquetJavaDecodes() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int maxLevel : new int[] {1, 2, 3, 7, 8, 15, 200, 255}) {
      int width = 32 - Integer.numberOfLeadingZeros(maxLevel);
      for (int count : new int[] {1, 5, 8, 9, 63 * 8 + 3, 1000, 20_000}) {
        byte[] levels = new byte[count + 5];
        int[] expected = new int[count];
        int[] source = values(random, count, width);
        for (int i = 0; i < count; i++) {
          expected[i] = Math.min(source[i], maxLevel);
          levels[i] = (byte) expected[i];
        }
        levels[count] = (byte) 1; // stale bytes past the count must not leak in
        byte[] encoded = ColumnChunkWriter.Levels.encode(levels, count, maxLevel).toByteArray();
        int length = (encoded[0] & 0xff) | (encoded[1] & 0xff) << 8 | (encoded[2] & 0xff) << 16
            | (encoded[3] & 0xff) << 24;
        assertThat(length).isEqualTo(encoded.length - 4);
        RunLengthBitPackingHybridDecoder decoder =
            new RunLengthBitPackingHybridDecoder(width, new ByteArrayInputStream(encoded, 4, length));
        int[] got = new int[count];
        for (int i = 0; i < count; i++) {
          got[i] = decoder.readInt();
        }
        assertThat(got).as("max level %d, %d levels", maxLevel, count).isEqualTo(expected);
      }
    }
  }

  @Test
  void allEqualLevelsBecomeOneShortRun() {
    byte[] levels = new byte[20_000];
    java.util.Arrays.fill(levels, (byte) 1);
    // 4-byte length, a varint header of 3 bytes and the value: no page pays for its non-null levels
    assertThat(ColumnChunkWriter.Levels.encode(levels, levels.length, 1).size()).isEqualTo(8);
  }

  @Test
  void truncatedInputIsADecodingErrorNotAHang() {
    byte[] packedHeaderOnly = {(byte) 0x03}; // one bit-packed group, but no bytes of it
    HybridDecoder d = new HybridDecoder(packedHeaderOnly, 0, 1, 3);
    assertThatThrownBy(d::next).isInstanceOf(ParquetDecodingException.class);
    HybridDecoder empty = new HybridDecoder(new byte[0], 0, 0, 1);
    assertThatThrownBy(empty::next).isInstanceOf(ParquetDecodingException.class);
    assertThatThrownBy(() -> new HybridDecoder(new byte[4], 2, 8, 1)).isInstanceOf(ParquetDecodingException.class);
  }
}
