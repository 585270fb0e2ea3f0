package dev.floe.metadata;

import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a commit changed, as protocol updates, and what it assumed, as requirements: the bridge
 * from Floe's "base metadata -> new metadata" commits to a catalog that applies updates on its
 * own current metadata. Applying {@link #updates()} to {@code base} with
 * {@link MetadataUpdate#applyAll} gives the new metadata back (the metadata log aside, which
 * the catalog keeps); the {@link #requirements()} make a catalog refuse the commit when the
 * state it was computed from has moved on.
 */
public record MetadataDiff(List<MetadataUpdate> updates, List<UpdateRequirement> requirements) {

  public MetadataDiff {
    updates = List.copyOf(updates);
    requirements = List.copyOf(requirements);
  }

  public boolean isEmpty() {
    return updates.isEmpty();
  }

  public static MetadataDiff between(TableMetadata base, TableMetadata updated) {
    List<MetadataUpdate> updates = new ArrayList<>();
    if (!base.tableUuid().equals(updated.tableUuid())) {
      updates.add(new MetadataUpdate.AssignUuid(updated.tableUuid()));
    }
    if (updated.formatVersion() != base.formatVersion()) {
      updates.add(new MetadataUpdate.UpgradeFormatVersion(updated.formatVersion()));
    }

    Set<Integer> baseSchemaIds = ids(base.schemas().stream().map(Schema::schemaId).toList());
    Integer lastAddedSchema = null;
    for (Schema s : updated.schemas()) {
      if (!baseSchemaIds.contains(s.schemaId())) {
        updates.add(new MetadataUpdate.AddSchema(s));
        lastAddedSchema = s.schemaId();
      }
    }
    if (updated.currentSchemaId() != base.currentSchemaId()) {
      updates.add(new MetadataUpdate.SetCurrentSchema(
          Objects.equals(lastAddedSchema, updated.currentSchemaId()) ? TableMetadataBuilder.LAST_ADDED
              : updated.currentSchemaId()));
    }

    Set<Integer> baseSpecIds = ids(base.specs().stream().map(PartitionSpec::specId).toList());
    Integer lastAddedSpec = null;
    for (PartitionSpec s : updated.specs()) {
      if (!baseSpecIds.contains(s.specId())) {
        updates.add(new MetadataUpdate.AddPartitionSpec(s));
        lastAddedSpec = s.specId();
      }
    }
    if (updated.defaultSpecId() != base.defaultSpecId()) {
      updates.add(new MetadataUpdate.SetDefaultPartitionSpec(
          Objects.equals(lastAddedSpec, updated.defaultSpecId()) ? TableMetadataBuilder.LAST_ADDED
              : updated.defaultSpecId()));
    }

    Set<Integer> baseOrderIds = ids(base.sortOrders().stream().map(SortOrder::orderId).toList());
    Integer lastAddedOrder = null;
    for (SortOrder o : updated.sortOrders()) {
      if (!baseOrderIds.contains(o.orderId())) {
        updates.add(new MetadataUpdate.AddSortOrder(o));
        lastAddedOrder = o.orderId();
      }
    }
    if (updated.defaultSortOrderId() != base.defaultSortOrderId()) {
      updates.add(new MetadataUpdate.SetDefaultSortOrder(
          Objects.equals(lastAddedOrder, updated.defaultSortOrderId()) ? TableMetadataBuilder.LAST_ADDED
              : updated.defaultSortOrderId()));
    }

    Set<Long> baseSnapshotIds = new HashSet<>();
    base.snapshots().forEach(s -> baseSnapshotIds.add(s.snapshotId()));
    Set<Long> updatedSnapshotIds = new HashSet<>();
    for (Snapshot s : updated.snapshots()) {
      updatedSnapshotIds.add(s.snapshotId());
      if (!baseSnapshotIds.contains(s.snapshotId())) {
        updates.add(new MetadataUpdate.AddSnapshot(s));
      }
    }
    for (String name : base.refs().keySet()) {
      if (!updated.refs().containsKey(name)) {
        updates.add(new MetadataUpdate.RemoveSnapshotRef(name));
      }
    }
    for (Map.Entry<String, SnapshotRef> e : updated.refs().entrySet()) {
      if (!e.getValue().equals(base.refs().get(e.getKey()))) {
        updates.add(new MetadataUpdate.SetSnapshotRef(e.getKey(), e.getValue()));
      }
    }
    Set<Long> removed = new LinkedHashSet<>(baseSnapshotIds);
    removed.removeAll(updatedSnapshotIds);
    if (!removed.isEmpty()) {
      updates.add(new MetadataUpdate.RemoveSnapshots(removed));
    }

    Set<Integer> removedSchemas = new LinkedHashSet<>(baseSchemaIds);
    updated.schemas().forEach(s -> removedSchemas.remove(s.schemaId()));
    if (!removedSchemas.isEmpty()) {
      updates.add(new MetadataUpdate.RemoveSchemas(removedSchemas));
    }
    Set<Integer> removedSpecs = new LinkedHashSet<>(baseSpecIds);
    updated.specs().forEach(s -> removedSpecs.remove(s.specId()));
    if (!removedSpecs.isEmpty()) {
      updates.add(new MetadataUpdate.RemovePartitionSpecs(removedSpecs));
    }

    Map<String, String> set = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : updated.properties().entrySet()) {
      if (!e.getValue().equals(base.properties().get(e.getKey()))) {
        set.put(e.getKey(), e.getValue());
      }
    }
    if (!set.isEmpty()) {
      updates.add(new MetadataUpdate.SetProperties(set));
    }
    Set<String> unset = new LinkedHashSet<>(base.properties().keySet());
    unset.removeAll(updated.properties().keySet());
    if (!unset.isEmpty()) {
      updates.add(new MetadataUpdate.RemoveProperties(unset));
    }
    if (!base.location().equals(updated.location())) {
      updates.add(new MetadataUpdate.SetLocation(updated.location()));
    }
    return new MetadataDiff(updates, requirementsFor(base, updates));
  }

  /**
   * The requirements under which these updates, computed on {@code base}, are still right: the
   * table is the same one, and every part they change is as it was in {@code base}.
   */
  public static List<UpdateRequirement> requirementsFor(TableMetadata base, List<MetadataUpdate> updates) {
    Set<UpdateRequirement> out = new LinkedHashSet<>();
    out.add(new UpdateRequirement.AssertTableUuid(base.tableUuid()));
    for (MetadataUpdate u : updates) {
      if (u instanceof MetadataUpdate.AddSchema) {
        out.add(new UpdateRequirement.AssertLastAssignedFieldId(base.lastColumnId()));
      } else if (u instanceof MetadataUpdate.SetCurrentSchema || u instanceof MetadataUpdate.RemoveSchemas) {
        out.add(new UpdateRequirement.AssertCurrentSchemaId(base.currentSchemaId()));
      } else if (u instanceof MetadataUpdate.AddPartitionSpec) {
        out.add(new UpdateRequirement.AssertLastAssignedPartitionId(base.lastPartitionId()));
      } else if (u instanceof MetadataUpdate.SetDefaultPartitionSpec
          || u instanceof MetadataUpdate.RemovePartitionSpecs) {
        out.add(new UpdateRequirement.AssertDefaultSpecId(base.defaultSpecId()));
      } else if (u instanceof MetadataUpdate.SetDefaultSortOrder) {
        out.add(new UpdateRequirement.AssertDefaultSortOrderId(base.defaultSortOrderId()));
      } else if (u instanceof MetadataUpdate.SetSnapshotRef s) {
        out.add(refAt(base, s.name()));
      } else if (u instanceof MetadataUpdate.RemoveSnapshotRef r) {
        out.add(refAt(base, r.name()));
      }
    }
    return List.copyOf(out);
  }

  private static UpdateRequirement refAt(TableMetadata base, String name) {
    return new UpdateRequirement.AssertRefSnapshotId(name,
        Optional.ofNullable(base.refs().get(name)).map(SnapshotRef::snapshotId));
  }

  private static Set<Integer> ids(List<Integer> ids) {
    return new HashSet<>(ids);
  }
}
