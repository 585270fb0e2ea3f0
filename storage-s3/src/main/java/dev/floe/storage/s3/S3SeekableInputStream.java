package dev.floe.storage.s3;

import dev.floe.io.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads an object by byte ranges ({@code Range: bytes=a-b}), never as a whole. Small reads
 * (footers, page headers, a JSON parser's chunks) are served from a read-ahead buffer of at most
 * {@code s3.read-ahead.size} bytes, filled by one ranged GET; reads at least that large (column
 * chunks) fetch exactly the requested range straight into the caller's array. Nothing is held
 * open between reads, so seeking is free and an abandoned stream leaks no connection.
 */
final class S3SeekableInputStream extends SeekableInputStream {
  private final S3Context context;
  private final String location;
  private final S3Location object;
  private final long length;
  private final byte[] buffer;
  // the buffer holds the object's bytes [bufferStart, bufferStart + bufferLength)
  private long bufferStart;
  private int bufferLength;
  private long pos;
  private boolean closed;

  S3SeekableInputStream(S3Context context, String location, S3Location object, long length) {
    this.context = context;
    this.location = location;
    this.object = object;
    this.length = length;
    this.buffer = new byte[(int) Math.min(context.properties().readAheadBytes(), length)];
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
    if (pos >= length) {
      return -1;
    }
    if (buffered() == 0) {
      fill();
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
    if (pos >= length) {
      return -1;
    }
    int copied = copyFromBuffer(b, off, len);
    int remaining = (int) Math.min(len - copied, length - pos);
    if (remaining >= buffer.length && remaining > 0) {
      fetch(pos, b, off + copied, remaining);
      pos += remaining;
      copied += remaining;
    } else if (remaining > 0) {
      fill();
      copied += copyFromBuffer(b, off + copied, remaining);
    }
    return copied;
  }

  @Override
  public long skip(long n) throws IOException {
    ensureOpen();
    long skipped = Math.max(0, Math.min(n, length - pos));
    pos += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    ensureOpen();
    return buffered();
  }

  @Override
  public void close() {
    closed = true;
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
    int n = (int) Math.min(buffer.length, length - pos);
    bufferLength = 0;
    fetch(pos, buffer, 0, n);
    bufferStart = pos;
    bufferLength = n;
  }

  /** One ranged GET of exactly {@code len} bytes at {@code start}; the SDK retries it as a whole. */
  private void fetch(long start, byte[] target, int off, int len) throws IOException {
    long end = start + len - 1;
    GetObjectRequest request = GetObjectRequest.builder()
        .bucket(object.bucket()).key(object.key()).range("bytes=" + start + "-" + end).build();
    try {
      context.clients().retrying().getObject(request, (response, in) -> {
        checkRange(response, start);
        readFully(in, target, off, len);
        return null;
      });
    } catch (SdkException e) {
      throw new IOException("cannot read bytes " + start + "-" + end + " of " + location + ": "
          + S3Errors.describe(e), e);
    }
  }

  /** A store that ignored the Range header would hand us the wrong bytes: refuse them. */
  private void checkRange(GetObjectResponse response, long start) throws IOException {
    String range = response.contentRange();
    boolean fromStart = range == null ? start == 0 : range.startsWith("bytes " + start + "-");
    if (!fromStart) {
      throw new IOException("asked " + location + " for bytes from " + start + ", got range " + range);
    }
  }

  /** A connection that breaks mid-body is retried by the SDK: the whole range is fetched again. */
  private void readFully(InputStream in, byte[] target, int off, int len) {
    int filled = 0;
    try {
      while (filled < len) {
        int n = in.read(target, off + filled, len - filled);
        if (n < 0) {
          throw new EOFException("object ended after " + filled + " of " + len + " bytes");
        }
        filled += n;
      }
    } catch (IOException e) {
      throw RetryableException.builder().message("reading " + location + ": " + e).cause(e).build();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed: " + location);
    }
  }
}
