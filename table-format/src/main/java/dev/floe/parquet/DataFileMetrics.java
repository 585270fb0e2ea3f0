package dev.floe.parquet;

import dev.floe.error.InvalidInputException;
import dev.floe.manifest.ColumnStats;
import java.util.List;
import java.util.Map;

/**
 * What a finished data file reports for its manifest entry: row count, size, per-column
 * statistics by field id (bounds in internal representation, strings and binary truncated) and
 * the byte offsets where row groups start (split points for readers).
 */
public record DataFileMetrics(
    long recordCount,
    long fileSizeBytes,
    Map<Integer, ColumnStats> columnStats,
    List<Long> splitOffsets) {

  public DataFileMetrics {
    if (recordCount < 0) {
      throw new InvalidInputException("record-count", "must not be negative, got " + recordCount);
    }
    if (fileSizeBytes < 0) {
      throw new InvalidInputException("file-size-in-bytes", "must not be negative, got " + fileSizeBytes);
    }
    columnStats = Map.copyOf(columnStats);
    splitOffsets = List.copyOf(splitOffsets);
  }
}
