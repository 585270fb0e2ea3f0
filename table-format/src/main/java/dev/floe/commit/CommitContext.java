package dev.floe.commit;

import dev.floe.io.FileIO;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link MetadataChange} may use during one commit: storage, the clock, the commit's
 * idempotency key, and a record of the files it writes so that the loop can delete them if,
 * and only if, they certainly did not become part of the table.
 */
public final class CommitContext {
  private final FileIO io;
  private final java.util.function.LongSupplier clock;
  private final Optional<IdempotencyKey> idempotencyKey;
  private final List<String> attemptFiles = new ArrayList<>();
  private final java.util.Set<Long> producedSnapshots = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

  CommitContext(FileIO io, java.util.function.LongSupplier clock, Optional<IdempotencyKey> key) {
    this.io = io;
    this.clock = clock;
    this.idempotencyKey = key;
  }

  public FileIO io() {
    return io;
  }

  public long nowMs() {
    return clock.getAsLong();
  }

  public Optional<IdempotencyKey> idempotencyKey() {
    return idempotencyKey;
  }

  /**
   * Records a file written for this attempt only (a manifest list, a merged manifest). If the
   * attempt loses its race the file is deleted; if the commit succeeds it is kept.
   */
  public void attemptFile(String location) {
    synchronized (attemptFiles) {
      attemptFiles.add(location);
    }
  }

  /**
   * Records a snapshot this commit makes. A transaction applies several changes in turn, so a
   * later change sees the earlier ones' snapshots on the branch; its conflict checks skip them
   * because they are not concurrent commits but parts of the same one.
   */
  public void produced(long snapshotId) {
    producedSnapshots.add(snapshotId);
  }

  /** Whether this commit (this attempt or an earlier one of it) made the snapshot. */
  public boolean producedHere(long snapshotId) {
    return producedSnapshots.contains(snapshotId);
  }

  /** The snapshot this commit made last, if it made any. */
  Optional<Long> lastProduced() {
    synchronized (producedSnapshots) {
      Long last = null;
      for (Long id : producedSnapshots) {
        last = id;
      }
      return Optional.ofNullable(last);
    }
  }

  List<String> drainAttemptFiles() {
    synchronized (attemptFiles) {
      List<String> out = List.copyOf(attemptFiles);
      attemptFiles.clear();
      return out;
    }
  }
}
