package dev.floe.metadata;

import java.util.Optional;

/** A named pointer to a snapshot: a branch (moves with commits) or a tag (fixed). */
public record SnapshotRef(long snapshotId, Type type, Optional<Integer> minSnapshotsToKeep,
    Optional<Long> maxSnapshotAgeMs, Optional<Long> maxRefAgeMs) {

  public SnapshotRef {
    java.util.Objects.requireNonNull(type, "type");
    java.util.Objects.requireNonNull(minSnapshotsToKeep, "minSnapshotsToKeep");
    java.util.Objects.requireNonNull(maxSnapshotAgeMs, "maxSnapshotAgeMs");
    java.util.Objects.requireNonNull(maxRefAgeMs, "maxRefAgeMs");
  }

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

  public static SnapshotRef tag(long snapshotId) {
    return new SnapshotRef(snapshotId, Type.TAG, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean isBranch() {
    return type == Type.BRANCH;
  }

  public SnapshotRef withRetention(Optional<Integer> minSnapshots, Optional<Long> maxSnapshotAge, Optional<Long> maxRefAge) {
    return new SnapshotRef(snapshotId, type, minSnapshots, maxSnapshotAge, maxRefAge);
  }

  public SnapshotRef withSnapshotId(long newSnapshotId) {
    return new SnapshotRef(newSnapshotId, type, minSnapshotsToKeep, maxSnapshotAgeMs, maxRefAgeMs);
  }
}
