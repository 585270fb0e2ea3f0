package dev.floe.manifest;

import dev.floe.partition.PartitionData;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One immutable data file of a table and what planning needs to know about it without opening
 * it: where it is, its partition, its size and per-column statistics keyed by field id.
 */
public record DataFile(
    String path,
    FileFormat format,
    int specId,
    PartitionData partition,
    long recordCount,
    long fileSizeBytes,
    Map<Integer, ColumnStats> columnStats,
    List<Long> splitOffsets,
    OptionalInt sortOrderId) {

  public DataFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(partition, "partition");
    columnStats = Map.copyOf(columnStats);
    splitOffsets = List.copyOf(splitOffsets);
    Objects.requireNonNull(sortOrderId, "sortOrderId");
    if (recordCount < 0) {
      throw new dev.floe.error.InvalidInputException("record-count", "must not be negative: " + recordCount);
    }
    if (fileSizeBytes < 0) {
      throw new dev.floe.error.InvalidInputException("file-size-in-bytes", "must not be negative: " + fileSizeBytes);
    }
  }

  public Optional<ColumnStats> stats(int fieldId) {
    return Optional.ofNullable(columnStats.get(fieldId));
  }
}
