package dev.floe.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One multipart upload: parts go up in parallel on the FileIO's upload threads, at most
 * {@code s3.multipart.num-threads} of this upload's parts in flight (the writer waits beyond that,
 * which bounds its memory). Any failure aborts the upload, after its parts in flight have
 * settled, so S3 keeps no orphaned parts; {@link #complete()} either makes the whole object
 * visible or aborts.
 */
final class MultipartUpload {
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final S3Context context;
  private final String location;
  private final S3Location object;
  private final String uploadId;
  private final Semaphore inFlight;
  private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private boolean finished;

  private MultipartUpload(S3Context context, String location, S3Location object, String uploadId) {
    this.context = context;
    this.location = location;
    this.object = object;
    this.uploadId = uploadId;
    this.inFlight = new Semaphore(context.properties().uploadThreads());
  }

  static MultipartUpload start(S3Context context, String location, S3Location object) throws IOException {
    try {
      String id = client(context).createMultipartUpload(b -> b.bucket(object.bucket()).key(object.key()))
          .uploadId();
      return new MultipartUpload(context, location, object, id);
    } catch (SdkException e) {
      throw new IOException("cannot start a multipart upload of " + location + ": " + S3Errors.describe(e), e);
    }
  }

  String uploadId() {
    return uploadId;
  }

  /** Uploads {@code bytes[0, length)} as the next part; the array is the part's from now on. */
  void addPart(byte[] bytes, int length) throws IOException {
    throwIfFailed();
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while uploading " + location);
    }
    int partNumber = parts.size() + 1;
    CompletableFuture<CompletedPart> part = CompletableFuture.supplyAsync(() -> upload(partNumber, bytes, length),
        context.uploads());
    part.whenComplete((done, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error);
      }
      inFlight.release();
    });
    parts.add(part);
  }

  private CompletedPart upload(int partNumber, byte[] bytes, int length) {
    if (failure.get() != null) {
      // another part failed: this upload is going to be aborted, so do not send more bytes
      throw new CancellationException("upload of " + location + " already failed");
    }
    String eTag = client(context).uploadPart(b -> b.bucket(object.bucket()).key(object.key())
            .uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, CONTENT_TYPE))
        .eTag();
    return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
  }

  /** Waits for every part and completes the object; on any failure aborts and throws. */
  void complete() throws IOException {
    List<CompletedPart> done = awaitParts();
    try {
      client(context).completeMultipartUpload(b -> b.bucket(object.bucket()).key(object.key()).uploadId(uploadId)
          .multipartUpload(m -> m.parts(done)));
      finished = true;
    } catch (SdkException e) {
      abort(e);
      throw new IOException("cannot complete the upload of " + location + ": " + S3Errors.describe(e), e);
    }
  }

  private List<CompletedPart> awaitParts() throws IOException {
    List<CompletedPart> done = new ArrayList<>(parts.size());
    for (CompletableFuture<CompletedPart> part : parts) {
      try {
        done.add(part.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort(e);
        throw new InterruptedIOException("interrupted while uploading " + location);
      } catch (ExecutionException e) {
        // the first failure is the one to report; later parts may have been skipped because of it
      }
    }
    throwIfFailed();
    done.sort(Comparator.comparingInt(CompletedPart::partNumber));
    return done;
  }

  /** Throws the first part failure, after aborting the upload. */
  void throwIfFailed() throws IOException {
    Throwable error = failure.get();
    if (error != null) {
      abort(error);
      String reason = error instanceof SdkException sdk ? S3Errors.describe(sdk) : error.toString();
      throw new IOException("cannot upload a part of " + location + ": " + reason, error);
    }
  }

  /**
   * Aborts the upload once its parts in flight have settled (S3 may keep a part that was still
   * being uploaded during an abort). Failing to abort is reported alongside the original error.
   */
  void abort(Throwable cause) {
    if (finished) {
      return;
    }
    finished = true;
    for (CompletableFuture<CompletedPart> part : parts) {
      try {
        part.handle((ok, error) -> null).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException impossible) {
        // handle() turned every outcome into a value
      }
    }
    try {
      client(context).abortMultipartUpload(b -> b.bucket(object.bucket()).key(object.key()).uploadId(uploadId));
    } catch (SdkException e) {
      cause.addSuppressed(new IOException("could not abort multipart upload " + uploadId + " of " + location
          + "; a bucket lifecycle rule (AbortIncompleteMultipartUpload) removes its parts: " + S3Errors.describe(e), e));
    }
  }

  private static S3Client client(S3Context context) {
    return context.clients().retrying();
  }
}
