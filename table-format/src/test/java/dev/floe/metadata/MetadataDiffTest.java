package dev.floe.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.CommitFailedException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataDiffTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP));

  private static TableMetadata empty() {
    return TableMetadata.newTable("6f1f1e9c-0d6e-4a53-b3a4-3c1f0e0c2b11", "file:/wh/db/t", SCHEMA,
        PartitionSpec.unpartitioned(), Map.of("owner", "etl"), T0);
  }

  private static Snapshot snapshot(long id, Optional<Long> parent, long seq, long ts) {
    return new Snapshot(id, parent, seq, ts, "file:/wh/db/t/metadata/snap-" + id + ".json",
        Map.of("operation", "append"), OptionalInt.of(0));
  }

  private static TableMetadata withAppend(TableMetadata base, long id, long ts) {
    Snapshot s = snapshot(id, base.currentSnapshotId(), base.lastSequenceNumber() + 1, ts);
    return base.toBuilder().lastUpdatedMs(ts).addSnapshot(s).setBranchSnapshot(SnapshotRef.MAIN, id).build();
  }

  /** Every kind of change at once: the updates rebuild the new metadata from the base exactly. */
  @Test
  void updatesReplayTheChangeOnTheBase() {
    TableMetadata base = withAppend(empty(), 11, T0 + 1_000);
    Schema wider = new Schema(0, List.of(SCHEMA.columns().get(0), SCHEMA.columns().get(1),
        NestedField.optional(3, "category", Types.STRING)));
    PartitionSpec byDay = new PartitionSpec(0, List.of(new PartitionField(2, 1000, "ts_day", Transforms.day())));
    SortOrder byId = new SortOrder(0, List.of(new SortOrder.SortField(1, Transforms.identity(),
        SortOrder.Direction.ASC, SortOrder.NullOrder.NULLS_FIRST)));
    TableMetadata updated = base.toBuilder().lastUpdatedMs(T0 + 2_000)
        .addSchema(wider).setCurrentSchema(TableMetadataBuilder.LAST_ADDED)
        .addPartitionSpec(byDay).setDefaultPartitionSpec(TableMetadataBuilder.LAST_ADDED)
        .addSortOrder(byId).setDefaultSortOrder(TableMetadataBuilder.LAST_ADDED)
        .addSnapshot(snapshot(12, Optional.of(11L), 2, T0 + 2_000))
        .setBranchSnapshot(SnapshotRef.MAIN, 12)
        .setRef("audit", new SnapshotRef(11, SnapshotRef.Type.TAG, Optional.empty(), Optional.empty(),
            Optional.of(86_400_000L)))
        .setBranchSnapshot("dev", 11)
        .setProperties(Map.of("write.target-file-size-bytes", "1000"))
        .removeProperties(Set.of("owner"))
        .build();

    MetadataDiff diff = MetadataDiff.between(base, updated);

    assertThat(diff.updates()).extracting(MetadataUpdate::action).containsExactly(
        "add-schema", "set-current-schema", "add-spec", "set-default-spec", "add-sort-order",
        "set-default-sort-order", "add-snapshot", "set-snapshot-ref", "set-snapshot-ref",
        "set-snapshot-ref", "set-properties", "remove-properties");
    assertThat(MetadataUpdate.applyAll(base, diff.updates(), updated.lastUpdatedMs())).isEqualTo(updated);
    assertThat(updated.currentSchemaId()).isEqualTo(1);
    assertThat(updated.defaultSpecId()).isEqualTo(1);
    assertThat(updated.defaultSortOrderId()).isEqualTo(1);
    assertThat(updated.lastColumnId()).isEqualTo(3);
    assertThat(updated.currentSnapshotId()).contains(12L);
  }

  @Test
  void requirementsRefuseACommitComputedOnStaleMetadata() {
    TableMetadata base = withAppend(empty(), 11, T0 + 1_000);
    MetadataDiff append = MetadataDiff.between(base, withAppend(base, 12, T0 + 2_000));
    assertThat(append.requirements()).containsExactly(
        new UpdateRequirement.AssertTableUuid(base.tableUuid()),
        new UpdateRequirement.AssertRefSnapshotId("main", Optional.of(11L)));
    append.requirements().forEach(r -> r.validate(Optional.of(base)));

    TableMetadata concurrent = withAppend(base, 13, T0 + 1_500);
    assertThatThrownBy(() -> append.requirements().forEach(r -> r.validate(Optional.of(concurrent))))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("branch main has changed: expected id 11 != 13");

    Schema wider = new Schema(0, List.of(SCHEMA.columns().get(0), NestedField.optional(3, "c", Types.INT)));
    MetadataDiff evolve = MetadataDiff.between(base,
        base.toBuilder().addSchema(wider).setCurrentSchema(TableMetadataBuilder.LAST_ADDED).build());
    TableMetadata otherEvolution = base.toBuilder()
        .addSchema(new Schema(0, List.of(SCHEMA.columns().get(0), NestedField.optional(3, "d", Types.INT))))
        .setCurrentSchema(TableMetadataBuilder.LAST_ADDED).build();
    assertThatThrownBy(() -> evolve.requirements().forEach(r -> r.validate(Optional.of(otherEvolution))))
        .isInstanceOf(CommitFailedException.class).hasMessageContaining("last assigned field id");
    assertThatThrownBy(() -> new UpdateRequirement.AssertCreate().validate(Optional.of(base)))
        .isInstanceOf(CommitFailedException.class);
    assertThatThrownBy(() -> new UpdateRequirement.AssertTableUuid("x").validate(Optional.empty()))
        .isInstanceOf(CommitFailedException.class).hasMessageContaining("does not exist");
  }

  @Test
  void archivingAndRemovalShowAsRemovedSnapshots() {
    TableMetadata m = empty();
    for (long id = 1; id <= 4; id++) {
      m = withAppend(m, id, T0 + id * 1_000);
    }
    TableMetadata archived = m.toBuilder().lastUpdatedMs(m.lastUpdatedMs())
        .replaceInlineHistory(m.snapshots().subList(2, 4), m.snapshotLog().subList(2, 4))
        .setProperties(Map.of(HistoryFile.LOCATION_PROPERTY, "file:/wh/db/t/metadata/history-1.json"))
        .build();
    MetadataDiff diff = MetadataDiff.between(m, archived);
    assertThat(diff.updates()).containsExactly(
        new MetadataUpdate.RemoveSnapshots(Set.of(1L, 2L)),
        new MetadataUpdate.SetProperties(Map.of(HistoryFile.LOCATION_PROPERTY, "file:/wh/db/t/metadata/history-1.json")));
    assertThat(MetadataUpdate.applyAll(m, diff.updates(), m.lastUpdatedMs())).isEqualTo(archived);
  }

  @Test
  void builderAssignsIdsAndReusesEqualOnes() {
    TableMetadata base = empty();
    TableMetadataBuilder b = base.toBuilder().addSchema(SCHEMA.withSchemaId(7));
    assertThat(b.build()).isSameAs(base); // the same fields: nothing changed
    Schema wider = new Schema(0, List.of(SCHEMA.columns().get(0), NestedField.optional(5, "x", Types.INT)));
    TableMetadata m = base.toBuilder().addSchema(wider).addSchema(wider).build();
    assertThat(m.schemas()).extracting(Schema::schemaId).containsExactly(0, 1);
    assertThat(m.lastColumnId()).isEqualTo(5);
    assertThat(m.currentSchemaId()).isEqualTo(0);
  }

  @Test
  void removingSnapshotsTakesTheirRefsAndLogEntries() {
    TableMetadata m = withAppend(withAppend(empty(), 1, T0 + 1_000), 2, T0 + 2_000);
    m = m.toBuilder().setRef("old", new SnapshotRef(1, SnapshotRef.Type.TAG, Optional.empty(),
        Optional.empty(), Optional.empty())).build();
    TableMetadata after = m.toBuilder().removeSnapshots(Set.of(1L)).build();
    assertThat(after.snapshots()).extracting(Snapshot::snapshotId).containsExactly(2L);
    assertThat(after.refs()).containsOnlyKeys("main");
    assertThat(after.snapshotLog()).extracting(HistoryEntry::snapshotId).containsExactly(2L);
  }

  @Test
  void rollingBackMainLogsTheOldSnapshotAtTheUpdateTime() {
    TableMetadata m = withAppend(withAppend(empty(), 1, T0 + 1_000), 2, T0 + 2_000);
    TableMetadata rolledBack = m.toBuilder().lastUpdatedMs(T0 + 9_000).setBranchSnapshot("main", 1).build();
    assertThat(rolledBack.currentSnapshotId()).contains(1L);
    assertThat(rolledBack.snapshotLog()).last().isEqualTo(new HistoryEntry(T0 + 9_000, 1));
    assertThat(MetadataUpdate.applyAll(m, MetadataDiff.between(m, rolledBack).updates(), T0 + 9_000))
        .isEqualTo(rolledBack);
  }

  @Test
  void invalidUpdatesAreRefusedWithTheReason() {
    TableMetadata m = withAppend(empty(), 1, T0 + 1_000);
    assertThatThrownBy(() -> m.toBuilder().setBranchSnapshot("dev", 99))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such snapshot");
    assertThatThrownBy(() -> m.toBuilder().setCurrentSchema(TableMetadataBuilder.LAST_ADDED))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("none was added");
    assertThatThrownBy(() -> m.toBuilder().removeSchemas(Set.of(0)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("current schema");
    assertThatThrownBy(() -> m.toBuilder().upgradeFormatVersion(1))
        .isInstanceOf(ValidationException.class).hasMessageContaining("downgrade");
    assertThatThrownBy(() -> m.toBuilder().assignUuid("other"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("reassign");
    assertThatThrownBy(() -> m.toBuilder().addSnapshot(snapshot(1, Optional.empty(), 5, T0)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> m.toBuilder().addSnapshot(snapshot(2, Optional.of(1L), 1, T0)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("sequence number");
    assertThatThrownBy(() -> m.toBuilder().setRef("main", new SnapshotRef(1, SnapshotRef.Type.TAG,
        Optional.empty(), Optional.empty(), Optional.empty())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be a branch");
    assertThatThrownBy(() -> m.toBuilder().addPartitionSpec(new PartitionSpec(0,
        List.of(new PartitionField(42, 1000, "x", Transforms.identity())))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column id 42");
  }
}
