package dev.floe.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A manifest as its manifest-list entry describes it: location, counts, and summaries that let a
 * planner skip the manifest without reading it (partition field summaries, in spec order, and
 * per-column bounds over all its live files, keyed by field id).
 */
public record ManifestFile(
    String path,
    long length,
    int specId,
    long addedSnapshotId,
    long sequenceNumber,
    long minSequenceNumber,
    int addedFilesCount,
    int existingFilesCount,
    int deletedFilesCount,
    long addedRowsCount,
    long existingRowsCount,
    long deletedRowsCount,
    List<FieldSummary> partitions,
    Map<Integer, ColumnStats> columnStats) {

  public ManifestFile {
    Objects.requireNonNull(path, "path");
    partitions = List.copyOf(partitions);
    columnStats = Map.copyOf(columnStats);
  }

  public boolean hasLiveFiles() {
    return addedFilesCount + existingFilesCount > 0;
  }
}
