package dev.floe.metadata;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Older snapshots moved out of the table metadata so that a commit's cost does not grow with
 * the table's age. History files are immutable and chained: each names the one before it.
 * {@code writerSequences} is cumulative over the whole chain (highest idempotency sequence per
 * writer id), so an idempotency check needs only the newest file.
 */
public record HistoryFile(Optional<String> previous, List<Snapshot> snapshots, List<HistoryEntry> snapshotLog,
    Map<String, Long> writerSequences) {

  /** Table property: location of the newest history file. Absent when all history is inline. */
  public static final String LOCATION_PROPERTY = "floe.history.location";
  /** Table property: how many snapshots stay inline before older ones move to a history file. */
  public static final String MAX_INLINE_PROPERTY = "floe.history.max-inline-snapshots";
  public static final int DEFAULT_MAX_INLINE = 100;

  public HistoryFile {
    Objects.requireNonNull(previous, "previous");
    snapshots = List.copyOf(snapshots);
    snapshotLog = List.copyOf(snapshotLog);
    writerSequences = Map.copyOf(writerSequences);
  }
}
