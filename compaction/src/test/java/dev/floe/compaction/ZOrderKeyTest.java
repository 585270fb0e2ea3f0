package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.manifest.DataFile;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ZOrderKeyTest {
  private final SplittableRandom random = new SplittableRandom(7);

  /** For every pair of values: a &lt; b in the type's order implies ordinal(a) &lt;= ordinal(b) unsigned. */
  private void assertOrderPreserving(Type.PrimitiveType type, Supplier<Object> internalValues) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      values.add(internalValues.get());
    }
    Comparator<Object> order = Comparators.forType(type);
    values.sort(order);
    for (int i = 1; i < values.size(); i++) {
      long a = ZOrderKey.ordinal(type, values.get(i - 1));
      long b = ZOrderKey.ordinal(type, values.get(i));
      assertThat(Long.compareUnsigned(a, b)).as("%s: %s then %s", type, values.get(i - 1), values.get(i))
          .isLessThanOrEqualTo(0);
      if (type.kind() != Type.Kind.STRING && type.kind() != Type.Kind.BINARY && order.compare(values.get(i - 1),
          values.get(i)) < 0 && type.kind() != Type.Kind.DECIMAL && type.kind() != Type.Kind.UUID) {
        assertThat(Long.compareUnsigned(a, b)).as("%s strictly", type).isLessThan(0);
      }
    }
  }

  @Test
  void ordinalsKeepEachTypesOrder() {
    assertOrderPreserving(Types.INT, () -> random.nextInt());
    assertOrderPreserving(Types.LONG, () -> random.nextLong());
    assertOrderPreserving(Types.DATE, () -> random.nextInt(-100_000, 100_000));
    assertOrderPreserving(Types.TIMESTAMP, () -> random.nextLong());
    assertOrderPreserving(Types.DOUBLE, () -> switch (random.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> Double.POSITIVE_INFINITY;
      case 3 -> -0.0;
      case 4 -> 0.0;
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 10));
    });
    assertOrderPreserving(Types.FLOAT, () -> random.nextInt(6) == 0 ? Float.NaN : (float) (random.nextDouble() - 0.5));
    assertOrderPreserving(Types.decimal(38, 2), () -> BigDecimal.valueOf(random.nextLong(), 2));
    assertOrderPreserving(Types.STRING, () -> {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        sb.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x80, 0x2000) : random.nextInt('a', 'e'));
      }
      return sb.toString();
    });
    assertOrderPreserving(Types.BINARY, () -> {
      byte[] b = new byte[random.nextInt(10)];
      random.nextBytes(b);
      return ByteBuffer.wrap(b);
    });
    assertOrderPreserving(Types.UUID, () -> new UUID(random.nextLong(), random.nextLong()));
    assertOrderPreserving(Types.BOOLEAN, () -> random.nextBoolean());
  }

  @Test
  void negativeZeroSortsBelowZeroAndNanAboveInfinity() {
    assertThat(Long.compareUnsigned(ZOrderKey.ordinal(Types.DOUBLE, -0.0), ZOrderKey.ordinal(Types.DOUBLE, 0.0)))
        .isNegative();
    assertThat(Long.compareUnsigned(ZOrderKey.ordinal(Types.DOUBLE, Double.POSITIVE_INFINITY),
        ZOrderKey.ordinal(Types.DOUBLE, Double.NaN))).isNegative();
    // every NaN is the same NaN
    assertThat(ZOrderKey.ordinal(Types.DOUBLE, Double.longBitsToDouble(0x7ff0000000000001L)))
        .isEqualTo(ZOrderKey.ordinal(Types.DOUBLE, Double.NaN));
  }

  @Test
  void interleavingTakesOneBitOfEachDimensionInTurn() {
    long[] z = ZOrderKey.interleave(new long[] {-1L, 0L});
    assertThat(z).containsExactly(0xAAAA_AAAA_AAAA_AAAAL, 0xAAAA_AAAA_AAAA_AAAAL);
    z = ZOrderKey.interleave(new long[] {0x8000_0000_0000_0000L, 0x4000_0000_0000_0000L, 0L});
    assertThat(z[0] >>> 60).isEqualTo(0b1000L); // x's top bit, y's top bit (0), z's (0), then x's second
    assertThat(Long.toBinaryString(z[0]).length()).isEqualTo(64);
    assertThat(z[0] & 0x0F00_0000_0000_0000L).isEqualTo(0x0800_0000_0000_0000L); // y's second bit: position 4
  }

  @Test
  void theMaskedInterleavingsAgreeWithTheBitByBitOne() {
    for (int n : new int[] {2, 4}) {
      for (int i = 0; i < 1_000; i++) {
        long[] dims = new long[n];
        for (int d = 0; d < n; d++) {
          dims[d] = random.nextLong();
        }
        assertThat(ZOrderKey.interleave(dims)).containsExactly(ZOrderKey.interleaveBitByBit(dims));
      }
    }
  }

  private static final Schema XY = Schema.of(NestedField.optional(1, "x", Types.LONG),
      NestedField.optional(2, "y", Types.DOUBLE));

  private static DataFile fileWithBounds(long xLow, long xHigh, double yLow, double yHigh) {
    return new DataFile("f", dev.floe.manifest.FileFormat.PARQUET, 0, dev.floe.partition.PartitionData.empty(),
        10, 100, java.util.Map.of(1, dev.floe.manifest.ColumnStats.bounds(1, xLow, xHigh),
            2, dev.floe.manifest.ColumnStats.bounds(2, yLow, yHigh)), List.of(), java.util.OptionalInt.empty());
  }

  private ZOrderKey key(List<DataFile> files) {
    return new ZOrderKey(List.of(FieldAccessor.of(XY, "x", "zorder-by"), FieldAccessor.of(XY, "y", "zorder-by")),
        files);
  }

  @Test
  void valuesAreScaledToTheGroupsRangeSoBothColumnsWeighTheSame() {
    // x spans 0..1023 and y 0..1: unscaled, x's leading bits would decide the order alone
    ZOrderKey key = key(List.of(fileWithBounds(0, 1023, 0.0, 1.0)));
    long[] xHighYLow = key.of(Record.of(XY.asStruct(), 1023L, 0.0));
    long[] xLowYHigh = key.of(Record.of(XY.asStruct(), 0L, 1.0));
    long[] bothMid = key.of(Record.of(XY.asStruct(), 700L, 0.99));
    long[] origin = key.of(Record.of(XY.asStruct(), 0L, 0.0));
    assertThat(key.compare(origin, xLowYHigh)).isNegative();
    assertThat(key.compare(origin, xHighYLow)).isNegative();
    assertThat(key.compare(xHighYLow, bothMid)).as("the top x alone is below a point high in both").isNegative();
    assertThat(key.compare(xLowYHigh, bothMid)).isNegative();
  }

  @Test
  void nullsComeFirstInEachDimension() {
    ZOrderKey key = key(List.of(fileWithBounds(0, 100, 0.0, 1.0)));
    long[] nullX = key.of(Record.of(XY.asStruct(), null, 1.0));
    long[] lowest = key.of(Record.of(XY.asStruct(), 0L, 0.0));
    long[] bothNull = key.of(Record.of(XY.asStruct(), null, null));
    assertThat(key.compare(bothNull, nullX)).isNegative();
    assertThat(key.compare(nullX, lowest)).isNegative();
    assertThat(bothNull).containsOnly(0L);
  }

  @Test
  void valuesOutsideTheBoundsAreClampedAndUnknownBoundsUseTheWholeRange() {
    ZOrderKey key = key(List.of(fileWithBounds(10, 20, 0.0, 1.0)));
    assertThat(key.of(Record.of(XY.asStruct(), 5L, 0.5))).isEqualTo(key.of(Record.of(XY.asStruct(), 10L, 0.5)));
    assertThat(key.compare(key.of(Record.of(XY.asStruct(), 99L, 0.5)), key.of(Record.of(XY.asStruct(), 20L, 0.5))))
        .isGreaterThanOrEqualTo(0);
    ZOrderKey unknown = key(List.of(new DataFile("f", dev.floe.manifest.FileFormat.PARQUET, 0,
        dev.floe.partition.PartitionData.empty(), 1, 1, java.util.Map.of(), List.of(), java.util.OptionalInt.empty())));
    assertThat(unknown.compare(unknown.of(Record.of(XY.asStruct(), -5L, 0.5)),
        unknown.of(Record.of(XY.asStruct(), 5L, 0.5)))).isNegative();
    assertThat(Values.toInternal(Types.LONG, 5L)).isEqualTo(5L);
  }
}
