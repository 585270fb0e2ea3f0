package dev.floe.manifest;

import java.util.Objects;

/**
 * A data file's line in a manifest: whether this manifest's snapshot added it, carried it over
 * (existing) or removed it (deleted), the snapshot that did so, and sequence numbers.
 */
public record ManifestEntry(Status status, long snapshotId, long sequenceNumber,
    long fileSequenceNumber, DataFile file) {

  public enum Status {
    EXISTING, ADDED, DELETED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ManifestEntry {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(file, "file");
  }

  public boolean isLive() {
    return status != Status.DELETED;
  }
}
