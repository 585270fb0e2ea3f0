package dev.floe.metadata;

import java.util.Objects;

/** A partition statistics file of one snapshot, as Iceberg's {@code partition-statistics} field lists them. */
public record PartitionStatisticsFile(long snapshotId, String path, long fileSizeInBytes) {
  public PartitionStatisticsFile {
    Objects.requireNonNull(path, "path");
  }
}
