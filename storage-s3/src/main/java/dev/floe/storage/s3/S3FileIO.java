package dev.floe.storage.s3;

import dev.floe.error.BulkDeleteException;
import dev.floe.error.InvalidInputException;
import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * FileIO for Amazon S3 and S3-compatible stores that support conditional writes
 * ({@code If-None-Match: *} on PutObject). Locations are {@code s3://bucket/key} or
 * {@code s3a://bucket/key}. Configuration: see {@link S3Properties}.
 *
 * <p>Reads are ranged GETs through a bounded read-ahead buffer; writes are one PUT, or a parallel
 * multipart upload for large files; the exclusive create is a conditional PUT whose outcome is
 * decided by a token in the object's metadata ({@link ExclusiveCreate}); listing pages through
 * ListObjectsV2; bulk deletes go 1,000 keys per DeleteObjects request.
 */
public final class S3FileIO implements FileIO {
  private final S3Context context;

  public S3FileIO(Map<String, String> properties) {
    this(S3Properties.from(properties));
  }

  S3FileIO(S3Properties properties) {
    S3Clients clients;
    try {
      clients = S3Clients.create(properties);
    } catch (SdkException e) {
      // in practice: no region in the properties, the environment or the AWS profile
      throw new InvalidInputException(S3Properties.REGION, "cannot set up the S3 client: " + e.getMessage()
          + " (set " + S3Properties.REGION + ", or " + S3Properties.ENDPOINT + " for an S3-compatible store)", e);
    }
    this.context = new S3Context(clients, properties, uploadThreads(properties.uploadThreads()));
  }

  private static ExecutorService uploadThreads(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "floe-s3-upload-" + n.incrementAndGet());
      t.setDaemon(true); // never keeps a JVM alive; a stream waits for its own parts before close returns
      return t;
    });
  }

  @Override
  public InputFile newInputFile(String location) {
    return new S3InputFile(context, location);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new S3OutputFile(context, location);
  }

  @Override
  public void delete(String location) {
    S3Location object = S3Location.object(location);
    try {
      // S3 answers 204 for a missing key as well: deleting what is not there is not an error
      context.clients().retrying().deleteObject(b -> b.bucket(object.bucket()).key(object.key()));
    } catch (SdkException e) {
      throw S3Errors.failure("delete", location, e);
    }
  }

  /**
   * DeleteObjects in batches of {@code s3.delete.batch-size} (at most 1,000) keys per bucket.
   * Every batch is attempted; the keys S3 reports as not deleted, and those of batches that
   * failed as a whole, are named in one BulkDeleteException.
   */
  @Override
  public void deleteAll(Collection<String> locations) {
    Map<String, List<String>> byBucket = new LinkedHashMap<>();
    Map<String, String> locationByBucketKey = new LinkedHashMap<>();
    for (String location : locations) {
      S3Location object = S3Location.object(location);
      byBucket.computeIfAbsent(object.bucket(), b -> new ArrayList<>()).add(object.key());
      locationByBucketKey.put(object.bucket() + "/" + object.key(), location);
    }
    List<String> failed = new ArrayList<>();
    String firstReason = null;
    SdkException firstCause = null;
    int batchSize = context.properties().deleteBatchSize();
    for (Map.Entry<String, List<String>> bucket : byBucket.entrySet()) {
      List<String> keys = bucket.getValue();
      for (int from = 0; from < keys.size(); from += batchSize) {
        List<String> batch = keys.subList(from, Math.min(keys.size(), from + batchSize));
        try {
          DeleteObjectsResponse response = context.clients().retrying().deleteObjects(b -> b.bucket(bucket.getKey())
              .delete(Delete.builder().quiet(true)
                  .objects(batch.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList()).build()));
          for (S3Error error : response.errors()) {
            failed.add(locationByBucketKey.getOrDefault(bucket.getKey() + "/" + error.key(), error.key()));
            firstReason = firstReason == null ? error.code() + " " + error.message() : firstReason;
          }
        } catch (SdkException e) {
          batch.forEach(k -> failed.add(locationByBucketKey.get(bucket.getKey() + "/" + k)));
          firstReason = firstReason == null ? S3Errors.describe(e) : firstReason;
          firstCause = firstCause == null ? e : firstCause;
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new BulkDeleteException(failed, firstReason, firstCause);
    }
  }

  /**
   * Every object under the prefix taken as a directory ({@code t} and {@code t/} both list
   * {@code t/...}, never {@code t2/...}), paging through ListObjectsV2. Locations are spelled
   * like the prefix: {@code prefix + "/" + rest of the key}.
   */
  @Override
  public List<FileInfo> list(String prefix) {
    S3Location dir = S3Location.parse(prefix);
    String keyPrefix = dir.directoryPrefix();
    String spelledBase = stripTrailingSlashes(prefix) + "/";
    List<FileInfo> out = new ArrayList<>();
    try {
      ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(dir.bucket()).prefix(keyPrefix).build();
      for (S3Object o : context.clients().retrying().listObjectsV2Paginator(request).contents()) {
        out.add(new FileInfo(spelledBase + o.key().substring(keyPrefix.length()), o.size(),
            o.lastModified().toEpochMilli()));
      }
    } catch (SdkException e) {
      throw S3Errors.failure("list", prefix, e);
    }
    return out;
  }

  private static String stripTrailingSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }

  @Override
  public void close() {
    context.uploads().shutdownNow();
    context.clients().close();
  }
}
