package dev.floe.metadata;

import java.util.Optional;

/** A named pointer to a snapshot: a branch (moves with commits) or a tag (fixed). */
public record SnapshotRef(long snapshotId, Type type, Optional<Integer> minSnapshotsToKeep,
    Optional<Long> maxSnapshotAgeMs, Optional<Long> maxRefAgeMs) {

  public static final String MAIN = "main";

  public enum Type {
    BRANCH, TAG;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static SnapshotRef branch(long snapshotId) {
    return new SnapshotRef(snapshotId, Type.BRANCH, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public SnapshotRef withSnapshotId(long newSnapshotId) {
    return new SnapshotRef(newSnapshotId, type, minSnapshotsToKeep, maxSnapshotAgeMs, maxRefAgeMs);
  }
}
