package dev.floe.parquet;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The pages of some columns of one row group, for the flat reader. The column chunks are read
 * with one sequential read per run of adjacent chunks; page headers are parsed up front; pages
 * are decompressed ahead of use on the {@link Background} pool, in the order the reader will ask
 * for them (by first row, across columns), a bounded number at a time.
 */
final class RowGroupPages {
  /** Pages decompressed ahead of the one the reader waits for. */
  private static final int PAGES_AHEAD = 12;
  /** Adjacent chunks are read together unless that makes one read larger than this. */
  private static final long MAX_READ = 256L * 1024 * 1024;

  /**
   * One decompressed data page; {@code levels} is set for v2 pages only (v1 pages carry them in
   * {@code data}). {@code converted} holds the page's non-null values already converted, when the
   * reader asked for that and the page is plain-encoded; else null.
   */
  record Page(int valueCount, Encoding encoding, byte[] data, int offset, int length,
      byte[] levels, int levelsOffset, int levelsLength, Object[] converted) {

    Page(int valueCount, Encoding encoding, byte[] data, int offset, int length,
        byte[] levels, int levelsOffset, int levelsLength) {
      this(valueCount, encoding, data, offset, length, levels, levelsOffset, levelsLength, null);
    }
  }

  /** Turns one compressed page into its bytes; one instance serves one thread at a time. */
  private interface PageDecompressor {
    byte[] decompress(byte[] src, int offset, int length, int size) throws IOException;

    void release();
  }

  /** zstd through its native library directly: no streams, no intermediate copies. */
  private static final class Zstd implements PageDecompressor {
    private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();

    @Override
    public byte[] decompress(byte[] src, int offset, int length, int size) {
      byte[] out = new byte[size];
      int n = ctx.decompressByteArray(out, 0, size, src, offset, length);
      if (n != size) {
        throw new ParquetDecodingException("page decompressed to " + n + " bytes, expected " + size);
      }
      return out;
    }

    @Override
    public void release() {
      ctx.close();
    }
  }

  /** Any other codec through parquet-java's codec factory. */
  private static final class Codec implements PageDecompressor {
    private final org.apache.parquet.hadoop.CodecFactory factory =
        new org.apache.parquet.hadoop.CodecFactory(ParquetIO.newConf(), 0);
    private final BytesInputDecompressor decompressor;

    Codec(CompressionCodecName codec) {
      this.decompressor = factory.getDecompressor(codec);
    }

    @Override
    public byte[] decompress(byte[] src, int offset, int length, int size) throws IOException {
      byte[] out = decompressor.decompress(BytesInput.from(src, offset, length), size).toByteArray();
      if (out.length != size) {
        throw new ParquetDecodingException("page decompressed to " + out.length + " bytes, expected " + size);
      }
      return out;
    }

    @Override
    public void release() {
      factory.release();
    }
  }

  /** Decompressors not in use, by codec, shared by the row groups of one file and released with it. */
  static final class Decompressors implements AutoCloseable {
    private final Map<CompressionCodecName, ConcurrentLinkedQueue<PageDecompressor>> idle = new ConcurrentHashMap<>();
    private final List<PageDecompressor> all = new ArrayList<>();
    private boolean closed;

    PageDecompressor take(CompressionCodecName codec) {
      PageDecompressor d = idle.computeIfAbsent(codec, c -> new ConcurrentLinkedQueue<>()).poll();
      if (d != null) {
        return d;
      }
      // one per concurrent use: decompressors keep per-call state
      d = codec == CompressionCodecName.ZSTD ? new Zstd() : new Codec(codec);
      synchronized (all) {
        all.add(d);
      }
      return d;
    }

    void give(CompressionCodecName codec, PageDecompressor d) {
      idle.get(codec).offer(d);
    }

    /** Releases every decompressor; only once no page is being decompressed. */
    @Override
    public void close() {
      idle.clear();
      synchronized (all) {
        if (!closed) {
          closed = true;
          for (PageDecompressor d : all) {
            d.release();
          }
          all.clear();
        }
      }
    }
  }

  private static final class PageRef {
    final int column;
    final long firstRow;
    final PageHeader header;
    final byte[] buffer;
    final int offset;
    int order;
    CompletableFuture<Page> page;

    PageRef(int column, long firstRow, PageHeader header, byte[] buffer, int offset) {
      this.column = column;
      this.firstRow = firstRow;
      this.header = header;
      this.buffer = buffer;
      this.offset = offset;
    }
  }

  private final Decompressors decompressors;
  private final ValueConversion[] convertAhead;
  private final int[] maxLevels;
  private final CompressionCodecName[] codecs;
  private final DictionaryPage[] dictionaries;
  private final List<List<PageRef>> pages = new ArrayList<>();
  private final int[] nextPage;
  private final List<PageRef> order = new ArrayList<>();
  private int submitted;

  private RowGroupPages(int columns, Decompressors decompressors, ValueConversion[] convertAhead) {
    this.decompressors = decompressors;
    this.convertAhead = convertAhead;
    this.maxLevels = new int[columns];
    this.codecs = new CompressionCodecName[columns];
    this.dictionaries = new DictionaryPage[columns];
    this.nextPage = new int[columns];
  }

  /**
   * Reads the chunks of {@code columns} in {@code block}; their pages are then ready to be asked
   * for. Plain pages of a byte-array column with a non-null {@code convertAhead} entry (a
   * stateless conversion) have their values converted in the background too.
   */
  static RowGroupPages read(SeekableInputStream in, BlockMetaData block, List<ColumnDescriptor> columns,
      Decompressors decompressors, ValueConversion[] convertAhead) throws IOException {
    RowGroupPages rg = new RowGroupPages(columns.size(), decompressors, convertAhead);
    ColumnChunkMetaData[] chunks = new ColumnChunkMetaData[columns.size()];
    for (int i = 0; i < chunks.length; i++) {
      ColumnPath path = ColumnPath.get(columns.get(i).getPath());
      for (ColumnChunkMetaData c : block.getColumns()) {
        if (c.getPath().equals(path)) {
          chunks[i] = c;
          break;
        }
      }
      if (chunks[i] == null) {
        throw new ParquetDecodingException("row group has no chunk for column " + path);
      }
      if (chunks[i].isEncrypted()) {
        throw new ParquetDecodingException("column " + path + " is encrypted");
      }
      rg.codecs[i] = chunks[i].getCodec();
      rg.maxLevels[i] = columns.get(i).getMaxDefinitionLevel();
      if (columns.get(i).getMaxRepetitionLevel() != 0
          || columns.get(i).getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
        convertAhead[i] = null;
      }
    }
    byte[][] buffers = new byte[chunks.length][];
    int[] offsets = new int[chunks.length];
    rg.readChunks(in, chunks, buffers, offsets);
    for (int i = 0; i < chunks.length; i++) {
      rg.parse(i, columns.get(i), chunks[i], buffers[i], offsets[i], block.getRowCount());
    }
    rg.order.sort(Comparator.comparingLong((PageRef p) -> p.firstRow).thenComparingInt(p -> p.column));
    for (int i = 0; i < rg.order.size(); i++) {
      rg.order.get(i).order = i;
    }
    rg.submitUpTo(PAGES_AHEAD);
    return rg;
  }

  /** The column's dictionary page, decompressed, or null. */
  DictionaryPage dictionary(int column) {
    return dictionaries[column];
  }

  /** The column's next data page, or null after its last. */
  Page next(int column) throws IOException {
    List<PageRef> list = pages.get(column);
    int i = nextPage[column];
    if (i >= list.size()) {
      return null;
    }
    nextPage[column] = i + 1;
    PageRef ref = list.get(i);
    submitUpTo(ref.order + 1 + PAGES_AHEAD);
    try {
      return ref.page.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while decompressing a page", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    } finally {
      ref.page = null;
    }
  }

  /** Waits for pages still being decompressed, so no work outlives the file. */
  void drain() {
    for (int i = 0; i < submitted; i++) {
      CompletableFuture<Page> f = order.get(i).page;
      if (f != null) {
        f.exceptionally(e -> null).join();
      }
    }
  }

  private void submitUpTo(int count) {
    int stop = Math.min(count, order.size());
    while (submitted < stop) {
      PageRef ref = order.get(submitted++);
      CompletableFuture<Page> f = new CompletableFuture<>();
      ref.page = f;
      CompressionCodecName codec = codecs[ref.column];
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        try {
          f.complete(convert(ref.column, decode(ref, null, codec)));
        } catch (IOException | RuntimeException e) {
          f.completeExceptionally(e);
        }
        continue;
      }
      Background.run(() -> {
        try {
          PageDecompressor d = decompressors.take(codec);
          Page page;
          try {
            page = decode(ref, d, codec);
          } finally {
            decompressors.give(codec, d);
          }
          f.complete(convert(ref.column, page));
        } catch (Throwable t) {
          f.completeExceptionally(t);
        }
      });
    }
  }

  /** The page with its plain byte-array values converted, if the column asked for that. */
  private Page convert(int column, Page page) {
    ValueConversion conversion = convertAhead[column];
    if (conversion == null || page.encoding() != Encoding.PLAIN) {
      return page;
    }
    byte[] d = page.data();
    int pos = page.offset();
    int end = page.offset() + page.length();
    if (page.levels() == null && maxLevels[column] > 0) {
      // v1: the definition levels come first, with their length
      if (end - pos < 4) {
        throw new ParquetDecodingException("page too short for its definition levels");
      }
      int length = (d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8 | (d[pos + 2] & 0xff) << 16 | (d[pos + 3] & 0xff) << 24;
      if (length < 0 || length > end - pos - 4) {
        throw new ParquetDecodingException("definition levels run past the page");
      }
      pos += 4 + length;
    }
    Object[] values = new Object[page.valueCount()];
    int n = 0;
    while (pos < end && n < values.length) {
      if (end - pos < 4) {
        throw new ParquetDecodingException("value length runs past the page");
      }
      int length = (d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8 | (d[pos + 2] & 0xff) << 16 | (d[pos + 3] & 0xff) << 24;
      pos += 4;
      if (length < 0 || length > end - pos) {
        throw new ParquetDecodingException("value runs past the page");
      }
      values[n++] = conversion.ofBytes(d, pos, length);
      pos += length;
    }
    return new Page(page.valueCount(), page.encoding(), page.data(), page.offset(), page.length(), page.levels(),
        page.levelsOffset(), page.levelsLength(), values);
  }

  private static Page decode(PageRef ref, PageDecompressor d, CompressionCodecName codec) throws IOException {
    PageHeader h = ref.header;
    int compressed = h.getCompressed_page_size();
    int uncompressed = h.getUncompressed_page_size();
    switch (h.getType()) {
      case DATA_PAGE: {
        DataPageHeader dh = h.getData_page_header();
        if (d == null) {
          return new Page(dh.getNum_values(), encoding(dh.getEncoding()), ref.buffer, ref.offset, compressed,
              null, 0, 0);
        }
        byte[] data = decompress(d, ref.buffer, ref.offset, compressed, uncompressed);
        return new Page(dh.getNum_values(), encoding(dh.getEncoding()), data, 0, uncompressed, null, 0, 0);
      }
      case DATA_PAGE_V2: {
        DataPageHeaderV2 dh = h.getData_page_header_v2();
        int rl = dh.getRepetition_levels_byte_length();
        int dl = dh.getDefinition_levels_byte_length();
        if (rl < 0 || dl < 0 || rl + dl > compressed || rl + dl > uncompressed) {
          throw new ParquetDecodingException("invalid level lengths in a v2 page header");
        }
        int levelsOffset = ref.offset + rl;
        int dataOffset = ref.offset + rl + dl;
        boolean isCompressed = !dh.isSetIs_compressed() || dh.isIs_compressed();
        if (d == null || !isCompressed) {
          return new Page(dh.getNum_values(), encoding(dh.getEncoding()), ref.buffer, dataOffset,
              compressed - rl - dl, ref.buffer, levelsOffset, dl);
        }
        byte[] data = decompress(d, ref.buffer, dataOffset, compressed - rl - dl, uncompressed - rl - dl);
        return new Page(dh.getNum_values(), encoding(dh.getEncoding()), data, 0, data.length,
            ref.buffer, levelsOffset, dl);
      }
      default:
        throw new ParquetDecodingException("unexpected page type " + h.getType());
    }
  }

  private static byte[] decompress(PageDecompressor d, byte[] buffer, int offset, int length, int size)
      throws IOException {
    return d == null ? buffer : d.decompress(buffer, offset, length, size);
  }

  private static Encoding encoding(org.apache.parquet.format.Encoding e) {
    return Encoding.valueOf(e.name());
  }

  /** Reads every chunk, adjacent chunks with one read; chunk i starts at buffers[i][offsets[i]]. */
  private void readChunks(SeekableInputStream in, ColumnChunkMetaData[] chunks, byte[][] buffers, int[] offsets)
      throws IOException {
    Integer[] byStart = new Integer[chunks.length];
    for (int i = 0; i < byStart.length; i++) {
      byStart[i] = i;
      long size = chunks[i].getTotalSize();
      if (size < 0 || size > Integer.MAX_VALUE - 16) {
        throw new ParquetDecodingException("column chunk of " + size + " bytes cannot be read");
      }
    }
    java.util.Arrays.sort(byStart, Comparator.comparingLong(i -> chunks[i].getStartingPos()));
    int k = 0;
    while (k < byStart.length) {
      long start = chunks[byStart[k]].getStartingPos();
      long end = start + chunks[byStart[k]].getTotalSize();
      int last = k;
      while (last + 1 < byStart.length) {
        ColumnChunkMetaData c = chunks[byStart[last + 1]];
        long cEnd = c.getStartingPos() + c.getTotalSize();
        if (c.getStartingPos() != end || cEnd - start > MAX_READ) {
          break;
        }
        end = cEnd;
        last++;
      }
      byte[] buffer = new byte[(int) (end - start)];
      in.seek(start);
      in.readFully(buffer);
      for (int j = k; j <= last; j++) {
        buffers[byStart[j]] = buffer;
        offsets[byStart[j]] = (int) (chunks[byStart[j]].getStartingPos() - start);
      }
      k = last + 1;
    }
  }

  /** Parses the page headers of one chunk, decompressing its dictionary page now. */
  private void parse(int column, ColumnDescriptor descriptor, ColumnChunkMetaData chunk, byte[] buffer, int offset,
      long rowCount) throws IOException {
    List<PageRef> list = new ArrayList<>();
    pages.add(list);
    int end = offset + (int) chunk.getTotalSize();
    Cursor cursor = new Cursor(buffer, offset, end);
    long values = 0;
    long expected = chunk.getValueCount();
    while (values < expected && cursor.pos < end) {
      PageHeader h = Util.readPageHeader(cursor);
      int size = h.getCompressed_page_size();
      if (size < 0 || size > end - cursor.pos || h.getUncompressed_page_size() < 0) {
        throw new ParquetDecodingException("page of " + size + " bytes runs past its column chunk");
      }
      switch (h.getType()) {
        case DICTIONARY_PAGE: {
          if (dictionaries[column] != null) {
            throw new ParquetDecodingException("two dictionary pages in one column chunk");
          }
          PageDecompressor d = codecs[column] == CompressionCodecName.UNCOMPRESSED
              ? null : decompressors.take(codecs[column]);
          try {
            byte[] data = decompress(d, buffer, cursor.pos, size, h.getUncompressed_page_size());
            BytesInput bytes = d == null ? BytesInput.from(buffer, cursor.pos, size) : BytesInput.from(data);
            dictionaries[column] = new DictionaryPage(bytes, h.getUncompressed_page_size(),
                h.getDictionary_page_header().getNum_values(),
                encoding(h.getDictionary_page_header().getEncoding()));
          } finally {
            if (d != null) {
              decompressors.give(codecs[column], d);
            }
          }
          break;
        }
        case DATA_PAGE:
        case DATA_PAGE_V2: {
          int n = h.getType() == org.apache.parquet.format.PageType.DATA_PAGE
              ? h.getData_page_header().getNum_values() : h.getData_page_header_v2().getNum_values();
          if (n < 0) {
            throw new ParquetDecodingException("negative value count in a page of " + descriptor);
          }
          PageRef ref = new PageRef(column, values, h, buffer, cursor.pos);
          list.add(ref);
          order.add(ref);
          values += n;
          break;
        }
        default:
          break; // index pages and unknown page types carry no values
      }
      cursor.pos += size;
    }
    if (values != expected || values != rowCount) {
      throw new ParquetDecodingException("column chunk of " + descriptor + " holds " + values
          + " values; the row group has " + rowCount + " rows");
    }
  }

  /** An input stream over part of an array whose position can be read and moved. */
  private static final class Cursor extends InputStream {
    private final byte[] bytes;
    private final int end;
    int pos;

    Cursor(byte[] bytes, int pos, int end) {
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    @Override
    public int read() {
      return pos < end ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = Math.min(len, end - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
