package dev.floe.metadata;

import dev.floe.error.InvalidInputException;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a table as one metadata file records it, in the Apache Iceberg table-metadata
 * shape (format version 2). Immutable: every change makes a new value, which a commit writes as
 * the next metadata file. The statistics, partition statistics, encryption keys and
 * {@code nextRowId} (v3 row lineage) are kept for Iceberg tables served by Floe's catalog.
 */
public record TableMetadata(
    int formatVersion,
    String tableUuid,
    String location,
    long lastSequenceNumber,
    long lastUpdatedMs,
    int lastColumnId,
    List<Schema> schemas,
    int currentSchemaId,
    List<PartitionSpec> specs,
    int defaultSpecId,
    int lastPartitionId,
    List<SortOrder> sortOrders,
    int defaultSortOrderId,
    Map<String, String> properties,
    Optional<Long> currentSnapshotId,
    List<Snapshot> snapshots,
    List<HistoryEntry> snapshotLog,
    List<MetadataLogEntry> metadataLog,
    Map<String, SnapshotRef> refs,
    long nextRowId,
    List<StatisticsFile> statistics,
    List<PartitionStatisticsFile> partitionStatistics,
    List<EncryptedKey> encryptionKeys) {

  public static final int ICEBERG_FORMAT_VERSION = 2;
  /** The highest Iceberg table-metadata format version Floe reads and keeps. */
  public static final int MAX_FORMAT_VERSION = 3;
  /** Table property that marks a Floe table (JSON manifests) and names the Floe format version. */
  public static final String FLOE_FORMAT_VERSION = "floe.format-version";
  public static final String CURRENT_FLOE_FORMAT_VERSION = "1";

  public TableMetadata {
    Objects.requireNonNull(tableUuid, "tableUuid");
    Objects.requireNonNull(location, "location");
    schemas = List.copyOf(schemas);
    specs = List.copyOf(specs);
    sortOrders = List.copyOf(sortOrders);
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    Objects.requireNonNull(currentSnapshotId, "currentSnapshotId");
    snapshots = List.copyOf(snapshots);
    snapshotLog = List.copyOf(snapshotLog);
    metadataLog = List.copyOf(metadataLog);
    refs = Map.copyOf(refs);
    statistics = List.copyOf(statistics);
    partitionStatistics = List.copyOf(partitionStatistics);
    encryptionKeys = List.copyOf(encryptionKeys);
  }

  /** Metadata without statistics, encryption keys or row lineage: what Floe's own commits make. */
  public TableMetadata(int formatVersion, String tableUuid, String location, long lastSequenceNumber,
      long lastUpdatedMs, int lastColumnId, List<Schema> schemas, int currentSchemaId,
      List<PartitionSpec> specs, int defaultSpecId, int lastPartitionId, List<SortOrder> sortOrders,
      int defaultSortOrderId, Map<String, String> properties, Optional<Long> currentSnapshotId,
      List<Snapshot> snapshots, List<HistoryEntry> snapshotLog, List<MetadataLogEntry> metadataLog,
      Map<String, SnapshotRef> refs) {
    this(formatVersion, tableUuid, location, lastSequenceNumber, lastUpdatedMs, lastColumnId, schemas,
        currentSchemaId, specs, defaultSpecId, lastPartitionId, sortOrders, defaultSortOrderId,
        properties, currentSnapshotId, snapshots, snapshotLog, metadataLog, refs, 0, List.of(),
        List.of(), List.of());
  }

  /** Metadata for a new, empty table. */
  public static TableMetadata newTable(String uuid, String location, Schema schema, PartitionSpec spec,
      Map<String, String> properties, long nowMs) {
    Map<String, String> props = new LinkedHashMap<>(properties);
    props.put(FLOE_FORMAT_VERSION, CURRENT_FLOE_FORMAT_VERSION);
    Schema s = schema.withSchemaId(0);
    PartitionSpec p = new PartitionSpec(0, spec.fields());
    return new TableMetadata(ICEBERG_FORMAT_VERSION, uuid, location, 0, nowMs,
        s.highestFieldId(), List.of(s), 0, List.of(p), 0, p.lastAssignedFieldId(),
        List.of(SortOrder.unsorted()), 0, props, Optional.empty(), List.of(), List.of(),
        List.of(), Map.of());
  }

  /**
   * The blank that a table created by a list of updates starts from (the REST protocol's
   * transactional and staged creates): no uuid, location, schema or spec until updates add them.
   */
  public static TableMetadata empty() {
    return new TableMetadata(1, "", "", 0, 0, 0, List.of(), -1, List.of(), -1,
        PartitionSpec.FIRST_FIELD_ID - 1, List.of(), -1, Map.of(), Optional.empty(), List.of(),
        List.of(), List.of(), Map.of());
  }

  public Schema schema() {
    return schema(currentSchemaId);
  }

  public Schema schema(int schemaId) {
    for (Schema s : schemas) {
      if (s.schemaId() == schemaId) {
        return s;
      }
    }
    throw new InvalidInputException("schema-id", "no schema with id " + schemaId);
  }

  public PartitionSpec spec() {
    return spec(defaultSpecId);
  }

  public PartitionSpec spec(int specId) {
    for (PartitionSpec s : specs) {
      if (s.specId() == specId) {
        return s;
      }
    }
    throw new InvalidInputException("spec-id", "no partition spec with id " + specId);
  }

  public Optional<Snapshot> currentSnapshot() {
    return currentSnapshotId.flatMap(this::snapshot);
  }

  public Optional<Snapshot> snapshot(long snapshotId) {
    for (Snapshot s : snapshots) {
      if (s.snapshotId() == snapshotId) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public String property(String key, String defaultValue) {
    return properties.getOrDefault(key, defaultValue);
  }

  public long propertyAsLong(String key, long defaultValue) {
    String v = properties.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(key, "table property must be a whole number, got '" + v + "'");
    }
  }

  public boolean isFloeTable() {
    return properties.containsKey(FLOE_FORMAT_VERSION);
  }

  /** A builder of the next metadata, starting from this one: the one way metadata changes. */
  public TableMetadataBuilder toBuilder() {
    return new TableMetadataBuilder(this);
  }
}
