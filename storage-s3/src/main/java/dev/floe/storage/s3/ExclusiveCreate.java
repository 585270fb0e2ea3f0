package dev.floe.storage.s3;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.StorageException;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The commit step on S3: PutObject with {@code If-None-Match: *}, which S3 applies atomically (of
 * racing creates exactly one gets 200, the others 412). The SDK never re-sends this request on its
 * own: a re-sent PUT whose first attempt had landed would come back as 412 for our own object.
 * Instead every create carries a fresh token in its user metadata, and whenever the outcome is in
 * doubt the object is read back:
 *
 * <ul>
 *   <li>412, or no answer / a server error (the request may have landed): HEAD the object. Our
 *       token: committed. Another token: {@link AlreadyExistsException}. No object: the name is
 *       still free, so the same create (same token, same bytes) is sent again. That is safe even if
 *       the first request is still in flight somewhere: If-None-Match lets at most one of the two
 *       land, and either one is ours.
 *   <li>409 ConditionalRequestConflict (a concurrent conditional write to the key was in progress)
 *       and throttling (503 SlowDown, 429): not applied; sent again after a backoff.
 *   <li>Any other 4xx/5xx that rejects the request (403, 400, 501 ...): not applied, a
 *       {@link StorageException} — unless an earlier attempt may have landed.
 *   <li>The answer cannot be had (the HEAD fails too), or attempts run out while an earlier one
 *       may still land: {@link CommitStateUnknownException}; the caller then cleans up nothing.
 * </ul>
 */
final class ExclusiveCreate {
  /** User metadata key; on the wire {@code x-amz-meta-floe-commit-token}. */
  static final String TOKEN = "floe-commit-token";

  private final S3Context context;
  private final String location;
  private final S3Location object;
  private final byte[] content;
  private final String token = UUID.randomUUID().toString();

  ExclusiveCreate(S3Context context, String location, S3Location object, byte[] content) {
    this.context = context;
    this.location = location;
    this.object = object;
    this.content = content;
  }

  /** What reading the object back said. */
  private enum Owner { OURS, THEIRS, NOBODY }

  void run() {
    S3Properties.Retry retry = context.properties().retry();
    SdkException inDoubt = null; // the last failure after which our PUT may have landed
    SdkException last = null;
    for (int attempt = 1; ; attempt++) {
      try {
        put();
        return;
      } catch (SdkException e) {
        last = e;
        int status = S3Errors.status(e);
        if (status == S3Errors.PRECONDITION_FAILED || mayHaveLanded(e)) {
          if (status != S3Errors.PRECONDITION_FAILED) {
            inDoubt = e;
          }
          Owner owner = readBack(e);
          if (owner == Owner.OURS) {
            return;
          }
          if (owner == Owner.THEIRS) {
            throw new AlreadyExistsException("file exists: " + location, e);
          }
        } else if (!isRetryableRejection(e)) {
          if (inDoubt != null) {
            e.addSuppressed(inDoubt);
            throw unknown("a retry was rejected (" + S3Errors.describe(e) + ") after an attempt whose outcome"
                + " is unknown (" + S3Errors.describe(inDoubt) + ")", e);
          }
          throw new StorageException("cannot create " + location + ": " + S3Errors.describe(e)
              + (S3Errors.status(e) == 501 ? " (the store does not support conditional writes)" : ""), e);
        }
      }
      if (attempt > retry.numRetries()) {
        if (inDoubt != null) {
          throw unknown(attempt + " attempts failed and the first may still land (" + S3Errors.describe(inDoubt) + ")",
              last);
        }
        throw new StorageException("cannot create " + location + " after " + attempt + " attempts: "
            + S3Errors.describe(last), last);
      }
      backoff(attempt, retry, inDoubt, last);
    }
  }

  private void put() {
    context.clients().singleAttempt().putObject(b -> b.bucket(object.bucket()).key(object.key())
            .ifNoneMatch("*").metadata(Map.of(TOKEN, token)).contentLength((long) content.length),
        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content), content.length,
            "application/json"));
  }

  /** No answer at all, a timeout or a server error: the request may have been applied. */
  private static boolean mayHaveLanded(SdkException e) {
    int status = S3Errors.status(e);
    return status == 0 || status == 408 || (status >= 500 && !isThrottling(e));
  }

  /** Answers that say this request was not applied and that sending it again may succeed. */
  private static boolean isRetryableRejection(SdkException e) {
    return S3Errors.status(e) == S3Errors.CONFLICT || isThrottling(e);
  }

  private static boolean isThrottling(SdkException e) {
    int status = S3Errors.status(e);
    return status == 429 || (status == 503 && "SlowDown".equals(S3Errors.errorCode(e)));
  }

  /** Whose object is at the location now; throws CommitStateUnknownException if that cannot be read. */
  private Owner readBack(SdkException cause) {
    Optional<HeadObjectResponse> head;
    try {
      head = Optional.of(context.clients().retrying()
          .headObject(b -> b.bucket(object.bucket()).key(object.key())));
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e)) {
        e.addSuppressed(cause);
        throw unknown("the create failed (" + S3Errors.describe(cause) + ") and checking the result failed too ("
            + S3Errors.describe(e) + ")", e);
      }
      head = Optional.empty();
    }
    if (head.isEmpty()) {
      return Owner.NOBODY;
    }
    return token.equals(head.get().metadata().get(TOKEN)) ? Owner.OURS : Owner.THEIRS;
  }

  private void backoff(int attempt, S3Properties.Retry retry, SdkException inDoubt, SdkException last) {
    long min = retry.minWait().toMillis();
    long cap = Math.max(min, Math.min(retry.maxWait().toMillis(), min << Math.min(attempt - 1, 20)));
    try {
      Thread.sleep(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (inDoubt != null) {
        throw unknown("interrupted while retrying after " + S3Errors.describe(inDoubt), inDoubt);
      }
      throw new StorageException("interrupted while creating " + location + " (" + S3Errors.describe(last) + ")", e);
    }
  }

  private CommitStateUnknownException unknown(String why, Throwable cause) {
    return new CommitStateUnknownException("cannot tell whether " + location + " was created: " + why, cause);
  }
}
