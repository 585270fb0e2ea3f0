package dev.floe.spark;

import dev.floe.error.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Options of a read, from the DataFrame reader's {@code .option(...)}, falling back to table
 * properties and then defaults.
 *
 * <table>
 *   <tr><th>option</th><th>table property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>snapshot-id</td><td></td><td></td><td>read this snapshot (like VERSION AS OF)</td></tr>
 *   <tr><td>as-of-timestamp</td><td></td><td></td><td>read the snapshot current at these epoch millis</td></tr>
 *   <tr><td>split-size</td><td>read.split.target-size</td><td>128 MiB</td><td>files larger than this
 *       with several row groups are read by several tasks</td></tr>
 *   <tr><td>columnar</td><td>read.columnar.enabled</td><td>true</td><td>columnar batches for flat schemas</td></tr>
 *   <tr><td>batch-size</td><td>read.columnar.batch-size</td><td>4096</td><td>rows per columnar batch</td></tr>
 *   <tr><td>stream-from-snapshot-id</td><td></td><td></td><td>a stream starts after this snapshot
 *       (default: it first reads the whole table as of its first batch)</td></tr>
 *   <tr><td>max-snapshots-per-batch</td><td></td><td>all</td><td>a stream's batch covers at most this
 *       many new snapshots</td></tr>
 * </table>
 */
public record ReadOptions(Optional<Long> snapshotId, Optional<Long> asOfTimestampMillis, long splitSize,
    boolean columnar, int batchSize, Optional<Long> streamFromSnapshotId, int maxSnapshotsPerBatch) {

  public static final long DEFAULT_SPLIT_SIZE = 128L * 1024 * 1024;

  public static ReadOptions of(CaseInsensitiveStringMap options, Map<String, String> tableProperties) {
    return new ReadOptions(
        optionalLong(options, "snapshot-id"),
        optionalLong(options, "as-of-timestamp"),
        longValue(options, tableProperties, "split-size", "read.split.target-size", DEFAULT_SPLIT_SIZE),
        Boolean.parseBoolean(value(options, tableProperties, "columnar", "read.columnar.enabled", "true")),
        (int) longValue(options, tableProperties, "batch-size", "read.columnar.batch-size", 4096),
        optionalLong(options, "stream-from-snapshot-id"),
        (int) longValue(options, Map.of(), "max-snapshots-per-batch", "", Integer.MAX_VALUE));
  }

  public static ReadOptions defaults(Map<String, String> tableProperties) {
    return of(CaseInsensitiveStringMap.empty(), tableProperties);
  }

  private static String value(CaseInsensitiveStringMap options, Map<String, String> props, String option,
      String property, String fallback) {
    String v = options.get(option);
    return v != null ? v : props.getOrDefault(property, fallback);
  }

  private static long longValue(CaseInsensitiveStringMap options, Map<String, String> props, String option,
      String property, long fallback) {
    String v = value(options, props, option, property, null);
    long n = v == null ? fallback : parse(option, v);
    if (n < 1) {
      throw new InvalidInputException(option, "must be positive, got " + v);
    }
    return n;
  }

  private static Optional<Long> optionalLong(CaseInsensitiveStringMap options, String option) {
    String v = options.get(option);
    return v == null ? Optional.empty() : Optional.of(parse(option, v));
  }

  private static long parse(String option, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(option, "expected a whole number, got '" + v + "'");
    }
  }
}
