package dev.floe.storage.s3;

import dev.floe.io.PositionalInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads an object by byte ranges ({@code Range: bytes=a-b}), never as a whole: small reads are
 * served from a read-ahead buffer of at most {@code s3.read-ahead.size} bytes filled by one ranged
 * GET, large ones (column chunks) fetch exactly the requested range into the caller's array (see
 * {@link PositionalInputStream}). Nothing is held open between reads, so seeking is free and an
 * abandoned stream leaks no connection.
 */
final class S3SeekableInputStream extends PositionalInputStream {
  private final S3Context context;
  private final S3Location object;
  private final long length;

  S3SeekableInputStream(S3Context context, String location, S3Location object, long length) {
    super(location, (int) Math.min(context.properties().readAheadBytes(), length));
    this.context = context;
    this.object = object;
    this.length = length;
  }

  @Override
  protected int readAt(long position, byte[] target, int off, int len) throws IOException {
    int n = (int) Math.min(len, length - position);
    if (n <= 0) {
      return 0;
    }
    fetch(position, target, off, n);
    return n;
  }

  @Override
  protected long size() {
    return length;
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
      throw new IOException("cannot read bytes " + start + "-" + end + " of " + location() + ": "
          + S3Errors.describe(e), e);
    }
  }

  /** A store that ignored the Range header would hand us the wrong bytes: refuse them. */
  private void checkRange(GetObjectResponse response, long start) throws IOException {
    String range = response.contentRange();
    boolean fromStart = range == null ? start == 0 : range.startsWith("bytes " + start + "-");
    if (!fromStart) {
      throw new IOException("asked " + location() + " for bytes from " + start + ", got range " + range);
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
      throw RetryableException.builder().message("reading " + location() + ": " + e).cause(e).build();
    }
  }
}
