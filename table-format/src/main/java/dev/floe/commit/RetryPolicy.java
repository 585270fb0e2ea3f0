package dev.floe.commit;

import dev.floe.metadata.TableMetadata;

/**
 * How often and how patiently a commit retries after losing a race: exponential backoff with
 * full jitter between {@code minWaitMs} and {@code maxWaitMs}, at most {@code numRetries}
 * retries and {@code totalTimeoutMs} in all. Read from table properties.
 */
public record RetryPolicy(int numRetries, long minWaitMs, long maxWaitMs, long totalTimeoutMs) {
  public static final String NUM_RETRIES = "commit.retry.num-retries";
  public static final String MIN_WAIT_MS = "commit.retry.min-wait-ms";
  public static final String MAX_WAIT_MS = "commit.retry.max-wait-ms";
  public static final String TOTAL_TIMEOUT_MS = "commit.retry.total-timeout-ms";

  public static final RetryPolicy DEFAULT = new RetryPolicy(10, 5, 2_000, 60_000);

  public RetryPolicy {
    if (numRetries < 0 || minWaitMs < 0 || maxWaitMs < minWaitMs || totalTimeoutMs < 0) {
      throw new dev.floe.error.InvalidInputException("commit.retry.*",
          "retries and waits must be non-negative and max-wait >= min-wait");
    }
  }

  public static RetryPolicy from(TableMetadata metadata) {
    return new RetryPolicy(
        (int) metadata.propertyAsLong(NUM_RETRIES, DEFAULT.numRetries),
        metadata.propertyAsLong(MIN_WAIT_MS, DEFAULT.minWaitMs),
        metadata.propertyAsLong(MAX_WAIT_MS, DEFAULT.maxWaitMs),
        metadata.propertyAsLong(TOTAL_TIMEOUT_MS, DEFAULT.totalTimeoutMs));
  }

  /** The wait before retry number {@code retry} (1-based), drawn uniformly in [min, cap]. */
  public long backoffMs(int retry, java.util.random.RandomGenerator random) {
    double cap = Math.min(maxWaitMs, minWaitMs * Math.pow(2, Math.min(retry - 1, 30)));
    long upper = Math.max(minWaitMs, (long) cap);
    return upper == minWaitMs ? minWaitMs : minWaitMs + random.nextLong(upper - minWaitMs + 1);
  }
}
