package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParquetMetricsTest {
  private final InMemoryFileIO io = new InMemoryFileIO();

  @Test
  void nanIsCountedAndNeverABound() {
    Schema schema = Schema.of(
        optional(1, "f", Types.FLOAT),
        optional(2, "d", Types.DOUBLE),
        optional(3, "only_nan", Types.DOUBLE),
        optional(4, "fl", new Types.ListType(5, Types.FLOAT, false)));
    List<Record> rows = List.of(
        Record.of(schema.asStruct(), Float.NaN, 2.5d, Double.NaN, Arrays.asList(Float.NaN, 1f)),
        Record.of(schema.asStruct(), 1.5f, Double.NaN, Double.NaN, List.of(Float.NaN)),
        Record.of(schema.asStruct(), null, -7d, null, null),
        Record.of(schema.asStruct(), -2f, Double.NaN, Double.NaN, List.of()),
        Record.of(schema.asStruct(), Float.NaN, 0d, null, null));
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/nan.parquet", schema, rows);

    ColumnStats f = m.columnStats().get(1);
    assertThat(f.nanCount()).hasValue(2);
    assertThat(f.nullCount()).hasValue(1);
    assertThat(f.valueCount()).hasValue(5);
    assertThat(f.lowerBound()).contains(-2f);
    assertThat(f.upperBound()).contains(1.5f);

    ColumnStats d = m.columnStats().get(2);
    assertThat(d.nanCount()).hasValue(2);
    assertThat(d.lowerBound()).contains(-7d);
    assertThat(d.upperBound()).contains(2.5d);

    ColumnStats onlyNan = m.columnStats().get(3);
    assertThat(onlyNan.nanCount()).hasValue(3);
    assertThat(onlyNan.nullCount()).hasValue(2);
    assertThat(onlyNan.lowerBound()).isEmpty();
    assertThat(onlyNan.upperBound()).isEmpty();

    assertThat(m.columnStats().get(5).nanCount()).hasValue(2);
    assertThat(m.columnStats().get(5).lowerBound()).isEmpty();

    // the NaNs themselves survive the round trip
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/nan.parquet"), schema)).containsExactlyElementsOf(rows);

    // row-group statistics seen by readers never carry NaN bounds either
    for (ParquetFooter.RowGroup g : ParquetFooter.read(io.newInputFile("mem:/nan.parquet")).rowGroups()) {
      for (ColumnStats s : g.columnStats().values()) {
        s.lowerBound().ifPresent(v -> assertThat(((Number) v).doubleValue()).isNotNaN());
        s.upperBound().ifPresent(v -> assertThat(((Number) v).doubleValue()).isNotNaN());
      }
    }
  }

  @Test
  void longStringBoundsAreTruncatedAndStillBracketTheValues() {
    Schema schema = Schema.of(required(1, "s", Types.STRING), optional(2, "bin", Types.BINARY));
    String low = "aaaaaaaaaaaaaaaaaaaaaaaZ"; // 24 chars
    String high = "bbbbbbbbbbbbbbbbbbbbbbbb";
    String emoji = "😀".repeat(20); // 20 code points, 40 chars
    List<String> values = List.of(high, low, "abc", emoji, "b");
    List<Record> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(Record.of(schema.asStruct(), v, ByteBuffer.wrap(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/str.parquet", schema, rows);

    ColumnStats s = m.columnStats().get(1);
    assertThat(s.lowerBound()).contains("aaaaaaaaaaaaaaaa");
    // the largest value is the emoji string: 16 code points, the last one incremented
    assertThat(s.upperBound()).contains("😀".repeat(15) + new String(Character.toChars(0x1F601)));
    for (String v : values) {
      assertThat(Comparators.compareCodePoints((String) s.lowerBound().orElseThrow(), v)).isLessThanOrEqualTo(0);
      assertThat(Comparators.compareCodePoints((String) s.upperBound().orElseThrow(), v)).isGreaterThanOrEqualTo(0);
    }

    ColumnStats bin = m.columnStats().get(2);
    ByteBuffer lower = (ByteBuffer) bin.lowerBound().orElseThrow();
    ByteBuffer upper = (ByteBuffer) bin.upperBound().orElseThrow();
    assertThat(lower.remaining()).isLessThanOrEqualTo(16);
    assertThat(upper.remaining()).isLessThanOrEqualTo(16);
    for (Record r : rows) {
      ByteBuffer v = (ByteBuffer) r.get(1);
      assertThat(Comparators.compareUnsigned(lower, v)).isLessThanOrEqualTo(0);
      assertThat(Comparators.compareUnsigned(upper, v)).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void upperBoundIsDroppedWhenItCannotBeRoundedUp() {
    Schema schema = Schema.of(required(1, "s", Types.STRING));
    String max = new String(Character.toChars(Character.MAX_CODE_POINT)).repeat(20);
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/max.parquet", schema,
        List.of(Record.of(schema.asStruct(), max), Record.of(schema.asStruct(), "a")));
    ColumnStats s = m.columnStats().get(1);
    assertThat(s.lowerBound()).isEmpty();
    assertThat(s.upperBound()).isEmpty();
    assertThat(s.valueCount()).hasValue(2);
  }

  @Test
  void truncatedUpperBoundSkipsSurrogatesWhenIncrementing() {
    Schema schema = Schema.of(required(1, "s", Types.STRING));
    String v = "x".repeat(15) + "\uD7FF" + "tail";
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/sur.parquet", schema,
        List.of(Record.of(schema.asStruct(), v)));
    assertThat(m.columnStats().get(1).upperBound()).contains("x".repeat(15) + "\uE000");
  }

  @Test
  void manyRowGroupsSumCountsAndListSplitOffsets() {
    Schema schema = Schema.of(required(1, "id", Types.LONG), optional(2, "s", Types.STRING));
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      rows.add(Record.of(schema.asStruct(), i, i % 10 == 0 ? null : "v" + i));
    }
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/rg.parquet", schema, rows,
        Map.of(ParquetFileAppender.ROW_GROUP_SIZE_BYTES, "1"));
    ParquetFooter footer = ParquetFooter.read(io.newInputFile("mem:/rg.parquet"));

    assertThat(footer.rowGroupCount()).isGreaterThan(1);
    assertThat(footer.recordCount()).isEqualTo(1000);
    assertThat(m.recordCount()).isEqualTo(1000);
    assertThat(m.splitOffsets()).isSorted().hasSize(footer.rowGroupCount())
        .containsExactlyElementsOf(footer.rowGroups().stream().map(ParquetFooter.RowGroup::startingOffset).toList());
    assertThat(m.columnStats().get(1).lowerBound()).contains(0L);
    assertThat(m.columnStats().get(1).upperBound()).contains(999L);
    assertThat(m.columnStats().get(2).nullCount()).hasValue(100);
    assertThat(m.columnStats().get(2).valueCount()).hasValue(1000);
    long size = footer.rowGroups().stream()
        .mapToLong(g -> g.columnStats().get(1).columnSizeBytes().orElseThrow()).sum();
    assertThat(m.columnStats().get(1).columnSizeBytes()).hasValue(size);
  }
}
