package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The column-batch reader used for projections of top-level primitive columns, on files written
 * by parquet-java itself in every layout it produces: page v1 and v2, plain, dictionary and delta
 * encodings, each codec, many small pages and row groups, nulls in runs and scattered.
 */
class ParquetFlatReadTest {
  static final MessageType FILE = MessageTypeParser.parseMessageType(
      "message m {\n"
          + "  required int64 id = 1;\n"
          + "  optional int32 small = 2;\n"
          + "  optional binary name (STRING) = 3;\n"
          + "  optional double amount = 4;\n"
          + "  optional int64 ts (TIMESTAMP(MICROS,false)) = 5;\n"
          + "  optional boolean flag = 6;\n"
          + "  optional float ratio = 7;\n"
          + "  optional int32 day (DATE) = 8;\n"
          + "  optional binary raw = 9;\n"
          + "  optional fixed_len_byte_array(5) dec (DECIMAL(10,2)) = 10;\n"
          + "  optional binary category (STRING) = 11;\n"
          + "}");

  static final Schema SCHEMA = Schema.of(
      required(1, "id", Types.LONG),
      optional(2, "small", Types.LONG), // promoted from int
      optional(3, "name", Types.STRING),
      optional(4, "amount", Types.DOUBLE),
      optional(5, "ts", Types.TIMESTAMP),
      optional(6, "flag", Types.BOOLEAN),
      optional(7, "ratio", Types.DOUBLE), // promoted from float
      optional(8, "day", Types.DATE),
      optional(9, "raw", Types.BINARY),
      optional(10, "dec", Types.decimal(10, 2)),
      optional(11, "category", Types.STRING));

  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  /** Null in runs for some columns, scattered for others, never for others still. */
  private static boolean isNull(int column, long i) {
    switch (column) {
      case 2:
        return (i / 700) % 3 == 1;
      case 3:
        return i % 7 == 3;
      case 4:
        return i % 2 == 0 && (i / 1000) % 2 == 0;
      case 6:
        return i % 5 == 0;
      case 9:
        return i % 3 == 0;
      case 10:
        return i >= 2500 && i < 2600;
      case 11:
        return i % 11 == 0;
      default:
        return false;
    }
  }

  private static Object[] expected(long i) {
    Object[] v = new Object[11];
    v[0] = i;
    v[1] = (long) (int) (i * 31 - 5000);
    v[2] = "name-" + (i * 7919 % 100_003);
    v[3] = i * 0.5 - 17.25;
    v[4] = EPOCH.plusSeconds(i * 37 - 100_000).plusNanos((i % 1000) * 1000);
    v[5] = i % 4 == 1;
    v[6] = (double) (float) (i / 8.0f);
    v[7] = LocalDate.ofEpochDay(i % 40_000 - 20_000);
    v[8] = ByteBuffer.wrap(("r" + i).getBytes(StandardCharsets.UTF_8));
    v[9] = BigDecimal.valueOf(i * 101 - 77_777, 2);
    v[10] = "c" + (i % 13);
    for (int c = 0; c < v.length; c++) {
      if (isNull(c + 1, i)) {
        v[c] = null;
      }
    }
    return v;
  }

  private static Group group(SimpleGroupFactory groups, long i) {
    Object[] v = expected(i);
    Group g = groups.newGroup().append("id", i);
    if (v[1] != null) {
      g.append("small", (int) (long) (Long) v[1]);
    }
    if (v[2] != null) {
      g.append("name", (String) v[2]);
    }
    if (v[3] != null) {
      g.append("amount", (Double) v[3]);
    }
    if (v[4] != null) {
      LocalDateTime t = (LocalDateTime) v[4];
      long micros = t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
      g.append("ts", micros);
    }
    if (v[5] != null) {
      g.append("flag", (Boolean) v[5]);
    }
    if (v[6] != null) {
      g.append("ratio", (float) (double) (Double) v[6]);
    }
    if (v[7] != null) {
      g.append("day", (int) ((LocalDate) v[7]).toEpochDay());
    }
    if (v[8] != null) {
      g.append("raw", Binary.fromConstantByteArray(((ByteBuffer) v[8]).array()));
    }
    if (v[9] != null) {
      byte[] unscaled = ((BigDecimal) v[9]).unscaledValue().toByteArray();
      byte[] fixed = new byte[5];
      byte pad = (byte) (unscaled[0] < 0 ? 0xff : 0);
      java.util.Arrays.fill(fixed, pad);
      System.arraycopy(unscaled, 0, fixed, 5 - unscaled.length, unscaled.length);
      g.append("dec", Binary.fromConstantByteArray(fixed));
    }
    if (v[10] != null) {
      g.append("category", (String) v[10]);
    }
    return g;
  }

  /** Rows 0..rows-1 of {@link #FILE} in many small pages and row groups. */
  private static void writeWithParquetJava(InMemoryFileIO io, String location, int rows, WriterVersion version,
      CompressionCodecName codec, boolean dictionary) throws Exception {
    SimpleGroupFactory groups = new SimpleGroupFactory(FILE);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new ParquetIO.Output(io.newOutputFile(location)))
        .withType(FILE).withConf(new Configuration(false))
        .withWriterVersion(version).withCompressionCodec(codec).withDictionaryEncoding(dictionary)
        .withPageSize(2048).withDictionaryPageSize(4096).withPageRowCountLimit(300)
        .withRowGroupSize(16 * 1024L).build()) {
      for (long i = 0; i < rows; i++) {
        w.write(group(groups, i));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
      "PARQUET_1_0, UNCOMPRESSED, true",
      "PARQUET_1_0, ZSTD, true",
      "PARQUET_1_0, SNAPPY, false",
      "PARQUET_2_0, UNCOMPRESSED, true",
      "PARQUET_2_0, ZSTD, true",
      "PARQUET_2_0, GZIP, false",
  })
  void everyLayoutParquetJavaWritesReadsBack(WriterVersion version, CompressionCodecName codec, boolean dictionary)
      throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    int rows = 5000;
    writeWithParquetJava(io, "mem:/x.parquet", rows, version, codec, dictionary);
    assertThat(ParquetFooter.read(io.newInputFile("mem:/x.parquet")).rowGroupCount()).isGreaterThan(1);

    List<Record> read = ParquetTestFiles.readAll(io.newInputFile("mem:/x.parquet"), SCHEMA);
    assertThat(read).hasSize(rows);
    for (int i = 0; i < rows; i++) {
      assertThat(values(read.get(i))).as("row %d", i).containsExactly(expected(i));
    }

    // a projection in another order, with a column the file lacks
    Schema projection = Schema.of(optional(11, "category", Types.STRING), optional(99, "added", Types.STRING),
        required(1, "id", Types.LONG));
    List<Record> projected = ParquetTestFiles.readAll(io.newInputFile("mem:/x.parquet"), projection);
    for (int i = 0; i < rows; i++) {
      assertThat(values(projected.get(i))).containsExactly(expected(i)[10], null, (long) i);
    }
  }

  @ParameterizedTest
  @CsvSource({"uncompressed", "zstd", "snappy"})
  void floeFilesReadBackAcrossManyPagesAndRowGroups(String codec) {
    InMemoryFileIO io = new InMemoryFileIO();
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 12_000; i++) {
      rows.add(Record.of(SCHEMA.asStruct(), expected(i)));
    }
    ParquetTestFiles.write(io, "mem:/f.parquet", SCHEMA, rows, java.util.Map.of(
        ParquetFileAppender.COMPRESSION_CODEC, codec,
        ParquetFileAppender.PAGE_SIZE_BYTES, "4096",
        ParquetFileAppender.ROW_GROUP_SIZE_BYTES, String.valueOf(64 * 1024)));
    assertThat(ParquetFooter.read(io.newInputFile("mem:/f.parquet")).rowGroupCount()).isGreaterThan(1);
    List<Record> read = ParquetTestFiles.readAll(io.newInputFile("mem:/f.parquet"), SCHEMA);
    assertThat(read).isEqualTo(rows);
  }

  @ParameterizedTest
  @CsvSource({"4096", "1048576"})
  void nestedColumnsSpanManyPagesAndRowGroups(int pageSize) {
    // the record-assembly reader (nested projection) over pages cut between rows of lists and maps
    InMemoryFileIO io = new InMemoryFileIO();
    Schema schema = ParquetRoundTripTest.ALL_TYPES;
    List<Record> rows = new ArrayList<>();
    Record[] shapes = {ParquetRoundTripTest.full1(), ParquetRoundTripTest.full2(),
        Record.of(schema.asStruct(), new Object[schema.columns().size()]).with("id", 0L)};
    for (long i = 0; i < 6_000; i++) {
      Record shape = shapes[(int) (i % 7 % 3)];
      rows.add(shape.with("id", i));
    }
    ParquetTestFiles.write(io, "mem:/n.parquet", schema, rows, java.util.Map.of(
        ParquetFileAppender.PAGE_SIZE_BYTES, String.valueOf(pageSize),
        ParquetFileAppender.ROW_GROUP_SIZE_BYTES, String.valueOf(256 * 1024)));
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/n.parquet"), schema)).isEqualTo(rows);
  }

  @ParameterizedTest
  @CsvSource({
      "PARQUET_1_0, UNCOMPRESSED, true, 1024",
      "PARQUET_1_0, ZSTD, false, 777",
      "PARQUET_2_0, ZSTD, true, 4096",
      "PARQUET_2_0, GZIP, false, 333",
  })
  void columnBatchesCarryInternalValuesInEveryLayout(WriterVersion version, CompressionCodecName codec,
      boolean dictionary, int batchSize) throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    int rows = 5000;
    writeWithParquetJava(io, "mem:/c.parquet", rows, version, codec, dictionary);
    // every column whose file values are already internal ones, in another order, and one the file lacks
    int[] columns = {11, 1, 3, 4, 5, 6, 8, 9};
    List<Types.NestedField> fields = new ArrayList<>();
    for (int id : columns) {
      fields.add(SCHEMA.findField(id).orElseThrow());
    }
    fields.add(3, optional(99, "added", Types.STRING));
    Schema projection = new Schema(0, fields);

    List<Object[]> read = new ArrayList<>();
    RecordingSink[] sinks = new RecordingSink[fields.size()];
    try (ColumnBatchReader reader = ParquetRecordReader.readColumns(io.newInputFile("mem:/c.parquet"), projection,
        RowGroupFilter.ALL, ReadStats.none()).orElseThrow()) {
      int n;
      do {
        for (int c = 0; c < sinks.length; c++) {
          sinks[c] = new RecordingSink(batchSize);
        }
        n = reader.next(sinks, batchSize);
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[sinks.length];
          for (int c = 0; c < sinks.length; c++) {
            assertThat(sinks[c].calls[r]).as("calls for row %d column %d", read.size(), c).isEqualTo(1);
            row[c] = sinks[c].values[r];
          }
          read.add(row);
        }
        for (RecordingSink sink : sinks) {
          assertThat(sink.callsAfter(n)).as("calls past the batch").isZero();
        }
      } while (n > 0);
    }
    assertThat(read).hasSize(rows);
    for (int i = 0; i < rows; i++) {
      Object[] all = expected(i);
      Object[] want = new Object[fields.size()];
      for (int c = 0; c < want.length; c++) {
        Types.NestedField f = fields.get(c);
        Object external = f.id() == 99 ? null : all[f.id() - 1];
        want[c] = external == null ? null : internal(f.type().asPrimitive(), external);
      }
      assertThat(read.get(i)).as("row %d", i).containsExactly(want);
    }
  }

  @org.junit.jupiter.api.Test
  void floeFilesOfferColumnBatchesForEveryColumnButDecimals() {
    InMemoryFileIO io = new InMemoryFileIO();
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      rows.add(Record.of(SCHEMA.asStruct(), expected(i)));
    }
    ParquetTestFiles.write(io, "mem:/p.parquet", SCHEMA, rows);
    // Floe writes small and ratio as the table's types (long, double), so their values are internal ones
    Schema flat = Schema.of(required(1, "id", Types.LONG), optional(2, "small", Types.LONG),
        optional(7, "ratio", Types.DOUBLE));
    Schema decimal = Schema.of(required(1, "id", Types.LONG), optional(10, "dec", Types.decimal(10, 2)));
    assertThat(ParquetRecordReader.readColumns(io.newInputFile("mem:/p.parquet"), flat, null, null)).isPresent();
    assertThat(ParquetRecordReader.readColumns(io.newInputFile("mem:/p.parquet"), decimal, null, null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2", "7", "10"})
  void columnBatchesAreNotOfferedForParquetJavaFilesWhoseValuesNeedConverting(int fieldId) throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    SimpleGroupFactory groups = new SimpleGroupFactory(FILE);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new ParquetIO.Output(io.newOutputFile("mem:/q.parquet")))
        .withType(FILE).withConf(new Configuration(false)).build()) {
      for (long i = 0; i < 10; i++) {
        w.write(group(groups, i));
      }
    }
    Schema projection = Schema.of(required(1, "id", Types.LONG), SCHEMA.findField(fieldId).orElseThrow());
    assertThat(ParquetRecordReader.readColumns(io.newInputFile("mem:/q.parquet"), projection, null, null)).isEmpty();
    // the record path reads the same columns
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/q.parquet"), projection)).hasSize(10);
  }

  /** A value as a {@link ColumnSink} receives it, in a form that compares by value. */
  private static Object internal(dev.floe.types.Type.PrimitiveType type, Object external) {
    return switch (type.kind()) {
      case STRING -> ByteBuffer.wrap(((String) external).getBytes(StandardCharsets.UTF_8));
      case BINARY -> ByteBuffer.wrap(((ByteBuffer) external).array().clone());
      case DATE -> (int) ((LocalDate) external).toEpochDay();
      case TIMESTAMP -> {
        LocalDateTime t = (LocalDateTime) external;
        yield t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
      }
      default -> external;
    };
  }

  /** Keeps what it is given, bytes as a copy, and counts the calls per row. */
  private static final class RecordingSink implements ColumnSink {
    final Object[] values;
    final int[] calls;

    RecordingSink(int capacity) {
      values = new Object[capacity + 1];
      calls = new int[capacity + 1];
    }

    int callsAfter(int n) {
      int k = 0;
      for (int i = n; i < calls.length; i++) {
        k += calls[i];
      }
      return k;
    }

    private void set(int row, Object v) {
      calls[row]++;
      values[row] = v;
    }

    public void putNull(int row) {
      set(row, null);
    }

    public void putBoolean(int row, boolean value) {
      set(row, value);
    }

    public void putInt(int row, int value) {
      set(row, value);
    }

    public void putLong(int row, long value) {
      set(row, value);
    }

    public void putFloat(int row, float value) {
      set(row, value);
    }

    public void putDouble(int row, double value) {
      set(row, value);
    }

    public void putBytes(int row, byte[] bytes, int offset, int length) {
      set(row, ByteBuffer.wrap(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
    }
  }

  private static Object[] values(Record r) {
    Object[] v = new Object[r.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }
}
