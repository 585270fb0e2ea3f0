package dev.floe.metadata;

import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One change to table metadata, as the Apache Iceberg REST Catalog protocol names them (the
 * {@code action} of each is in {@link #action()}). A catalog-managed commit sends a list of these
 * with its {@link UpdateRequirement}s; the catalog applies them to its current metadata through
 * {@link TableMetadataBuilder}, the same code every local operation uses.
 */
public sealed interface MetadataUpdate {

  /** The protocol's name for this update. */
  String action();

  /** Applies the update; invalid ones throw InvalidInputException or ValidationException. */
  void applyTo(TableMetadataBuilder builder);

  record AssignUuid(String uuid) implements MetadataUpdate {
    public AssignUuid {
      Objects.requireNonNull(uuid, "uuid");
    }
    public String action() { return "assign-uuid"; }
    public void applyTo(TableMetadataBuilder b) { b.assignUuid(uuid); }
  }

  record UpgradeFormatVersion(int formatVersion) implements MetadataUpdate {
    public String action() { return "upgrade-format-version"; }
    public void applyTo(TableMetadataBuilder b) { b.upgradeFormatVersion(formatVersion); }
  }

  /** Adds a schema; its id is assigned on apply (an equal existing schema's id is reused). */
  record AddSchema(Schema schema) implements MetadataUpdate {
    public AddSchema {
      Objects.requireNonNull(schema, "schema");
    }
    public String action() { return "add-schema"; }
    public void applyTo(TableMetadataBuilder b) { b.addSchema(schema); }
  }

  /** {@code -1} is the schema added last in the same commit. */
  record SetCurrentSchema(int schemaId) implements MetadataUpdate {
    public String action() { return "set-current-schema"; }
    public void applyTo(TableMetadataBuilder b) { b.setCurrentSchema(schemaId); }
  }

  record AddPartitionSpec(PartitionSpec spec) implements MetadataUpdate {
    public AddPartitionSpec {
      Objects.requireNonNull(spec, "spec");
    }
    public String action() { return "add-spec"; }
    public void applyTo(TableMetadataBuilder b) { b.addPartitionSpec(spec); }
  }

  /** {@code -1} is the spec added last in the same commit. */
  record SetDefaultPartitionSpec(int specId) implements MetadataUpdate {
    public String action() { return "set-default-spec"; }
    public void applyTo(TableMetadataBuilder b) { b.setDefaultPartitionSpec(specId); }
  }

  record AddSortOrder(SortOrder sortOrder) implements MetadataUpdate {
    public AddSortOrder {
      Objects.requireNonNull(sortOrder, "sortOrder");
    }
    public String action() { return "add-sort-order"; }
    public void applyTo(TableMetadataBuilder b) { b.addSortOrder(sortOrder); }
  }

  /** {@code -1} is the sort order added last in the same commit. */
  record SetDefaultSortOrder(int sortOrderId) implements MetadataUpdate {
    public String action() { return "set-default-sort-order"; }
    public void applyTo(TableMetadataBuilder b) { b.setDefaultSortOrder(sortOrderId); }
  }

  record AddSnapshot(Snapshot snapshot) implements MetadataUpdate {
    public AddSnapshot {
      Objects.requireNonNull(snapshot, "snapshot");
    }
    public String action() { return "add-snapshot"; }
    public void applyTo(TableMetadataBuilder b) { b.addSnapshot(snapshot); }
  }

  record SetSnapshotRef(String name, SnapshotRef ref) implements MetadataUpdate {
    public SetSnapshotRef {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(ref, "ref");
    }
    public String action() { return "set-snapshot-ref"; }
    public void applyTo(TableMetadataBuilder b) { b.setRef(name, ref); }
  }

  record RemoveSnapshotRef(String name) implements MetadataUpdate {
    public RemoveSnapshotRef {
      Objects.requireNonNull(name, "name");
    }
    public String action() { return "remove-snapshot-ref"; }
    public void applyTo(TableMetadataBuilder b) { b.removeRef(name); }
  }

  record RemoveSnapshots(Set<Long> snapshotIds) implements MetadataUpdate {
    public RemoveSnapshots {
      snapshotIds = Set.copyOf(snapshotIds);
    }
    public String action() { return "remove-snapshots"; }
    public void applyTo(TableMetadataBuilder b) { b.removeSnapshots(snapshotIds); }
  }

  record SetLocation(String location) implements MetadataUpdate {
    public SetLocation {
      Objects.requireNonNull(location, "location");
    }
    public String action() { return "set-location"; }
    public void applyTo(TableMetadataBuilder b) { b.setLocation(location); }
  }

  record SetProperties(Map<String, String> updates) implements MetadataUpdate {
    public SetProperties {
      updates = Map.copyOf(updates);
    }
    public String action() { return "set-properties"; }
    public void applyTo(TableMetadataBuilder b) { b.setProperties(updates); }
  }

  record RemoveProperties(Set<String> removals) implements MetadataUpdate {
    public RemoveProperties {
      removals = Set.copyOf(removals);
    }
    public String action() { return "remove-properties"; }
    public void applyTo(TableMetadataBuilder b) { b.removeProperties(removals); }
  }

  record RemovePartitionSpecs(Set<Integer> specIds) implements MetadataUpdate {
    public RemovePartitionSpecs {
      specIds = Set.copyOf(specIds);
    }
    public String action() { return "remove-partition-specs"; }
    public void applyTo(TableMetadataBuilder b) { b.removePartitionSpecs(specIds); }
  }

  record RemoveSchemas(Set<Integer> schemaIds) implements MetadataUpdate {
    public RemoveSchemas {
      schemaIds = Set.copyOf(schemaIds);
    }
    public String action() { return "remove-schemas"; }
    public void applyTo(TableMetadataBuilder b) { b.removeSchemas(schemaIds); }
  }

  /** Sets the statistics file of a snapshot (Iceberg's {@code set-statistics}). */
  record SetStatistics(StatisticsFile statistics) implements MetadataUpdate {
    public SetStatistics {
      Objects.requireNonNull(statistics, "statistics");
    }
    public String action() { return "set-statistics"; }
    public void applyTo(TableMetadataBuilder b) { b.setStatistics(statistics); }
  }

  record RemoveStatistics(long snapshotId) implements MetadataUpdate {
    public String action() { return "remove-statistics"; }
    public void applyTo(TableMetadataBuilder b) { b.removeStatistics(snapshotId); }
  }

  record SetPartitionStatistics(PartitionStatisticsFile partitionStatistics) implements MetadataUpdate {
    public SetPartitionStatistics {
      Objects.requireNonNull(partitionStatistics, "partitionStatistics");
    }
    public String action() { return "set-partition-statistics"; }
    public void applyTo(TableMetadataBuilder b) { b.setPartitionStatistics(partitionStatistics); }
  }

  record RemovePartitionStatistics(long snapshotId) implements MetadataUpdate {
    public String action() { return "remove-partition-statistics"; }
    public void applyTo(TableMetadataBuilder b) { b.removePartitionStatistics(snapshotId); }
  }

  record AddEncryptionKey(EncryptedKey key) implements MetadataUpdate {
    public AddEncryptionKey {
      Objects.requireNonNull(key, "key");
    }
    public String action() { return "add-encryption-key"; }
    public void applyTo(TableMetadataBuilder b) { b.addEncryptionKey(key); }
  }

  record RemoveEncryptionKey(String keyId) implements MetadataUpdate {
    public RemoveEncryptionKey {
      Objects.requireNonNull(keyId, "keyId");
    }
    public String action() { return "remove-encryption-key"; }
    public void applyTo(TableMetadataBuilder b) { b.removeEncryptionKey(keyId); }
  }

  /** Applies updates in order on top of {@code base}. */
  static TableMetadata applyAll(TableMetadata base, List<MetadataUpdate> updates, long nowMs) {
    TableMetadataBuilder b = base.toBuilder().lastUpdatedMs(nowMs);
    for (MetadataUpdate u : updates) {
      u.applyTo(b);
    }
    return b.build();
  }
}
