package dev.floe.metadata;

/** An entry of the metadata log: an earlier metadata file and when it was written. */
public record MetadataLogEntry(long timestampMs, String metadataFile) {}
