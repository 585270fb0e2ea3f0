package dev.floe.compaction;

import dev.floe.manifest.DataFile;
import dev.floe.partition.PartitionData;
import java.util.List;

/**
 * One unit of rewriting and of committing: data files of one partition (of one spec) that are
 * rewritten together and replaced by their outputs in one snapshot.
 *
 * @param id 1-based, in plan order
 * @param partitionPath the partition as a path ({@code day=2026-01-01}); empty when unpartitioned
 */
public record FileGroup(int id, int specId, PartitionData partition, String partitionPath, List<DataFile> files) {
  public FileGroup {
    files = List.copyOf(files);
  }

  public long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeBytes).sum();
  }

  public long rows() {
    return files.stream().mapToLong(DataFile::recordCount).sum();
  }

  /** How many files of the target size the inputs fill (at least one). */
  public int expectedOutputFiles(long targetFileSizeBytes) {
    return (int) Math.max(1, (bytes() + targetFileSizeBytes - 1) / targetFileSizeBytes);
  }

  /** The same partition with other files (a retry on the still-live inputs). */
  FileGroup withFiles(List<DataFile> newFiles) {
    return new FileGroup(id, specId, partition, partitionPath, newFiles);
  }
}
