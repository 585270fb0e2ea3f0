package dev.floe.parquet;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.io.OutputFile;
import dev.floe.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
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

  private final String location;
  private final MessageType parquetSchema;
  private final RecordWriteSupport support;
  private final ParquetIO.Output output;
  private final ParquetWriter<Record> writer;
  private State state = State.OPEN;
  private long recordCount;
  private DataFileMetrics metrics;

  private ParquetFileAppender(String location, MessageType parquetSchema, RecordWriteSupport support,
      ParquetIO.Output output, ParquetWriter<Record> writer) {
    this.location = location;
    this.parquetSchema = parquetSchema;
    this.support = support;
    this.output = output;
    this.writer = writer;
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

    Configuration conf = ParquetIO.newConf();
    String level = props.get(COMPRESSION_LEVEL);
    if (level != null && codec == CompressionCodecName.ZSTD) {
      int lvl = parseInt(COMPRESSION_LEVEL, level);
      if (lvl < 1 || lvl > 22) {
        throw new InvalidInputException(COMPRESSION_LEVEL, "zstd level must be 1..22, got " + lvl);
      }
      conf.setInt("parquet.compression.codec.zstd.level", lvl);
    }

    MessageType parquetSchema = ParquetSchemas.toParquet(schema);
    RecordWriteSupport support = new RecordWriteSupport(schema, parquetSchema);
    ParquetIO.Output output = new ParquetIO.Output(out);
    try {
      ParquetWriter<Record> writer = new Builder(output, support)
          .withConf(conf)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(codec)
          .withRowGroupSize(rowGroupSize)
          .withPageSize(pageSize)
          .withDictionaryPageSize(dictSize)
          .withDictionaryEncoding(true)
          .withValidation(false)
          .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
          .build();
      return new ParquetFileAppender(out.location(), parquetSchema, support, output, writer);
    } catch (IOException e) {
      throw new StorageException("cannot create " + out.location() + ": " + e.getMessage(), e);
    }
  }

  /** Appends one row; see the class comment for what happens to a bad row. */
  public void add(Record row) {
    if (state != State.OPEN) {
      throw new IllegalStateException("appender for " + location + " is " + state.name().toLowerCase(Locale.ROOT));
    }
    support.validate(row);
    try {
      writer.write(row);
      recordCount++;
    } catch (IOException | RuntimeException e) {
      fail();
      throw new StorageException("cannot write " + location + ": " + e.getMessage(), e);
    }
  }

  /** Bytes written so far plus an estimate of the buffered row group; for rolling to a new file. */
  public long length() {
    if (state == State.CLOSED) {
      return metrics.fileSizeBytes();
    }
    return writer.getDataSize();
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
      writer.close();
    } catch (IOException | RuntimeException e) {
      state = State.FAILED;
      throw new StorageException("cannot finish " + location + ": " + e.getMessage(), e);
    }
    try {
      metrics = computeMetrics(writer.getFooter(), output.position());
    } catch (IOException e) {
      state = State.FAILED;
      throw new StorageException("cannot finish " + location + ": " + e.getMessage(), e);
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
    output.abort();
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
    var stats = FooterStats.file(blocks, leaves, support.floatingTrackers());
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

  private static final class Builder extends ParquetWriter.Builder<Record, Builder> {
    private final RecordWriteSupport support;

    Builder(org.apache.parquet.io.OutputFile file, RecordWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-java, so it must be implemented
    protected WriteSupport<Record> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Record> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}
