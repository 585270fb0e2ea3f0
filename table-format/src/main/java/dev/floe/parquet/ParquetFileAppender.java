package dev.floe.parquet;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.io.OutputFile;
import dev.floe.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one Parquet data file of Floe records and reports its {@link DataFileMetrics}.
 *
 * <p>Rows use the external Java values documented on {@link Record}. Each row is checked
 * completely before any of it is written: a null in a required column or a value of the wrong
 * Java type throws {@link InvalidInputException} naming the column, and the row is not written
 * (the appender stays usable; rows added before are unaffected). A storage failure throws
 * {@link StorageException} and leaves the appender failed: it then reports no metrics, and its
 * file must be treated as garbage.
 *
 * <p>Table properties honoured: {@code write.parquet.compression-codec} (zstd by default; snappy,
 * gzip, uncompressed), {@code write.parquet.compression-level} (zstd only),
 * {@code write.parquet.row-group-size-bytes} (128 MiB), {@code write.parquet.page-size-bytes}
 * (1 MiB), {@code write.parquet.dict-size-bytes} (2 MiB).
 */
public final class ParquetFileAppender implements AutoCloseable {
  public static final String COMPRESSION_CODEC = "write.parquet.compression-codec";
  public static final String COMPRESSION_LEVEL = "write.parquet.compression-level";
  public static final String ROW_GROUP_SIZE_BYTES = "write.parquet.row-group-size-bytes";
  public static final String PAGE_SIZE_BYTES = "write.parquet.page-size-bytes";
  public static final String DICT_SIZE_BYTES = "write.parquet.dict-size-bytes";

  static final long DEFAULT_ROW_GROUP_SIZE = 134_217_728L;
  static final int DEFAULT_PAGE_SIZE = 1_048_576;
  static final int DEFAULT_DICT_SIZE = 2_097_152;

  private enum State { OPEN, CLOSED, FAILED }

  /** Row-group size checks: first after this many rows, then adaptively, at most this far apart. */
  private static final long MIN_ROWS_BETWEEN_CHECKS = 100;
  private static final long MAX_ROWS_BETWEEN_CHECKS = 10_000;

  private final String location;
  private final MessageType parquetSchema;
  private final RecordShredder shredder;
  private final ParquetIO.Output output;
  private final ParquetFileWriter writer;
  private final ParquetProperties properties;
  private final PageCompressors compressors;
  private final long rowGroupSize;
  private final long pageSizeThreshold;
  private final long pageRowLimit;
  private CompressingPageStore pages;
  private ColumnChunkWriter[] columns;
  private long rowsInGroup;
  private long rowsSincePageCheck;
  private long nextPageCheck = MIN_ROWS_BETWEEN_CHECKS;
  private long nextSizeCheck = MIN_ROWS_BETWEEN_CHECKS;
  private State state = State.OPEN;
  private long recordCount;
  private DataFileMetrics metrics;

  private ParquetFileAppender(String location, MessageType parquetSchema, RecordShredder shredder,
      ParquetIO.Output output, ParquetFileWriter writer, ParquetProperties properties, PageCompressors compressors,
      long rowGroupSize) {
    this.location = location;
    this.parquetSchema = parquetSchema;
    this.shredder = shredder;
    this.output = output;
    this.writer = writer;
    this.properties = properties;
    this.compressors = compressors;
    this.rowGroupSize = rowGroupSize;
    this.pageSizeThreshold = properties.getPageSizeThreshold();
    this.pageRowLimit = properties.getPageRowCountLimit();
    startRowGroup();
  }

  /**
   * Creates the file and returns an appender for it.
   *
   * @throws InvalidInputException if a table property has an unusable value
   * @throws StorageException if the file cannot be created
   */
  public static ParquetFileAppender create(OutputFile out, Schema schema, Map<String, String> tableProperties) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schema, "schema");
    Map<String, String> props = tableProperties == null ? Map.of() : tableProperties;
    CompressionCodecName codec = codec(props.get(COMPRESSION_CODEC));
    long rowGroupSize = positiveLong(props, ROW_GROUP_SIZE_BYTES, DEFAULT_ROW_GROUP_SIZE);
    int pageSize = positiveInt(props, PAGE_SIZE_BYTES, DEFAULT_PAGE_SIZE);
    int dictSize = positiveInt(props, DICT_SIZE_BYTES, DEFAULT_DICT_SIZE);

    int zstdLevel = PageCompressors.DEFAULT_ZSTD_LEVEL;
    String level = props.get(COMPRESSION_LEVEL);
    if (level != null && codec == CompressionCodecName.ZSTD) {
      zstdLevel = parseInt(COMPRESSION_LEVEL, level);
      if (zstdLevel < 1 || zstdLevel > 22) {
        throw new InvalidInputException(COMPRESSION_LEVEL, "zstd level must be 1..22, got " + zstdLevel);
      }
    }

    MessageType parquetSchema = ParquetSchemas.toParquet(schema);
    RecordShredder shredder = new RecordShredder(schema, parquetSchema);
    ParquetProperties properties = ParquetProperties.builder()
        .withPageSize(pageSize)
        .withDictionaryPageSize(dictSize)
        .withDictionaryEncoding(true)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withSizeStatisticsEnabled(false)
        .withValuesWriterFactory(PlainValuesBuffer.factory())
        .build();
    ParquetIO.Output output = new ParquetIO.Output(out);
    try {
      ParquetFileWriter writer = new ParquetFileWriter(output, parquetSchema, ParquetFileWriter.Mode.OVERWRITE,
          rowGroupSize, 0, properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
          properties.getPageWriteChecksumEnabled());
      writer.start();
      return new ParquetFileAppender(out.location(), parquetSchema, shredder, output, writer, properties,
          new PageCompressors(codec, zstdLevel, ParquetIO.newConf(), pageSize), rowGroupSize);
    } catch (IOException | RuntimeException e) {
      output.abort();
      throw new StorageException("cannot create " + out.location() + ": " + e.getMessage(), e);
    }
  }

  private void startRowGroup() {
    pages = new CompressingPageStore(parquetSchema, compressors);
    List<ColumnDescriptor> descriptors = parquetSchema.getColumns();
    columns = new ColumnChunkWriter[descriptors.size()];
    Map<ColumnDescriptor, ColumnChunkWriter> byColumn = new HashMap<>();
    for (int i = 0; i < columns.length; i++) {
      ColumnDescriptor c = descriptors.get(i);
      columns[i] = new ColumnChunkWriter(c, pages.getPageWriter(c), properties);
      byColumn.put(c, columns[i]);
    }
    shredder.bind(byColumn);
    rowsInGroup = 0;
  }

  /** Appends one row; see the class comment for what happens to a bad row. */
  public void add(Record row) {
    if (state != State.OPEN) {
      throw new IllegalStateException("appender for " + location + " is " + state.name().toLowerCase(Locale.ROOT));
    }
    shredder.validate(row);
    try {
      shredder.write(row);
      recordCount++;
      rowsInGroup++;
      if (++rowsSincePageCheck >= nextPageCheck) {
        checkPageSizes();
      }
      if (rowsInGroup >= nextSizeCheck) {
        checkRowGroupSize();
      }
    } catch (IOException | RuntimeException e) {
      fail();
      throw new StorageException("cannot write " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * Cuts the pages that reached the page size or row limit, and plans the next check for about
   * halfway to the page that will fill first.
   */
  private void checkPageSizes() throws IOException {
    rowsSincePageCheck = 0;
    long rowsToNextPage = MAX_ROWS_BETWEEN_CHECKS;
    for (ColumnChunkWriter c : columns) {
      long rows = c.pageRows();
      long size = c.pageSize();
      if (size >= pageSizeThreshold || rows >= pageRowLimit) {
        c.writePage();
        rows = 0;
        size = 0;
      }
      long left = pageRowLimit - rows;
      if (rows > 0 && size > 0) {
        left = Math.min(left, (pageSizeThreshold - size) * rows / size);
      }
      rowsToNextPage = Math.min(rowsToNextPage, left);
    }
    nextPageCheck = Math.max(1, Math.min(MAX_ROWS_BETWEEN_CHECKS, rowsToNextPage / 2));
  }

  private long bufferedSize() {
    long total = 0;
    for (ColumnChunkWriter c : columns) {
      total += c.getBufferedSizeInMemory();
    }
    return total;
  }

  /** Ends the row group once its buffered size reaches the target, else plans the next check. */
  private void checkRowGroupSize() throws IOException {
    long buffered = bufferedSize();
    long perRow = Math.max(1, buffered / rowsInGroup);
    if (buffered > rowGroupSize - perRow) {
      long rows = rowsInGroup;
      flushRowGroup();
      nextSizeCheck = Math.min(Math.max(MIN_ROWS_BETWEEN_CHECKS, rows / 2), MAX_ROWS_BETWEEN_CHECKS);
    } else {
      long expected = rowGroupSize / perRow;
      nextSizeCheck = Math.min(Math.max(MIN_ROWS_BETWEEN_CHECKS, (rowsInGroup + expected) / 2),
          rowsInGroup + MAX_ROWS_BETWEEN_CHECKS);
    }
  }

  private void flushRowGroup() throws IOException {
    if (rowsInGroup > 0) {
      for (ColumnChunkWriter c : columns) {
        c.finish();
      }
      pages.flushTo(writer, rowsInGroup);
      startRowGroup();
    }
  }

  /** Bytes written so far plus an estimate of the buffered row group; for rolling to a new file. */
  public long length() {
    if (state == State.CLOSED) {
      return metrics.fileSizeBytes();
    }
    try {
      return writer.getPos() + bufferedSize();
    } catch (IOException e) {
      throw new StorageException("cannot read the position of " + location + ": " + e.getMessage(), e);
    }
  }

  /** Records added so far. */
  public long recordCount() {
    return recordCount;
  }

  public String location() {
    return location;
  }

  /** Flushes the last row group and the footer. Calling it again does nothing. */
  @Override
  public void close() {
    if (state != State.OPEN) {
      return;
    }
    try {
      flushRowGroup();
      writer.end(Map.of());
      metrics = computeMetrics(writer.getFooter(), output.position());
    } catch (IOException | RuntimeException e) {
      fail();
      throw new StorageException("cannot finish " + location + ": " + e.getMessage(), e);
    } finally {
      releaseCompressors();
    }
    state = State.CLOSED;
  }

  /** The finished file's metrics; only after a successful {@link #close()}. */
  public DataFileMetrics metrics() {
    if (state != State.CLOSED) {
      throw new IllegalStateException("no metrics for " + location + ": the appender is "
          + (state == State.OPEN ? "not closed" : "failed"));
    }
    return metrics;
  }

  /** Releases the stream without writing a footer: a failed file must not look finished. */
  private void fail() {
    state = State.FAILED;
    pages.drain();
    releaseCompressors();
    output.abort();
  }

  private void releaseCompressors() {
    compressors.close();
  }

  private DataFileMetrics computeMetrics(ParquetMetadata footer, long fileSize) {
    List<BlockMetaData> blocks = footer.getBlocks();
    long rows = 0;
    List<Long> offsets = new ArrayList<>(blocks.size());
    for (BlockMetaData b : blocks) {
      rows += b.getRowCount();
      offsets.add(b.getStartingPos());
    }
    var leaves = FooterStats.leaves(parquetSchema, null);
    var stats = FooterStats.file(blocks, leaves, shredder.floatingTrackers());
    return new DataFileMetrics(rows, fileSize, stats, offsets);
  }

  // ---- properties ---------------------------------------------------------------------------

  private static CompressionCodecName codec(String value) {
    if (value == null) {
      return CompressionCodecName.ZSTD;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "zstd":
        return CompressionCodecName.ZSTD;
      case "snappy":
        return CompressionCodecName.SNAPPY;
      case "gzip":
        return CompressionCodecName.GZIP;
      case "uncompressed":
      case "none":
        return CompressionCodecName.UNCOMPRESSED;
      default:
        throw new InvalidInputException(COMPRESSION_CODEC,
            "unknown codec '" + value + "'; expected zstd, snappy, gzip or uncompressed");
    }
  }

  private static long positiveLong(Map<String, String> props, String key, long dflt) {
    String v = props.get(key);
    if (v == null) {
      return dflt;
    }
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(key, "expected a number of bytes, got '" + v + "'");
    }
    if (n <= 0) {
      throw new InvalidInputException(key, "must be positive, got " + n);
    }
    return n;
  }

  private static int positiveInt(Map<String, String> props, String key, int dflt) {
    long n = positiveLong(props, key, dflt);
    if (n > Integer.MAX_VALUE) {
      throw new InvalidInputException(key, "must be at most " + Integer.MAX_VALUE + ", got " + n);
    }
    return (int) n;
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(key, "expected an integer, got '" + v + "'");
    }
  }
}
