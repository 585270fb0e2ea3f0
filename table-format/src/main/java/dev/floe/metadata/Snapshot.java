package dev.floe.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A committed state of a table: the manifest list that names its data files, its parent, and a
 * summary (operation, added/removed files and records, idempotency key) as string pairs, the
 * Iceberg way. {@code firstRowId}, {@code addedRows} and {@code keyId} are Iceberg v3 fields that
 * Floe keeps for the Iceberg tables its catalog server serves.
 */
public record Snapshot(
    long snapshotId,
    Optional<Long> parentId,
    long sequenceNumber,
    long timestampMs,
    String manifestList,
    Map<String, String> summary,
    OptionalInt schemaId,
    Optional<Long> firstRowId,
    Optional<Long> addedRows,
    Optional<String> keyId) {

  public static final String OPERATION = "operation";

  public Snapshot {
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(manifestList, "manifestList");
    summary = Map.copyOf(summary);
    Objects.requireNonNull(schemaId, "schemaId");
    Objects.requireNonNull(firstRowId, "firstRowId");
    Objects.requireNonNull(addedRows, "addedRows");
    Objects.requireNonNull(keyId, "keyId");
  }

  /** A snapshot without the Iceberg v3 fields (row lineage, encryption key), as Floe writes them. */
  public Snapshot(long snapshotId, Optional<Long> parentId, long sequenceNumber, long timestampMs,
      String manifestList, Map<String, String> summary, OptionalInt schemaId) {
    this(snapshotId, parentId, sequenceNumber, timestampMs, manifestList, summary, schemaId,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This snapshot with its first row id assigned (Iceberg v3 row lineage). */
  public Snapshot withFirstRowId(long rowId) {
    return new Snapshot(snapshotId, parentId, sequenceNumber, timestampMs, manifestList, summary, schemaId,
        Optional.of(rowId), addedRows, keyId);
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
