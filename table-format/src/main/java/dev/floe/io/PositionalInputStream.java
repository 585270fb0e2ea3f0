package dev.floe.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link SeekableInputStream} over a storage that reads at a position (a file channel, ranged
 * GETs of an object), through one buffer. Small reads (Parquet footers, page headers, a JSON
 * parser's chunks) are served from the buffer, filled by one positional read; reads at least as
 * large as the buffer (column chunks) go straight into the caller's array, so nothing is copied
 * twice. Seeking only moves the position.
 */
public abstract class PositionalInputStream extends SeekableInputStream {
  private final String location;
  private final byte[] buffer;
  // the buffer holds the file's bytes [bufferStart, bufferStart + bufferLength)
  private long bufferStart;
  private int bufferLength;
  private long pos;
  private boolean closed;

  protected PositionalInputStream(String location, int bufferSize) {
    this.location = location;
    this.buffer = new byte[bufferSize];
  }

  /**
   * Reads up to {@code len} bytes at {@code position} into {@code target}, as many as there are
   * unless the file ends; returns how many, 0 at or past the end of the file.
   */
  protected abstract int readAt(long position, byte[] target, int off, int len) throws IOException;

  /** The file's current size. */
  protected abstract long size() throws IOException;

  /** Releases what the stream holds (a channel); called once by {@link #close()}. */
  protected void release() throws IOException {}

  protected final String location() {
    return location;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return pos;
  }

  @Override
  public void seek(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new EOFException("cannot seek to " + newPosition + " in " + location);
    }
    pos = newPosition;
  }

  @Override
  public int read() throws IOException {
    ensureOpen();
    if (buffered() == 0) {
      fill();
      if (bufferLength == 0) {
        return -1;
      }
    }
    return buffer[(int) (pos++ - bufferStart)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    if (len == 0) {
      return 0;
    }
    int copied = copyFromBuffer(b, off, len);
    int remaining = len - copied;
    if (remaining >= buffer.length) {
      int n = readAt(pos, b, off + copied, remaining);
      pos += n;
      copied += n;
    } else if (remaining > 0) {
      fill();
      copied += copyFromBuffer(b, off + copied, remaining);
    }
    return copied == 0 ? -1 : copied;
  }

  @Override
  public long skip(long n) throws IOException {
    ensureOpen();
    long skipped = Math.max(0, Math.min(n, size() - pos));
    pos += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    ensureOpen();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, size() - pos));
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      release();
    }
  }

  private int buffered() {
    long offset = pos - bufferStart;
    return offset >= 0 && offset < bufferLength ? (int) (bufferLength - offset) : 0;
  }

  private int copyFromBuffer(byte[] b, int off, int len) {
    int n = Math.min(len, buffered());
    if (n > 0) {
      System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
      pos += n;
    }
    return n;
  }

  private void fill() throws IOException {
    bufferStart = pos;
    bufferLength = 0;
    bufferLength = readAt(pos, buffer, 0, buffer.length);
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed: " + location);
    }
  }
}
