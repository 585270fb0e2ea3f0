package dev.floe.storage.s3;

import dev.floe.error.FloeException;
import dev.floe.error.NotFoundException;
import dev.floe.error.StorageException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What an SDK failure means for Floe: the one place that reads status and error codes. */
final class S3Errors {
  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;
  static final int PRECONDITION_FAILED = 412;

  private S3Errors() {}

  /** The HTTP status S3 answered with, or 0 if there was no answer (I/O error, timeout). */
  static int status(SdkException e) {
    return e instanceof AwsServiceException service ? service.statusCode() : 0;
  }

  static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return "";
  }

  static boolean isNotFound(SdkException e) {
    return status(e) == NOT_FOUND;
  }

  /** A failure of {@code action} on {@code location}: NotFoundException for 404, else StorageException. */
  static FloeException failure(String action, String location, SdkException e) {
    String message = "cannot " + action + " " + location + ": " + describe(e);
    return isNotFound(e) ? new NotFoundException(message, e) : new StorageException(message, e);
  }

  /** One line for an error message: status and S3 error code when S3 answered, the cause otherwise. */
  static String describe(SdkException e) {
    int status = status(e);
    if (status > 0) {
      String code = errorCode(e);
      return "HTTP " + status + (code.isEmpty() ? "" : " " + code);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
