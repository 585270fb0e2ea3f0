package dev.floe.storage.s3;

import dev.floe.io.PositionOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Writes an object: bytes collect in memory and go up in one PutObject on close, unless the file
 * grows past {@code s3.multipart.threshold} times {@code s3.multipart.size}; then it becomes a
 * multipart upload whose parts are sent while the writer goes on. Nothing is visible under the
 * name until close() succeeds. After any failure the stream is dead: close() aborts the upload
 * instead of completing it, so a broken write never becomes a truncated object.
 */
final class S3OutputStream extends PositionOutputStream {
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final S3Context context;
  private final String location;
  private final S3Location object;
  private final int partSize;
  private final long threshold;
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int count;
  private long position;
  private MultipartUpload upload;
  private IOException failure;
  private boolean closed;

  S3OutputStream(S3Context context, String location, S3Location object) {
    this.context = context;
    this.location = location;
    this.object = object;
    this.partSize = (int) context.properties().partSize();
    this.threshold = context.properties().multipartThreshold();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureWritable();
    try {
      while (len > 0) {
        if (count == buffer.length) {
          makeRoom();
        }
        int n = Math.min(len, buffer.length - count);
        System.arraycopy(b, off, buffer, count, n);
        count += n;
        position += n;
        off += n;
        len -= n;
      }
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  /**
   * The buffer is full: grow it while the file is small, switch to multipart at the threshold,
   * and in multipart mode send the full part.
   */
  private void makeRoom() throws IOException {
    if (upload == null && buffer.length < threshold) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(threshold, 2L * buffer.length));
      return;
    }
    if (upload == null) {
      upload = MultipartUpload.start(context, location, object);
      // the collected bytes become the first parts; a tail shorter than a part starts the next one
      int sent = 0;
      while (count - sent >= partSize) {
        upload.addPart(Arrays.copyOfRange(buffer, sent, sent + partSize), partSize);
        sent += partSize;
      }
      byte[] next = new byte[partSize];
      System.arraycopy(buffer, sent, next, 0, count - sent);
      count -= sent;
      buffer = next;
      return;
    }
    upload.addPart(buffer, count);
    buffer = new byte[partSize];
    count = 0;
  }

  @Override
  public void flush() throws IOException {
    ensureWritable(); // bytes go up in parts or on close; there is nothing to flush early
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (failure != null) {
      if (upload != null) {
        upload.abort(failure);
      }
      return; // the write that failed already reported it; nothing was or will be created
    }
    try {
      if (upload == null) {
        putWhole();
      } else {
        if (count > 0) {
          upload.addPart(buffer, count);
        }
        upload.complete();
      }
    } finally {
      buffer = null;
    }
  }

  private void putWhole() throws IOException {
    byte[] bytes = buffer;
    int length = count;
    try {
      context.clients().retrying().putObject(b -> b.bucket(object.bucket()).key(object.key()).contentLength((long) length),
          RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
              "application/octet-stream"));
    } catch (SdkException e) {
      throw new IOException("cannot write " + location + ": " + S3Errors.describe(e), e);
    }
  }

  private void ensureWritable() throws IOException {
    if (closed) {
      throw new IOException("stream closed: " + location);
    }
    if (failure != null) {
      throw new IOException("an earlier write to " + location + " failed", failure);
    }
  }
}
