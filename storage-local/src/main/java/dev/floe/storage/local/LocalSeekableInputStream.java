package dev.floe.storage.local;

import dev.floe.io.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Reads with positional channel reads through a small buffer. Small reads (Parquet footers, page
 * headers) are served from the buffer; reads at least as large as the buffer (column chunks) go
 * straight into the caller's array, so nothing is copied twice.
 */
final class LocalSeekableInputStream extends SeekableInputStream {
  private static final int BUFFER_SIZE = 16 * 1024;

  private final String location;
  private final FileChannel channel;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  // the buffer holds the file's bytes [bufferStart, bufferStart + bufferLength)
  private long bufferStart;
  private int bufferLength;
  private long pos;
  private boolean closed;

  LocalSeekableInputStream(String location, FileChannel channel) {
    this.location = location;
    this.channel = channel;
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
    if (remaining >= BUFFER_SIZE) {
      int n = readAt(ByteBuffer.wrap(b, off + copied, remaining), pos);
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
    if (n <= 0) {
      return 0;
    }
    long target = Math.min(channel.size(), pos + n);
    long skipped = Math.max(0, target - pos);
    pos += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    ensureOpen();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - pos));
  }

  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
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
    bufferLength = readAt(ByteBuffer.wrap(buffer), pos);
  }

  /** Reads until the target is full or the file ends; returns the bytes read (0 at end of file). */
  private int readAt(ByteBuffer target, long position) throws IOException {
    int total = 0;
    while (target.hasRemaining()) {
      int n = channel.read(target, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed: " + location);
    }
  }
}
