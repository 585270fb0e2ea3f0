package dev.floe.storage.s3;

import dev.floe.io.InputFile;
import dev.floe.io.SeekableInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * An object to read. Its length comes from one HEAD and is kept, so a Parquet reader that asks
 * for the length and then opens a stream costs one HEAD, not two. Streams read byte ranges
 * ({@link S3SeekableInputStream}); {@link #readAllBytes()} is one GET for small files.
 */
final class S3InputFile implements InputFile {
  private final S3Context context;
  private final String location;
  private final S3Location object;
  private volatile long length = -1;

  S3InputFile(S3Context context, String location) {
    this.context = context;
    this.location = location;
    this.object = S3Location.object(location);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public long length() {
    long known = length;
    if (known < 0) {
      try {
        known = head();
      } catch (SdkException e) {
        throw S3Errors.failure("read the length of", location, e);
      }
      length = known;
    }
    return known;
  }

  @Override
  public boolean exists() {
    try {
      length = head();
      return true;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw S3Errors.failure("check for", location, e);
    }
  }

  private long head() {
    return context.clients().retrying()
        .headObject(HeadObjectRequest.builder().bucket(object.bucket()).key(object.key()).build())
        .contentLength();
  }

  @Override
  public SeekableInputStream newStream() {
    return new S3SeekableInputStream(context, location, object, length());
  }

  @Override
  public byte[] readAllBytes() {
    try {
      return context.clients().retrying()
          .getObject(GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).build(),
              ResponseTransformer.toBytes())
          .asByteArray();
    } catch (SdkException e) {
      throw S3Errors.failure("read", location, e);
    }
  }
}
