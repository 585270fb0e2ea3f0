package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.data.Record;
import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import dev.floe.io.PositionOutputStream;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParquetErrorsTest {
  static final Types.StructType POINT = Types.StructType.of(required(4, "x", Types.INT));
  static final Schema SCHEMA = Schema.of(
      required(1, "id", Types.LONG),
      optional(2, "amount", Types.decimal(9, 2)),
      optional(3, "point", POINT),
      optional(5, "tags", new Types.ListType(6, Types.STRING, true)),
      optional(7, "fx", Types.fixed(2)),
      optional(8, "ts", Types.TIMESTAMP));

  private final InMemoryFileIO io = new InMemoryFileIO();

  private static Record row(Object... values) {
    return Record.of(SCHEMA.asStruct(), values);
  }

  private static Record good(long id) {
    return row(id, new BigDecimal("1.50"), Record.of(POINT, 1), List.of("a"), ByteBuffer.wrap(new byte[2]),
        LocalDateTime.of(2020, 1, 1, 0, 0));
  }

  private static void assertRejected(ParquetFileAppender appender, Record bad, String column) {
    assertThatThrownBy(() -> appender.add(bad))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(column));
  }

  @Test
  void badRowsAreRejectedByColumnAndLeaveTheFileIntact() {
    ParquetFileAppender appender = ParquetFileAppender.create(io.newOutputFile("mem:/e.parquet"), SCHEMA, Map.of());
    appender.add(good(1));

    assertRejected(appender, row(null, null, null, null, null, null), "id");
    assertRejected(appender, row(2, null, null, null, null, null), "id"); // Integer for a long
    assertRejected(appender, row(2L, 1.5d, null, null, null, null), "amount");
    assertRejected(appender, row(2L, new BigDecimal("1.555"), null, null, null, null), "amount");
    assertRejected(appender, row(2L, new BigDecimal("12345678.9"), null, null, null, null), "amount");
    assertRejected(appender, row(2L, null, Record.of(POINT, (Object) null), null, null, null), "point.x");
    assertRejected(appender, row(2L, null, Record.of(POINT, "one"), null, null, null), "point.x");
    assertRejected(appender, row(2L, null, null, Arrays.asList("a", null), null, null), "tags.element");
    assertRejected(appender, row(2L, null, null, List.of("a", 3), null, null), "tags.element");
    assertRejected(appender, row(2L, null, null, "a", null, null), "tags");
    assertRejected(appender, row(2L, null, null, null, ByteBuffer.wrap(new byte[3]), null), "fx");
    assertRejected(appender, row(2L, null, null, null, null, java.time.Instant.EPOCH), "ts");
    assertThatThrownBy(() -> appender.add(Record.of(Types.StructType.of(required(1, "id", Types.LONG)), 1L)))
        .isInstanceOf(InvalidInputException.class);

    appender.add(good(3));
    appender.close();

    assertThat(appender.metrics().recordCount()).isEqualTo(2);
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/e.parquet"), SCHEMA))
        .containsExactly(good(1), good(3));
  }

  @Test
  void decimalsWithFewerScaleDigitsAreRescaledExactly() {
    ParquetTestFiles.write(io, "mem:/d.parquet", SCHEMA,
        List.of(row(1L, new BigDecimal("2.5"), null, null, null, null)));
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/d.parquet"), SCHEMA).get(0).get(1))
        .isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void metricsAreOnlyReportedAfterASuccessfulClose() {
    ParquetFileAppender appender = ParquetFileAppender.create(io.newOutputFile("mem:/m.parquet"), SCHEMA, Map.of());
    appender.add(good(1));
    assertThatThrownBy(appender::metrics).isInstanceOf(IllegalStateException.class);
    appender.close();
    assertThat(appender.metrics().recordCount()).isEqualTo(1);
    assertThatThrownBy(() -> appender.add(good(2))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void storageFailureFailsTheAppenderAndReportsNoMetrics() {
    OutputFile failing = new OutputFile() {
      public String location() { return "mem:/broken.parquet"; }

      public PositionOutputStream create() {
        return new PositionOutputStream() {
          long pos;

          public long position() { return pos; }

          public void write(int b) throws IOException {
            if (pos >= 4) {
              throw new IOException("disk full");
            }
            pos++;
          }
        };
      }

      public void createExclusive(byte[] content) { throw new UnsupportedOperationException(); }

      public InputFile toInputFile() { throw new UnsupportedOperationException(); }
    };
    ParquetFileAppender appender = ParquetFileAppender.create(failing, SCHEMA,
        Map.of(ParquetFileAppender.ROW_GROUP_SIZE_BYTES, "1"));
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1000; i++) {
        appender.add(good(i));
      }
      appender.close();
    }).isInstanceOf(StorageException.class).hasMessageContaining("mem:/broken.parquet");
    assertThatThrownBy(appender::metrics).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unusableTablePropertiesAreRejected() {
    OutputFile out = io.newOutputFile("mem:/p.parquet");
    assertThatThrownBy(() -> ParquetFileAppender.create(out, SCHEMA,
        Map.of(ParquetFileAppender.COMPRESSION_CODEC, "lzo")))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("write.parquet.compression-codec"));
    assertThatThrownBy(() -> ParquetFileAppender.create(out, SCHEMA,
        Map.of(ParquetFileAppender.ROW_GROUP_SIZE_BYTES, "big")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ParquetFileAppender.create(out, SCHEMA,
        Map.of(ParquetFileAppender.PAGE_SIZE_BYTES, "0")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void truncatedFileIsCorruptAndNamed() {
    ParquetTestFiles.write(io, "mem:/full.parquet", SCHEMA, List.of(good(1), good(2)));
    byte[] bytes = io.newInputFile("mem:/full.parquet").readAllBytes();
    for (int keep : new int[] {0, 3, bytes.length / 2, bytes.length - 1}) {
      String location = "mem:/cut-" + keep + ".parquet";
      io.newOutputFile(location).createExclusive(Arrays.copyOf(bytes, keep));
      InputFile cut = io.newInputFile(location);
      assertThatThrownBy(() -> ParquetTestFiles.readAll(cut, SCHEMA))
          .isInstanceOf(CorruptFileException.class).hasMessageContaining(location);
      assertThatThrownBy(() -> ParquetFooter.read(cut))
          .isInstanceOf(CorruptFileException.class).hasMessageContaining(location);
    }
  }

  @Test
  void garbageIsCorrupt() {
    io.newOutputFile("mem:/junk.parquet").createExclusive("PAR1 this is not parquet at all PAR1".getBytes());
    assertThatThrownBy(() -> ParquetRecordReader.inferSchema(io.newInputFile("mem:/junk.parquet")))
        .isInstanceOf(CorruptFileException.class).hasMessageContaining("mem:/junk.parquet");
  }

  @Test
  void damagedColumnDataIsCorruptNotACrash() {
    List<Record> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(good(i));
    }
    ParquetTestFiles.write(io, "mem:/full.parquet", SCHEMA, rows,
        Map.of(ParquetFileAppender.COMPRESSION_CODEC, "zstd"));
    byte[] bytes = io.newInputFile("mem:/full.parquet").readAllBytes();
    ParquetFooter footer = ParquetFooter.read(io.newInputFile("mem:/full.parquet"));
    long start = footer.rowGroups().get(0).startingOffset();
    for (int i = 0; i < 64; i++) {
      bytes[(int) start + i] = (byte) 0x5a;
    }
    io.newOutputFile("mem:/damaged.parquet").createExclusive(bytes);
    assertThatThrownBy(() -> ParquetTestFiles.readAll(io.newInputFile("mem:/damaged.parquet"), SCHEMA))
        .isInstanceOf(CorruptFileException.class).hasMessageContaining("mem:/damaged.parquet");
  }
}
