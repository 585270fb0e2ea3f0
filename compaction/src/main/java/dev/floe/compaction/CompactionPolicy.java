package dev.floe.compaction;

import dev.floe.error.InvalidInputException;
import java.util.Map;

/**
 * When {@link Compaction#compactIfNeeded} should compact, and how. The check reads only the
 * snapshot summaries held in the table metadata (no manifest, no data file): it counts the files
 * that appends added since the last rewrite ({@code replace} snapshot) on the current branch.
 *
 * @param minNewFiles compact once appends have added at least this many files since the last rewrite
 * @param maxMeanRowsPerNewFile ... and only if those files hold fewer rows than this on average
 *     (they are small); {@code Long.MAX_VALUE} to look at the count alone
 * @param strategy the rewrite to run
 * @param options {@link CompactionOptions} overrides for the run
 */
public record CompactionPolicy(int minNewFiles, long maxMeanRowsPerNewFile, Strategy strategy,
    Map<String, String> options) {

  public static final int DEFAULT_MIN_NEW_FILES = 50;

  public CompactionPolicy {
    if (minNewFiles < 1) {
      throw new InvalidInputException("min-new-files", "must be at least 1, got " + minNewFiles);
    }
    if (maxMeanRowsPerNewFile < 1) {
      throw new InvalidInputException("max-mean-rows-per-new-file", "must be positive, got " + maxMeanRowsPerNewFile);
    }
    options = Map.copyOf(options);
  }

  /** Bin-pack once 50 files were appended since the last rewrite, with the table's own options. */
  public static CompactionPolicy defaults() {
    return new CompactionPolicy(DEFAULT_MIN_NEW_FILES, Long.MAX_VALUE, Strategy.binPack(), Map.of());
  }

  public CompactionPolicy withMinNewFiles(int n) {
    return new CompactionPolicy(n, maxMeanRowsPerNewFile, strategy, options);
  }

  public CompactionPolicy withMaxMeanRowsPerNewFile(long rows) {
    return new CompactionPolicy(minNewFiles, rows, strategy, options);
  }

  public CompactionPolicy withStrategy(Strategy s) {
    return new CompactionPolicy(minNewFiles, maxMeanRowsPerNewFile, s, options);
  }

  /**
   * What the check saw.
   *
   * @param newFiles files appended since the last rewrite (as far as inline history reaches)
   * @param newRows rows in them
   */
  public record Decision(boolean needed, int newFiles, long newRows, String reason) {}
}
