package dev.floe.compaction;

import dev.floe.manifest.DataFile;
import java.util.List;
import java.util.Optional;

/**
 * What became of one group.
 *
 * @param group the files the last attempt rewrote (after a conflict, the inputs still live)
 * @param outputs the files written; part of the table only when {@code status} is COMMITTED (or
 *     possibly when UNKNOWN)
 * @param snapshotId the snapshot that replaced the inputs, when committed
 * @param attempts rewrites made (more than 1 after a conflict)
 * @param message why the group was skipped or failed
 */
public record GroupResult(FileGroup group, Status status, List<DataFile> outputs, Optional<Long> snapshotId,
    int attempts, long millis, Optional<String> message) {

  public enum Status {
    /** The inputs were replaced by the outputs in one snapshot. */
    COMMITTED,
    /** A concurrent change removed or rewrote inputs, and no retry was left or worth it; the outputs were deleted. */
    SKIPPED,
    /** Reading, writing or committing failed; the outputs were deleted and the table is unchanged by this group. */
    FAILED,
    /** The commit's outcome is unknown (storage did not answer); the outputs were kept, as the commit may have landed. */
    UNKNOWN
  }

  public GroupResult {
    outputs = List.copyOf(outputs);
  }

  public long outputBytes() {
    return outputs.stream().mapToLong(DataFile::fileSizeBytes).sum();
  }
}
