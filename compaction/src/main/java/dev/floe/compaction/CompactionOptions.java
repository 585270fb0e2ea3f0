package dev.floe.compaction;

import dev.floe.error.InvalidInputException;
import dev.floe.metadata.TableMetadata;
import dev.floe.table.TableWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The knobs of a rewrite, resolved from table properties overlaid with the options given to one
 * run. Every key is also a table property, so a table can carry its own defaults.
 *
 * @param targetFileSizeBytes size of output files ({@value #TARGET_FILE_SIZE}, the writers'
 *     own target: default 512 MiB)
 * @param minFileSizeBytes files below this are rewritten by bin-pack (default 75% of target)
 * @param maxFileSizeBytes files above this are split by bin-pack (default 180% of target)
 * @param minInputFiles a partition's candidates are rewritten only when there are at least this
 *     many of them, or they add up to a whole target file, or one of them is too large (default 5)
 * @param maxGroupSizeBytes the most input bytes one group (one commit) rewrites (default 10 GiB)
 * @param maxConcurrentGroups groups rewritten at once (default: cores, at most 4)
 * @param sortMemoryBytes heap a sort or z-order of one group may buffer before it spills sorted
 *     runs to storage (default: a quarter of the heap shared by the concurrent groups, at most 256 MiB)
 * @param groupRetries how often a group whose commit conflicted is rewritten again from its
 *     still-live inputs (default 1)
 */
public record CompactionOptions(long targetFileSizeBytes, long minFileSizeBytes, long maxFileSizeBytes,
    int minInputFiles, long maxGroupSizeBytes, int maxConcurrentGroups, long sortMemoryBytes, int groupRetries) {

  public static final String TARGET_FILE_SIZE = TableWriter.TARGET_FILE_SIZE;
  public static final String MIN_FILE_SIZE = "compaction.min-file-size-bytes";
  public static final String MAX_FILE_SIZE = "compaction.max-file-size-bytes";
  public static final String MIN_INPUT_FILES = "compaction.min-input-files";
  public static final String MAX_GROUP_SIZE = "compaction.max-file-group-size-bytes";
  public static final String MAX_CONCURRENT_GROUPS = "compaction.max-concurrent-file-group-rewrites";
  public static final String SORT_MEMORY = "compaction.sort.memory-bytes";
  public static final String GROUP_RETRIES = "compaction.group-retries";

  static final int DEFAULT_MIN_INPUT_FILES = 5;
  static final long DEFAULT_MAX_GROUP_SIZE = 10L << 30;
  static final long MAX_DEFAULT_SORT_MEMORY = 256L << 20;
  static final int DEFAULT_GROUP_RETRIES = 1;

  public CompactionOptions {
    positive(TARGET_FILE_SIZE, targetFileSizeBytes);
    if (minFileSizeBytes < 0 || minFileSizeBytes > targetFileSizeBytes) {
      throw new InvalidInputException(MIN_FILE_SIZE, "must be between 0 and the target file size ("
          + targetFileSizeBytes + "), got " + minFileSizeBytes);
    }
    if (maxFileSizeBytes < targetFileSizeBytes) {
      throw new InvalidInputException(MAX_FILE_SIZE, "must be at least the target file size ("
          + targetFileSizeBytes + "), got " + maxFileSizeBytes);
    }
    if (minInputFiles < 1) {
      throw new InvalidInputException(MIN_INPUT_FILES, "must be at least 1, got " + minInputFiles);
    }
    positive(MAX_GROUP_SIZE, maxGroupSizeBytes);
    positive(MAX_CONCURRENT_GROUPS, maxConcurrentGroups);
    positive(SORT_MEMORY, sortMemoryBytes);
    if (groupRetries < 0) {
      throw new InvalidInputException(GROUP_RETRIES, "must not be negative, got " + groupRetries);
    }
  }

  /** The table's properties overlaid with {@code overrides} (same keys). */
  public static CompactionOptions resolve(TableMetadata metadata, Map<String, String> overrides) {
    Map<String, String> p = new HashMap<>(metadata.properties());
    p.putAll(overrides);
    long target = number(p, TARGET_FILE_SIZE, TableWriter.DEFAULT_TARGET_FILE_SIZE);
    int concurrency = (int) number(p, MAX_CONCURRENT_GROUPS,
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    long defaultSortMemory = Math.max(8L << 20,
        Math.min(MAX_DEFAULT_SORT_MEMORY, Runtime.getRuntime().maxMemory() / 4 / Math.max(1, concurrency)));
    return new CompactionOptions(
        target,
        number(p, MIN_FILE_SIZE, target * 3 / 4),
        number(p, MAX_FILE_SIZE, target / 10 * 18),
        (int) number(p, MIN_INPUT_FILES, DEFAULT_MIN_INPUT_FILES),
        number(p, MAX_GROUP_SIZE, DEFAULT_MAX_GROUP_SIZE),
        concurrency,
        number(p, SORT_MEMORY, defaultSortMemory),
        (int) number(p, GROUP_RETRIES, DEFAULT_GROUP_RETRIES));
  }

  private static long number(Map<String, String> p, String key, long defaultValue) {
    String v = p.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return ByteSize.parse(key, v); // sizes may carry a unit: 128MB
    }
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new InvalidInputException(key, "must be positive, got " + value);
    }
  }
}
