package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetRoundTripTest {
  static final Types.StructType POINT = Types.StructType.of(
      required(19, "x", Types.INT),
      optional(20, "label", Types.STRING));
  static final Types.StructType ITEM = Types.StructType.of(
      optional(28, "a", Types.INT),
      optional(29, "m", new Types.MapType(30, Types.INT, 31, new Types.ListType(32, Types.DOUBLE, false), false)));

  static final Schema ALL_TYPES = Schema.of(
      required(1, "id", Types.LONG),
      optional(2, "b", Types.BOOLEAN),
      optional(3, "i", Types.INT),
      optional(4, "l", Types.LONG),
      optional(5, "f", Types.FLOAT),
      optional(6, "d", Types.DOUBLE),
      optional(7, "dec9", Types.decimal(9, 2)),
      optional(8, "dec18", Types.decimal(18, 4)),
      optional(9, "dec38", Types.decimal(38, 10)),
      optional(10, "day", Types.DATE),
      optional(11, "t", Types.TIME),
      optional(12, "ts", Types.TIMESTAMP),
      optional(13, "tstz", Types.TIMESTAMPTZ),
      optional(14, "s", Types.STRING),
      optional(15, "u", Types.UUID),
      optional(16, "bin", Types.BINARY),
      optional(17, "fx", Types.fixed(4)),
      optional(18, "point", POINT),
      optional(21, "tags", new Types.ListType(22, Types.STRING, false)),
      optional(23, "attrs", new Types.MapType(24, Types.STRING, 25, Types.LONG, false)),
      optional(26, "items", new Types.ListType(27, ITEM, true)));

  static final UUID U1 = UUID.fromString("00000000-0000-0001-0000-000000000002");
  static final UUID U2 = UUID.fromString("f0000000-0000-0000-0000-0000000000ff");

  static Record full1() {
    Map<String, Long> attrs = new LinkedHashMap<>();
    attrs.put("k1", 1L);
    attrs.put("k2", null);
    Map<Integer, List<Double>> m = new LinkedHashMap<>();
    m.put(7, Arrays.asList(1.5, null, -2.25));
    m.put(8, List.of());
    return Record.of(ALL_TYPES.asStruct(),
        1L, true, 42, 1L << 40, 1.25f, -3.5d,
        new BigDecimal("1234567.89"), new BigDecimal("-12345678901234.5678"),
        new BigDecimal("1234567890123456789012345678.0123456789"),
        LocalDate.of(2026, 1, 15), LocalTime.of(13, 45, 30, 123_456_000),
        LocalDateTime.of(2026, 1, 15, 13, 45, 30, 123_456_000),
        OffsetDateTime.of(2026, 1, 15, 13, 45, 30, 654_321_000, ZoneOffset.UTC),
        "héllo wörld", U1, ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}),
        ByteBuffer.wrap(new byte[] {9, 8, 7, 6}),
        Record.of(POINT, 3, "p"),
        Arrays.asList("a", null, "c"),
        attrs,
        List.of(Record.of(ITEM, 5, m), Record.of(ITEM, null, null)));
  }

  static Record full2() {
    return Record.of(ALL_TYPES.asStruct(),
        2L, false, -7, -5L, -0.5f, 1e300,
        new BigDecimal("-0.01"), new BigDecimal("0.0001"),
        new BigDecimal("-9999999999999999999999999999.9999999999"),
        LocalDate.of(1969, 12, 31), LocalTime.MIDNIGHT,
        LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000),
        OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
        "", U2, ByteBuffer.wrap(new byte[0]),
        ByteBuffer.wrap(new byte[] {0, 0, 0, 0}),
        Record.of(POINT, -1, null),
        List.of(),
        Map.of(),
        List.of());
  }

  static Record allNull() {
    Object[] values = new Object[ALL_TYPES.columns().size()];
    values[0] = 3L;
    return Record.of(ALL_TYPES.asStruct(), values);
  }

  @Test
  void everyTypeRoundTripsWithNullsAndNesting() {
    InMemoryFileIO io = new InMemoryFileIO();
    List<Record> rows = List.of(full1(), full2(), allNull());
    DataFileMetrics metrics = ParquetTestFiles.write(io, "mem:/t/all.parquet", ALL_TYPES, rows);

    List<Record> read = ParquetTestFiles.readAll(io.newInputFile("mem:/t/all.parquet"), ALL_TYPES);
    assertThat(read).containsExactlyElementsOf(rows);
    assertThat(metrics.recordCount()).isEqualTo(3);
    assertThat(metrics.fileSizeBytes()).isEqualTo(io.newInputFile("mem:/t/all.parquet").length());
    assertThat(metrics.splitOffsets()).containsExactly(4L);
  }

  @Test
  void metricsCarryCountsAndInternalBounds() {
    InMemoryFileIO io = new InMemoryFileIO();
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/t/all.parquet", ALL_TYPES,
        List.of(full1(), full2(), allNull()));
    Map<Integer, ColumnStats> stats = m.columnStats();

    assertBounds(stats.get(1), 1L, 3L, 0);
    assertBounds(stats.get(2), false, true, 1);
    assertBounds(stats.get(3), -7, 42, 1);
    assertBounds(stats.get(5), -0.5f, 1.25f, 1);
    assertBounds(stats.get(6), -3.5d, 1e300, 1);
    assertBounds(stats.get(7), new BigDecimal("-0.01"), new BigDecimal("1234567.89"), 1);
    assertBounds(stats.get(8), new BigDecimal("-12345678901234.5678"), new BigDecimal("0.0001"), 1);
    assertBounds(stats.get(9), new BigDecimal("-9999999999999999999999999999.9999999999"),
        new BigDecimal("1234567890123456789012345678.0123456789"), 1);
    // 1969-12-31 is day -1, 2026-01-15 is day 20468
    assertBounds(stats.get(10), -1, 20468, 1);
    assertBounds(stats.get(11), 0L, (13 * 3600 + 45 * 60 + 30) * 1_000_000L + 123_456L, 1);
    // 1900-01-01T00:00:00.000001 and 2026-01-15T13:45:30.123456, as microseconds since the epoch
    assertBounds(stats.get(12), -2_208_988_800_000_000L + 1, 1_768_484_730_123_456L, 1);
    assertBounds(stats.get(13), -1L, 1_768_484_730_654_321L, 1);
    assertBounds(stats.get(14), "", "héllo wörld", 1);
    assertBounds(stats.get(15), U1, U2, 1);
    assertBounds(stats.get(16), ByteBuffer.wrap(new byte[0]), ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), 1);
    assertBounds(stats.get(19), -1, 3, 1);
    assertBounds(stats.get(20), "p", "p", 2);

    // list and map contents: counts, no bounds
    ColumnStats tagElements = stats.get(22);
    assertThat(tagElements.valueCount()).hasValue(5); // a, null, c + the empty list + the null list
    assertThat(tagElements.nullCount()).hasValue(3);
    assertThat(tagElements.lowerBound()).isEmpty();
    assertThat(stats.get(24).lowerBound()).isEmpty();
    assertThat(stats.get(32).nanCount()).hasValue(0);

    for (ColumnStats s : stats.values()) {
      assertThat(s.columnSizeBytes().orElseThrow()).as("size of %s", s.fieldId()).isPositive();
    }
    assertThat(stats.keySet()).doesNotContain(18, 21, 23, 26, 27, 29, 31);
  }

  private static void assertBounds(ColumnStats s, Object lower, Object upper, long nulls) {
    assertThat(s.valueCount()).hasValue(3);
    assertThat(s.nullCount()).as("nulls of %s", s.fieldId()).hasValue(nulls);
    assertThat(s.lowerBound()).as("lower of %s", s.fieldId()).contains(lower);
    assertThat(s.upperBound()).as("upper of %s", s.fieldId()).contains(upper);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "snappy", "gzip", "uncompressed"})
  void everyCodecRoundTrips(String codec) throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    List<Record> rows = List.of(full1(), full2(), allNull());
    ParquetTestFiles.write(io, "mem:/t/c.parquet", ALL_TYPES, rows,
        Map.of(ParquetFileAppender.COMPRESSION_CODEC, codec));
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/t/c.parquet"), ALL_TYPES))
        .containsExactlyElementsOf(rows);
    try (ParquetFileReader r = ParquetIO.open(io.newInputFile("mem:/t/c.parquet"))) {
      assertThat(r.getRowGroups().get(0).getColumns().get(0).getCodec().name())
          .isEqualToIgnoringCase(codec);
    }
  }

  @Test
  void lowCardinalityColumnsUseDictionariesAndStillRoundTrip() throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    List<Record> rows = new ArrayList<>();
    Record[] templates = {full1(), full2(), allNull()};
    for (int i = 0; i < 3000; i++) {
      rows.add(templates[i % 3].with("id", (long) i));
    }
    ParquetTestFiles.write(io, "mem:/t/dict.parquet", ALL_TYPES, rows);

    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/t/dict.parquet"), ALL_TYPES))
        .containsExactlyElementsOf(rows);
    try (ParquetFileReader r = ParquetIO.open(io.newInputFile("mem:/t/dict.parquet"))) {
      ColumnChunkMetaData strings = r.getRowGroups().get(0).getColumns().stream()
          .filter(c -> c.getPath().toDotString().equals("s")).findFirst().orElseThrow();
      assertThat(strings.getEncodings()).anyMatch(Encoding::usesDictionary);
    }
  }

  @Test
  void nearlyUniqueColumnsSkipTheDictionaryWhileRepetitiveOnesKeepIt() throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    Schema schema = Schema.of(required(1, "id", Types.LONG), required(2, "amount", Types.DOUBLE),
        required(3, "payload", Types.STRING), required(4, "category", Types.STRING),
        required(5, "code", Types.INT), required(6, "mostly", Types.LONG));
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // "mostly": 75% distinct at the probe, under the 80% cut-off: the dictionary stays
      long mostly = i % 4 == 3 ? i - 1 : i;
      rows.add(Record.of(schema.asStruct(), (long) i, i * 1.5, "p-" + i, "cat-" + (i % 7), i % 3, mostly));
    }
    ParquetTestFiles.write(io, "mem:/t/card.parquet", schema, rows);

    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/t/card.parquet"), schema))
        .containsExactlyElementsOf(rows);
    try (ParquetFileReader r = ParquetIO.open(io.newInputFile("mem:/t/card.parquet"))) {
      Map<String, Boolean> dictionary = new java.util.HashMap<>();
      for (ColumnChunkMetaData c : r.getRowGroups().get(0).getColumns()) {
        dictionary.put(c.getPath().toDotString(), c.getEncodings().stream().anyMatch(Encoding::usesDictionary));
      }
      assertThat(dictionary).containsExactlyInAnyOrderEntriesOf(Map.of("id", false, "amount", false,
          "payload", false, "category", true, "code", true, "mostly", true));
    }
  }

  @Test
  void readBinaryValuesAreIndependentCopies() {
    InMemoryFileIO io = new InMemoryFileIO();
    Schema schema = Schema.of(required(1, "b", Types.BINARY));
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(Record.of(schema.asStruct(), ByteBuffer.wrap("same".getBytes(StandardCharsets.UTF_8))));
    }
    ParquetTestFiles.write(io, "mem:/t/b.parquet", schema, rows);
    List<Record> read = ParquetTestFiles.readAll(io.newInputFile("mem:/t/b.parquet"), schema);
    ((ByteBuffer) read.get(0).get(0)).put(0, (byte) 'X');
    assertThat(read.get(1).get(0)).isEqualTo(ByteBuffer.wrap("same".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void emptyFileHasNoRowGroupsAndReadsNothing() {
    InMemoryFileIO io = new InMemoryFileIO();
    DataFileMetrics m = ParquetTestFiles.write(io, "mem:/t/e.parquet", ALL_TYPES, List.of());
    assertThat(m.recordCount()).isZero();
    assertThat(m.splitOffsets()).isEmpty();
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/t/e.parquet"), ALL_TYPES)).isEmpty();
    assertThat(ParquetFooter.read(io.newInputFile("mem:/t/e.parquet")).rowGroupCount()).isZero();
  }

  @Test
  void lengthGrowsWhileWritingAndEndsAtTheFileSize() {
    InMemoryFileIO io = new InMemoryFileIO();
    ParquetFileAppender appender = ParquetFileAppender.create(io.newOutputFile("mem:/t/len.parquet"),
        ALL_TYPES, Map.of());
    long before = appender.length();
    for (int i = 0; i < 2000; i++) {
      appender.add(full1().with("id", (long) i));
    }
    long during = appender.length();
    appender.close();
    assertThat(during).isGreaterThan(before);
    assertThat(appender.length()).isEqualTo(appender.metrics().fileSizeBytes())
        .isEqualTo(io.newInputFile("mem:/t/len.parquet").length());
    assertThat(appender.recordCount()).isEqualTo(2000);
  }
}
