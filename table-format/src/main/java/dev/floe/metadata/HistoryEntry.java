package dev.floe.metadata;

/** An entry of the snapshot log: when the table's current snapshot became this one. */
public record HistoryEntry(long timestampMs, long snapshotId) {}
