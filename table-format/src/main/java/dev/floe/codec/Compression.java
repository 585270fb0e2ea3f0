package dev.floe.codec;

import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Compression of manifests and manifest lists, chosen by the file name's suffix: {@code .gz} is
 * gzip, {@code .zst} is zstd, anything else is plain. The suffix is the only marker, so a reader never guesses.
 */
public final class Compression {
  private Compression() {}

  private static final int BUFFER = 64 * 1024;

  public enum Codec { NONE, GZIP, ZSTD }

  public static Codec forPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) {
      return Codec.GZIP;
    }
    if (lower.endsWith(".zst")) {
      return Codec.ZSTD;
    }
    return Codec.NONE;
  }

  /**
   * The stream to write the file's plain content to. Closing it finishes the compressed data
   * and closes {@code out}.
   *
   */
  public static OutputStream wrapOutput(String path, OutputStream out) {
    switch (forPath(path)) {
      case GZIP:
        try {
          return new FastGzipOutputStream(out);
        } catch (IOException e) {
          throw new StorageException("cannot write " + path + ": " + e.getMessage(), e);
        }
      case ZSTD:
        try {
          return new java.io.BufferedOutputStream(new com.github.luben.zstd.ZstdOutputStream(out, 3), BUFFER);
        } catch (IOException e) {
          throw new StorageException("cannot write " + path + ": " + e.getMessage(), e);
        }
      default:
        return out;
    }
  }

  /**
   * The stream of the file's plain content. Gzip reads its header here, so a file that is not
   * gzip fails now.
   *
   * @throws CorruptFileException if the content does not match the suffix
   */
  public static InputStream wrapInput(String path, InputStream in) {
    switch (forPath(path)) {
      case GZIP:
        try {
          return new GZIPInputStream(in, BUFFER);
        } catch (ZipException | EOFException e) {
          closeQuietly(in);
          throw new CorruptFileException(path + ": not a gzip file although its name ends in .gz ("
              + e.getMessage() + ")", e);
        } catch (IOException e) {
          closeQuietly(in);
          throw new StorageException("cannot read " + path + ": " + e.getMessage(), e);
        }
      case ZSTD:
        try {
          return new java.io.BufferedInputStream(new com.github.luben.zstd.ZstdInputStream(in), BUFFER);
        } catch (IOException e) {
          closeQuietly(in);
          throw new CorruptFileException(path + ": not a zstd file although its name ends in .zst ("
              + e.getMessage() + ")", e);
        }
      default:
        return in;
    }
  }

  /**
   * Gzip at the fastest level: manifests are written on the commit path, and JSON of repetitive
   * paths and field names compresses well even so.
   */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the failure being reported matters more
    }
  }
}
