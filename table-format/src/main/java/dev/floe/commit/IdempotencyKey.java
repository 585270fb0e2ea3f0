package dev.floe.commit;

import dev.floe.error.InvalidInputException;
import dev.floe.metadata.Snapshot;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a retrying writer exactly-once: a writer id and a sequence number that only grows (a
 * stream checkpoint id, a batch number). A commit whose writer already has a snapshot with this
 * or a higher sequence in the table's history is a no-op that reports success.
 */
public record IdempotencyKey(String writerId, long sequence) {
  public static final String WRITER_ID = "floe.writer-id";
  public static final String WRITER_SEQUENCE = "floe.writer-sequence";

  public IdempotencyKey {
    if (writerId == null || writerId.isBlank()) {
      throw new InvalidInputException("writer-id", "must not be blank");
    }
    if (sequence < 0) {
      throw new InvalidInputException("writer-sequence", "must not be negative, got " + sequence);
    }
  }

  /** Whether this snapshot already carries this key, or a later one of the same writer. */
  public boolean coveredBy(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    if (!writerId.equals(summary.get(WRITER_ID))) {
      return false;
    }
    try {
      return Long.parseLong(summary.getOrDefault(WRITER_SEQUENCE, "-1")) >= sequence;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The snapshot of the table's history that already holds this key, if any. */
  public Optional<Snapshot> findIn(dev.floe.metadata.TableMetadata metadata) {
    // Newest first: a retried commit is almost always near the head of history.
    for (int i = metadata.snapshots().size() - 1; i >= 0; i--) {
      Snapshot s = metadata.snapshots().get(i);
      if (coveredBy(s)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
