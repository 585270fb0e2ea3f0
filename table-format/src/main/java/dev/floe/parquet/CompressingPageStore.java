package dev.floe.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriteStore;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Holds one row group's pages until it is flushed, compressing each page as soon as the column
 * writer hands it over. Compression runs on the {@link Background} pool when the machine has more
 * than one core, so encoding the next rows and compressing the last pages overlap; the file is
 * still written by the appender's own thread, in column order, when the row group ends.
 */
final class CompressingPageStore implements PageWriteStore {
  /** Uncompressed pages allowed to wait for compression before the writer blocks. */
  private static final int MAX_PENDING_PAGES = 8;

  private final MessageType schema;
  private final CompressionCodecName codec;
  private final PageCompressors compressors;
  private final Semaphore pending = new Semaphore(MAX_PENDING_PAGES);
  private final Map<ColumnDescriptor, ColumnPages> columns = new HashMap<>();

  CompressingPageStore(MessageType schema, PageCompressors compressors) {
    this.schema = schema;
    this.codec = compressors.codec();
    this.compressors = compressors;
    for (ColumnDescriptor c : schema.getColumns()) {
      columns.put(c, new ColumnPages());
    }
  }

  @Override
  public PageWriter getPageWriter(ColumnDescriptor path) {
    return columns.get(path);
  }

  /** Writes the row group's column chunks, in schema order, then forgets them. */
  void flushTo(ParquetFileWriter writer, long rowCount) throws IOException {
    writer.startBlock(rowCount);
    for (ColumnDescriptor c : schema.getColumns()) {
      ColumnPages pages = columns.get(c);
      writer.startColumn(c, pages.valueCount, codec);
      if (pages.dictionary != null) {
        Compressed d = join(pages.dictionary);
        writer.writeDictionaryPage(new DictionaryPage(BytesInput.from(d.bytes), pages.dictionaryUncompressedSize,
            pages.dictionarySize, pages.dictionaryEncoding));
      }
      for (Page p : pages.pages) {
        Compressed data = join(p.compressed);
        writer.writeDataPage(p.valueCount, p.uncompressedSize, BytesInput.from(data.bytes), p.statistics,
            p.rowCount, p.rlEncoding, p.dlEncoding, p.valuesEncoding, null, null, p.sizeStatistics);
      }
      writer.endColumn();
    }
    writer.endBlock();
    columns.clear();
  }

  /** Waits for outstanding compression so no background work outlives a failed file. */
  void drain() {
    for (ColumnPages pages : columns.values()) {
      if (pages.dictionary != null) {
        pages.dictionary.exceptionally(e -> null).join();
      }
      for (Page p : pages.pages) {
        p.compressed.exceptionally(e -> null).join();
      }
    }
  }

  private static Compressed join(CompletableFuture<Compressed> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing a page", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    }
  }

  private record Compressed(byte[] bytes) {}

  private record Page(CompletableFuture<Compressed> compressed, int valueCount, int rowCount, int uncompressedSize,
      Statistics<?> statistics, SizeStatistics sizeStatistics, Encoding rlEncoding, Encoding dlEncoding,
      Encoding valuesEncoding) {}

  /** Compresses a private copy of the page bytes, off the writer's thread where possible. */
  private CompletableFuture<Compressed> compress(byte[] raw, AtomicLong memSize) throws IOException {
    try {
      pending.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for page compression", e);
    }
    CompletableFuture<Compressed> result = new CompletableFuture<>();
    Runnable job = () -> {
      try {
        PageCompressors.PageCompressor c = compressors.take();
        try {
          byte[] out = c.compress(raw);
          memSize.addAndGet(out.length - raw.length);
          result.complete(new Compressed(out));
        } finally {
          compressors.give(c);
        }
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        pending.release();
      }
    };
    Background.run(job);
    return result;
  }

  private final class ColumnPages implements PageWriter {
    final List<Page> pages = new ArrayList<>();
    long valueCount;
    /** Compressed bytes of finished pages plus raw bytes of pages still being compressed. */
    final AtomicLong memSize = new AtomicLong();
    CompletableFuture<Compressed> dictionary;
    int dictionaryUncompressedSize;
    int dictionarySize;
    Encoding dictionaryEncoding;

    @Override
    public void writePage(BytesInput bytes, int valueCount, Statistics<?> statistics, Encoding rlEncoding,
        Encoding dlEncoding, Encoding valuesEncoding) {
      throw new UnsupportedOperationException("page row counts are required");
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> statistics,
        Encoding rlEncoding, Encoding dlEncoding, Encoding valuesEncoding) throws IOException {
      writePage(bytes, valueCount, rowCount, statistics, null, rlEncoding, dlEncoding, valuesEncoding);
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> statistics,
        SizeStatistics sizeStatistics, GeospatialStatistics geospatialStatistics, Encoding rlEncoding,
        Encoding dlEncoding, Encoding valuesEncoding) throws IOException {
      // Floe writes no geometry columns, so there are never geospatial statistics to keep
      writePage(bytes, valueCount, rowCount, statistics, sizeStatistics, rlEncoding, dlEncoding, valuesEncoding);
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> statistics,
        SizeStatistics sizeStatistics, Encoding rlEncoding, Encoding dlEncoding, Encoding valuesEncoding)
        throws IOException {
      // the column writer reuses its buffers once this returns
      byte[] raw = bytes.toByteArray();
      if (raw.length > Integer.MAX_VALUE - 1024) {
        throw new IOException("page of " + raw.length + " bytes is too large");
      }
      memSize.addAndGet(raw.length);
      pages.add(new Page(compress(raw, memSize), valueCount, rowCount, raw.length, statistics, sizeStatistics,
          rlEncoding, dlEncoding, valuesEncoding));
      this.valueCount += valueCount;
    }

    @Override
    public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
        BytesInput definitionLevels, Encoding dataEncoding, BytesInput data, Statistics<?> statistics) {
      throw new UnsupportedOperationException("Floe writes data page v1");
    }

    @Override
    public long getMemSize() {
      return memSize.get();
    }

    @Override
    public long allocatedSize() {
      return memSize.get();
    }

    @Override
    public void writeDictionaryPage(DictionaryPage page) throws IOException {
      if (dictionary != null) {
        throw new IOException("only one dictionary page per column chunk");
      }
      byte[] raw = page.getBytes().toByteArray();
      dictionaryUncompressedSize = raw.length;
      dictionarySize = page.getDictionarySize();
      dictionaryEncoding = page.getEncoding();
      memSize.addAndGet(raw.length);
      dictionary = compress(raw, memSize);
    }

    @Override
    public String memUsageString(String prefix) {
      return prefix + " " + memSize.get() + " bytes";
    }
  }
}
