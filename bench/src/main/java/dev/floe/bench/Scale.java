package dev.floe.bench;

import java.util.List;
import java.util.Locale;

/**
 * Workload sizes. {@code full} is WORKLOADS.md as written; {@code small} is about a tenth;
 * {@code tiny} runs every workload in seconds (the CI smoke run).
 *
 * @param rows W1 rows (read by W2, W3, W7)
 * @param files W1 data files
 * @param commits W4 commits per measured repetition
 * @param longCommits W4 commits of the one long run that continues the last repetition
 * @param concurrentSeconds W5 duration of one repetition
 * @param planSizes W6 table sizes in data files
 * @param lookups W7 lookups per repetition
 */
record Scale(String name, long rows, int files, int commits, int longCommits, double concurrentSeconds,
    List<Integer> planSizes, int lookups) {
  static final Scale TINY = new Scale("tiny", 20_000, 10, 30, 60, 1.0, List.of(200, 1_000), 10);
  static final Scale SMALL = new Scale("small", 1_000_000, 10, 300, 1_000, 5.0, List.of(1_000, 10_000), 100);
  static final Scale FULL = new Scale("full", 10_000_000, 10, 1_000, 10_000, 30.0, List.of(10_000, 100_000), 100);

  static Scale parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" -> TINY;
      case "small" -> SMALL;
      case "full" -> FULL;
      default -> throw new BenchException("unknown scale '" + name + "' (tiny, small, full)");
    };
  }
}
