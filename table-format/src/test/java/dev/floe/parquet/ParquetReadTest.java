package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.io.InputFile;
import dev.floe.io.SeekableInputStream;
import dev.floe.manifest.ColumnStats;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParquetReadTest {
  static final Types.StructType ADDRESS = Types.StructType.of(
      optional(5, "city", Types.STRING),
      optional(6, "zip", Types.INT));
  static final Schema TABLE = Schema.of(
      required(1, "id", Types.LONG),
      optional(2, "name", Types.STRING),
      optional(3, "score", Types.INT),
      optional(4, "address", ADDRESS),
      optional(7, "ratio", Types.FLOAT));

  private final InMemoryFileIO io = new InMemoryFileIO();

  private InputFile writeTable(int rows) {
    List<Record> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(Record.of(TABLE.asStruct(), (long) i, "name-" + i + "-" + "x".repeat(200), i * 10,
          Record.of(ADDRESS, "city" + (i % 3), 1000 + i), i / 2f));
    }
    ParquetTestFiles.write(io, "mem:/p.parquet", TABLE, data);
    return io.newInputFile("mem:/p.parquet");
  }

  @Test
  void projectionReordersSelectsPromotesAndFillsMissingColumnsWithNull() {
    InputFile file = writeTable(3);
    Types.StructType zipOnly = Types.StructType.of(optional(6, "zip", Types.INT));
    Schema projection = Schema.of(
        optional(3, "score", Types.LONG), // int in the file: promoted
        optional(8, "added_later", Types.STRING), // not in the file
        optional(4, "addr", zipOnly), // renamed and pruned: matched by id
        required(1, "id", Types.LONG),
        optional(7, "ratio", Types.DOUBLE));

    List<Record> read = ParquetTestFiles.readAll(file, projection);

    assertThat(read).containsExactly(
        Record.of(projection.asStruct(), 0L, null, Record.of(zipOnly, 1000), 0L, 0d),
        Record.of(projection.asStruct(), 10L, null, Record.of(zipOnly, 1001), 1L, 0.5d),
        Record.of(projection.asStruct(), 20L, null, Record.of(zipOnly, 1002), 2L, 1d));
    assertThat(read.get(0).struct()).isEqualTo(projection.asStruct());
  }

  @Test
  void decimalPrecisionCanWidenAcrossPhysicalWidths() {
    Schema narrow = Schema.of(optional(1, "amount", Types.decimal(9, 2)));
    ParquetTestFiles.write(io, "mem:/dec.parquet", narrow, List.of(
        Record.of(narrow.asStruct(), new java.math.BigDecimal("-1234567.89")),
        Record.of(narrow.asStruct(), (Object) null)));
    Schema wide = Schema.of(optional(1, "amount", Types.decimal(30, 2)));
    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/dec.parquet"), wide)).containsExactly(
        Record.of(wide.asStruct(), new java.math.BigDecimal("-1234567.89")),
        Record.of(wide.asStruct(), (Object) null));
    Schema otherScale = Schema.of(optional(1, "amount", Types.decimal(30, 3)));
    assertThatThrownBy(() -> ParquetRecordReader.read(io.newInputFile("mem:/dec.parquet"), otherScale))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void projectionOfOnlyMissingColumnsStillYieldsOneRecordPerRow() {
    InputFile file = writeTable(4);
    Schema projection = Schema.of(optional(99, "new_col", Types.STRING));
    ReadStats stats = new ReadStats();
    List<Record> read = ParquetTestFiles.drain(
        ParquetRecordReader.read(file, projection, RowGroupFilter.ALL, null, stats));
    assertThat(read).hasSize(4).allSatisfy(r -> assertThat(r.get(0)).isNull());
    assertThat(stats.rowsRead()).isEqualTo(4);
  }

  @Test
  void structWhoseProjectedFieldsAreAllNewStaysNonNullWhereTheFileHasIt() {
    List<Record> data = List.of(
        Record.of(TABLE.asStruct(), 1L, null, null, Record.of(ADDRESS, "Oslo", 1), null),
        Record.of(TABLE.asStruct(), 2L, null, null, null, null));
    ParquetTestFiles.write(io, "mem:/s.parquet", TABLE, data);
    Types.StructType countryOnly = Types.StructType.of(optional(50, "country", Types.STRING));
    Schema projection = Schema.of(optional(4, "address", countryOnly));

    assertThat(ParquetTestFiles.readAll(io.newInputFile("mem:/s.parquet"), projection)).containsExactly(
        Record.of(projection.asStruct(), Record.of(countryOnly, (Object) null)),
        Record.of(projection.asStruct(), (Object) null));
  }

  @Test
  void columnsOutsideTheProjectionAreNotRead() {
    InputFile file = writeTable(2000);
    AtomicLong bytes = new AtomicLong();
    InputFile counting = countingBytes(file, bytes);

    List<Record> ids = ParquetTestFiles.readAll(counting, Schema.of(required(1, "id", Types.LONG)));
    long idBytes = bytes.getAndSet(0);
    ParquetTestFiles.readAll(counting, TABLE);
    long allBytes = bytes.get();

    assertThat(ids).hasSize(2000);
    assertThat(idBytes * 4).isLessThan(allBytes);
  }

  @Test
  void incompatibleTypeForAFieldIdNamesTheColumn() {
    InputFile file = writeTable(1);
    Schema wrong = Schema.of(optional(2, "name", Types.INT));
    assertThatThrownBy(() -> ParquetRecordReader.read(file, wrong))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("name"));
  }

  @Test
  void rowGroupFilterSkipsRowGroupsWithoutReadingThem() {
    Schema schema = Schema.of(required(1, "id", Types.LONG), optional(2, "s", Types.STRING));
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      rows.add(Record.of(schema.asStruct(), i, "s" + i));
    }
    ParquetTestFiles.write(io, "mem:/rg.parquet", schema, rows,
        Map.of(ParquetFileAppender.ROW_GROUP_SIZE_BYTES, "1"));
    InputFile file = io.newInputFile("mem:/rg.parquet");
    int groups = ParquetFooter.read(file).rowGroupCount();
    assertThat(groups).isGreaterThan(2);

    RowGroupFilter contains550 = (rowCount, stats) -> {
      ColumnStats id = stats.get(1);
      return (Long) id.lowerBound().orElseThrow() <= 550 && (Long) id.upperBound().orElseThrow() >= 550;
    };
    ReadStats stats = new ReadStats();
    List<Record> read = ParquetTestFiles.drain(
        ParquetRecordReader.read(file, schema, contains550, null, stats));

    assertThat(stats.rowGroupsTotal()).isEqualTo(groups);
    assertThat(stats.rowGroupsRead()).isEqualTo(1);
    assertThat(stats.rowGroupsSkipped()).isEqualTo(groups - 1);
    assertThat(stats.rowsRead()).isEqualTo(read.size()).isLessThan(1000);
    assertThat(read).extracting(r -> (Long) r.get(0)).contains(550L).isSorted();

    ReadStats residualStats = new ReadStats();
    List<Record> only = ParquetTestFiles.drain(ParquetRecordReader.read(file, schema, contains550,
        r -> (Long) r.get(0) == 550L, residualStats));
    assertThat(only).containsExactly(Record.of(schema.asStruct(), 550L, "s550"));
    assertThat(residualStats.rowsReturned()).isEqualTo(1);
    assertThat(residualStats.rowsRead()).isEqualTo(read.size());
  }

  @Test
  void rowGroupStatisticsArePromotedToTheProjectionTypes() {
    InputFile file = writeTable(5);
    Schema projection = Schema.of(optional(3, "score", Types.LONG));
    List<Object> seen = new ArrayList<>();
    ParquetTestFiles.drain(ParquetRecordReader.read(file, projection, (n, stats) -> {
      seen.add(stats.get(3).lowerBound().orElseThrow());
      seen.add(stats.get(3).upperBound().orElseThrow());
      return true;
    }, null, ReadStats.none()));
    assertThat(seen).containsExactly(0L, 40L);
  }

  @Test
  void closingEarlyIsSafeAndIdempotent() {
    InputFile file = writeTable(10);
    var it = ParquetRecordReader.read(file, TABLE);
    assertThat(it.next().get(0)).isEqualTo(0L);
    it.close();
    it.close();
    assertThat(it.hasNext()).isFalse();
  }

  private static InputFile countingBytes(InputFile file, AtomicLong bytes) {
    return new InputFile() {
      public String location() { return file.location(); }

      public long length() { return file.length(); }

      public boolean exists() { return file.exists(); }

      public SeekableInputStream newStream() {
        SeekableInputStream in = file.newStream();
        return new SeekableInputStream() {
          public long position() throws IOException { return in.position(); }

          public void seek(long pos) throws IOException { in.seek(pos); }

          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              bytes.incrementAndGet();
            }
            return b;
          }

          public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
              bytes.addAndGet(n);
            }
            return n;
          }

          public void close() throws IOException { in.close(); }
        };
      }
    };
  }
}
