package dev.floe.parquet;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The compressors of one file's pages: one per concurrent compression (they keep per-call
 * state), reused between pages and released with the file. zstd goes straight through its native
 * library (the same frames parquet-java's codec writes, without its stream layers); other codecs
 * through parquet-java's codec factory.
 */
final class PageCompressors implements AutoCloseable {
  /** parquet-java's default zstd level, which Floe keeps unless the table says otherwise. */
  static final int DEFAULT_ZSTD_LEVEL = 3;

  /** Compresses one page; used by one thread at a time. */
  interface PageCompressor {
    byte[] compress(byte[] raw) throws IOException;

    void release();
  }

  private final CompressionCodecName codec;
  private final int zstdLevel;
  private final Configuration conf;
  private final int pageSize;
  private final ConcurrentLinkedQueue<PageCompressor> idle = new ConcurrentLinkedQueue<>();
  private final List<PageCompressor> all = new ArrayList<>();
  private boolean closed;

  PageCompressors(CompressionCodecName codec, int zstdLevel, Configuration conf, int pageSize) {
    this.codec = codec;
    this.zstdLevel = zstdLevel;
    this.conf = conf;
    this.pageSize = pageSize;
  }

  CompressionCodecName codec() {
    return codec;
  }

  PageCompressor take() {
    PageCompressor c = idle.poll();
    if (c != null) {
      return c;
    }
    c = codec == CompressionCodecName.ZSTD ? new Zstd(zstdLevel) : new Codec(codec, conf, pageSize);
    synchronized (all) {
      all.add(c);
    }
    return c;
  }

  void give(PageCompressor c) {
    idle.offer(c);
  }

  /** Releases every compressor; only once no page is being compressed. */
  @Override
  public void close() {
    idle.clear();
    synchronized (all) {
      if (!closed) {
        closed = true;
        for (PageCompressor c : all) {
          c.release();
        }
        all.clear();
      }
    }
  }

  private static final class Zstd implements PageCompressor {
    private final ZstdCompressCtx ctx = new ZstdCompressCtx();

    Zstd(int level) {
      ctx.setLevel(level);
    }

    @Override
    public byte[] compress(byte[] raw) {
      return ctx.compress(raw);
    }

    @Override
    public void release() {
      ctx.close();
    }
  }

  private static final class Codec implements PageCompressor {
    private final CodecFactory factory;
    private final BytesInputCompressor compressor;

    Codec(CompressionCodecName codec, Configuration conf, int pageSize) {
      this.factory = new CodecFactory(conf, pageSize);
      this.compressor = factory.getCompressor(codec);
    }

    @Override
    public byte[] compress(byte[] raw) throws IOException {
      // the compressor returns a view of its own buffer: copy before the next call
      return compressor.compress(BytesInput.from(raw)).toByteArray();
    }

    @Override
    public void release() {
      factory.release();
    }
  }
}
