package dev.floe.storage.s3;

import dev.floe.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach S3 and how to move bytes, from FileIO properties. Names follow Apache Iceberg's
 * {@code S3FileIO} where it has one, so a configuration can be shared; the SDK's default
 * credential and region chains apply to whatever is not given.
 */
record S3Properties(
    Optional<URI> endpoint,
    boolean pathStyleAccess,
    Optional<Credentials> credentials,
    Optional<String> region,
    Retry retry,
    Http http,
    long partSize,
    long multipartThreshold,
    int uploadThreads,
    int deleteBatchSize,
    int readAheadBytes) {

  static final String ENDPOINT = "s3.endpoint";
  static final String PATH_STYLE_ACCESS = "s3.path-style-access";
  static final String ACCESS_KEY_ID = "s3.access-key-id";
  static final String SECRET_ACCESS_KEY = "s3.secret-access-key";
  static final String SESSION_TOKEN = "s3.session-token";
  static final String REGION = "s3.region";
  /** Part size of multipart uploads, bytes (Iceberg: {@code s3.multipart.size}). */
  static final String MULTIPART_SIZE = "s3.multipart.size";
  /** Multipart is used for files larger than this factor times the part size (as in Iceberg). */
  static final String MULTIPART_THRESHOLD = "s3.multipart.threshold";
  static final String MULTIPART_THREADS = "s3.multipart.num-threads";
  static final String DELETE_BATCH_SIZE = "s3.delete.batch-size";
  static final String READ_AHEAD = "s3.read-ahead.size";
  static final String RETRIES = "s3.retry.num-retries";
  static final String RETRY_MIN_WAIT = "s3.retry.min-wait-ms";
  static final String RETRY_MAX_WAIT = "s3.retry.max-wait-ms";
  static final String SOCKET_TIMEOUT = "http-client.apache.socket-timeout-ms";
  static final String CONNECTION_TIMEOUT = "http-client.apache.connection-timeout-ms";
  static final String MAX_CONNECTIONS = "http-client.apache.max-connections";

  /** S3's own limits: parts of at least 5 MiB (but the last), at most 1,000 keys per DeleteObjects. */
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  static final int MAX_DELETE_BATCH = 1000;

  record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + ", ****]"; // never print a secret key in a log or an error
    }
  }

  /** Retries of calls that are safe to repeat (everything but the conditional commit). */
  record Retry(int numRetries, Duration minWait, Duration maxWait) {}

  record Http(Optional<Duration> socketTimeout, Optional<Duration> connectionTimeout, int maxConnections) {}

  static S3Properties from(Map<String, String> properties) {
    Reader p = new Reader(properties);
    Optional<String> keyId = p.string(ACCESS_KEY_ID);
    Optional<String> secret = p.string(SECRET_ACCESS_KEY);
    if (keyId.isPresent() != secret.isPresent()) {
      throw new InvalidInputException(keyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID,
          "set both " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + ", or neither to use the default credential chain");
    }
    Optional<Credentials> credentials = keyId.map(id -> new Credentials(id, secret.orElseThrow(), p.string(SESSION_TOKEN)));
    if (credentials.isEmpty() && p.string(SESSION_TOKEN).isPresent()) {
      throw new InvalidInputException(SESSION_TOKEN, "a session token needs " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
    }

    long partSize = p.longValue(MULTIPART_SIZE, 8L * 1024 * 1024, MIN_PART_SIZE, 5L * 1024 * 1024 * 1024);
    double factor = p.doubleValue(MULTIPART_THRESHOLD, 1.5, 1.0);
    Retry retry = new Retry(
        (int) p.longValue(RETRIES, 5, 0, 100),
        Duration.ofMillis(p.longValue(RETRY_MIN_WAIT, 50, 0, Long.MAX_VALUE)),
        Duration.ofMillis(p.longValue(RETRY_MAX_WAIT, 5_000, 0, Long.MAX_VALUE)));
    if (retry.maxWait().compareTo(retry.minWait()) < 0) {
      throw new InvalidInputException(RETRY_MAX_WAIT, "must not be less than " + RETRY_MIN_WAIT);
    }
    Http http = new Http(
        p.optionalLong(SOCKET_TIMEOUT, 1).map(Duration::ofMillis),
        p.optionalLong(CONNECTION_TIMEOUT, 1).map(Duration::ofMillis),
        (int) p.longValue(MAX_CONNECTIONS, 64, 1, 10_000));
    return new S3Properties(
        p.string(ENDPOINT).map(S3Properties::endpointUri),
        p.bool(PATH_STYLE_ACCESS, false),
        credentials,
        p.string(REGION),
        retry,
        http,
        partSize,
        (long) Math.ceil(partSize * factor),
        (int) p.longValue(MULTIPART_THREADS, 4, 1, 64),
        (int) p.longValue(DELETE_BATCH_SIZE, MAX_DELETE_BATCH, 1, MAX_DELETE_BATCH),
        (int) p.longValue(READ_AHEAD, 1024 * 1024, 1, 64 * 1024 * 1024));
  }

  private static URI endpointUri(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new InvalidInputException(ENDPOINT, "expected a URL such as http://127.0.0.1:9000, got " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidInputException(ENDPOINT, "not a URL: " + text, e);
    }
  }

  /** Typed access to string properties; every error names the property. */
  private record Reader(Map<String, String> properties) {
    Optional<String> string(String key) {
      return Optional.ofNullable(properties.get(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    boolean bool(String key, boolean fallback) {
      Optional<String> v = string(key).map(s -> s.toLowerCase(Locale.ROOT));
      if (v.isEmpty()) {
        return fallback;
      }
      return switch (v.get()) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new InvalidInputException(key, "expected true or false, got " + v.get());
      };
    }

    long longValue(String key, long fallback, long min, long max) {
      return optionalLong(key, min).map(v -> {
        if (v > max) {
          throw new InvalidInputException(key, "must be at most " + max + ", got " + v);
        }
        return v;
      }).orElse(fallback);
    }

    Optional<Long> optionalLong(String key, long min) {
      return string(key).map(s -> {
        long v;
        try {
          v = Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(key, "expected a whole number, got " + s, e);
        }
        if (v < min) {
          throw new InvalidInputException(key, "must be at least " + min + ", got " + v);
        }
        return v;
      });
    }

    double doubleValue(String key, double fallback, double min) {
      return string(key).map(s -> {
        double v;
        try {
          v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(key, "expected a number, got " + s, e);
        }
        if (!(v >= min) || Double.isInfinite(v)) {
          throw new InvalidInputException(key, "must be a finite number of at least " + min + ", got " + s);
        }
        return v;
      }).orElse(fallback);
    }
  }
}
