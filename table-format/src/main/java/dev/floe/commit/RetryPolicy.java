package dev.floe.commit;

import dev.floe.metadata.TableMetadata;

/**
 * How often and how patiently a commit retries after losing a race: exponential backoff with
 * jitter, capped at {@code maxWaitMs}, at most {@code numRetries}
 * retries and {@code totalTimeoutMs} in all. Read from table properties.
 */
public record RetryPolicy(int numRetries, long minWaitMs, long maxWaitMs, long totalTimeoutMs) {
  public static final String NUM_RETRIES = "commit.retry.num-retries";
  public static final String MIN_WAIT_MS = "commit.retry.min-wait-ms";
  public static final String MAX_WAIT_MS = "commit.retry.max-wait-ms";
  public static final String TOTAL_TIMEOUT_MS = "commit.retry.total-timeout-ms";

  // Many retries with short waits rather than Iceberg's few with long ones: writers in separate
  // processes meet only at the atomic create, and a writer that gives up loses its commit, while
  // one that waits longer only adds latency to an unlucky commit. The total timeout is the bound;
  // the count only stops a runaway (with 30 retries, a few commits in a thousand of 4 processes
  // gave up, bench W5). Waits up to 500 ms: capping them at 100 ms tripled the lost races across
  // processes, halved the commit rate and raised p99 to 2 s (bench W5).
  public static final RetryPolicy DEFAULT = new RetryPolicy(1000, 5, 500, 60_000);

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

  /**
   * The wait before retry number {@code retry} (1-based): {@code d = min(max, min * 2^(retry-1))},
   * then a uniformly random time in [d/2, d] so writers that lost the same race spread out.
   */
  public long backoffMs(int retry, java.util.random.RandomGenerator random) {
    long d = (long) Math.min(maxWaitMs, minWaitMs * Math.pow(2, Math.min(retry - 1, 30)));
    long low = d / 2;
    return d <= low ? d : low + random.nextLong(d - low + 1);
  }
}
