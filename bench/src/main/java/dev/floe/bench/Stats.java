package dev.floe.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of repeated measurements. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
  }

  static double median(double[] values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (p == 50 && sorted.length % 2 == 0) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
