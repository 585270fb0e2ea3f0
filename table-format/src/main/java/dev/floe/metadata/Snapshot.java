package dev.floe.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A committed state of a table: the manifest list that names its data files, its parent, and a
 * summary (operation, added/removed files and records, idempotency key) as string pairs, the
 * Iceberg way.
 */
public record Snapshot(
    long snapshotId,
    Optional<Long> parentId,
    long sequenceNumber,
    long timestampMs,
    String manifestList,
    Map<String, String> summary,
    OptionalInt schemaId) {

  public static final String OPERATION = "operation";

  public Snapshot {
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(manifestList, "manifestList");
    summary = Map.copyOf(summary);
    Objects.requireNonNull(schemaId, "schemaId");
  }

  /** append, overwrite, delete or replace. */
  public String operation() {
    return summary.getOrDefault(OPERATION, "append");
  }

  public long summaryLong(String key) {
    String v = summary.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }
}
