package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.metadata.EncryptedKey;
import dev.floe.metadata.MetadataUpdate;
import dev.floe.metadata.PartitionStatisticsFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.StatisticsFile;
import dev.floe.metadata.UpdateRequirement;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.view.ViewRequirement;
import dev.floe.view.ViewUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON of the REST protocol's table and view updates ({@code action}) and requirements
 * ({@code type}). An unknown action or type is a bad request: the reader fails with the field
 * and the known names rather than skipping a change it does not understand.
 */
final class MetadataUpdateJson {
  private MetadataUpdateJson() {}

  private static final String TABLE_ACTIONS = "assign-uuid, upgrade-format-version, add-schema,"
      + " set-current-schema, add-spec, set-default-spec, add-sort-order, set-default-sort-order,"
      + " add-snapshot, set-snapshot-ref, remove-snapshots, remove-snapshot-ref, set-location,"
      + " set-properties, remove-properties, set-statistics, remove-statistics, set-partition-statistics,"
      + " remove-partition-statistics, remove-partition-specs, remove-schemas, add-encryption-key,"
      + " remove-encryption-key";
  private static final String VIEW_ACTIONS = "assign-uuid, upgrade-format-version, add-schema,"
      + " set-location, set-properties, remove-properties, add-view-version, set-current-view-version";

  // ------------------------------------------------------------------ table updates

  static void writeUpdate(JsonGenerator g, MetadataUpdate u) throws IOException {
    g.writeStartObject();
    g.writeStringField("action", u.action());
    if (u instanceof MetadataUpdate.AssignUuid a) {
      g.writeStringField("uuid", a.uuid());
    } else if (u instanceof MetadataUpdate.UpgradeFormatVersion v) {
      g.writeNumberField("format-version", v.formatVersion());
    } else if (u instanceof MetadataUpdate.AddSchema a) {
      g.writeFieldName("schema");
      TableMetadataJson.writeSchema(g, a.schema());
    } else if (u instanceof MetadataUpdate.SetCurrentSchema s) {
      g.writeNumberField("schema-id", s.schemaId());
    } else if (u instanceof MetadataUpdate.AddPartitionSpec a) {
      g.writeFieldName("spec");
      TableMetadataJson.writeSpec(g, a.spec());
    } else if (u instanceof MetadataUpdate.SetDefaultPartitionSpec s) {
      g.writeNumberField("spec-id", s.specId());
    } else if (u instanceof MetadataUpdate.AddSortOrder a) {
      g.writeFieldName("sort-order");
      TableMetadataJson.writeSortOrder(g, a.sortOrder());
    } else if (u instanceof MetadataUpdate.SetDefaultSortOrder s) {
      g.writeNumberField("sort-order-id", s.sortOrderId());
    } else if (u instanceof MetadataUpdate.AddSnapshot a) {
      g.writeFieldName("snapshot");
      TableMetadataJson.writeSnapshot(g, a.snapshot());
    } else if (u instanceof MetadataUpdate.SetSnapshotRef s) {
      g.writeStringField("ref-name", s.name());
      TableMetadataJson.writeRefFields(g, s.ref());
    } else if (u instanceof MetadataUpdate.RemoveSnapshotRef r) {
      g.writeStringField("ref-name", r.name());
    } else if (u instanceof MetadataUpdate.RemoveSnapshots r) {
      g.writeArrayFieldStart("snapshot-ids");
      for (long id : r.snapshotIds()) {
        g.writeNumber(id);
      }
      g.writeEndArray();
    } else if (u instanceof MetadataUpdate.SetLocation l) {
      g.writeStringField("location", l.location());
    } else if (u instanceof MetadataUpdate.SetProperties p) {
      TableMetadataJson.writeStringMap(g, "updates", p.updates());
    } else if (u instanceof MetadataUpdate.RemoveProperties r) {
      writeStrings(g, "removals", r.removals());
    } else if (u instanceof MetadataUpdate.RemovePartitionSpecs r) {
      writeInts(g, "spec-ids", r.specIds());
    } else if (u instanceof MetadataUpdate.RemoveSchemas r) {
      writeInts(g, "schema-ids", r.schemaIds());
    } else if (u instanceof MetadataUpdate.SetStatistics s) {
      g.writeFieldName("statistics");
      TableMetadataJson.writeStatisticsFile(g, s.statistics());
    } else if (u instanceof MetadataUpdate.RemoveStatistics r) {
      g.writeNumberField("snapshot-id", r.snapshotId());
    } else if (u instanceof MetadataUpdate.SetPartitionStatistics s) {
      g.writeFieldName("partition-statistics");
      TableMetadataJson.writePartitionStatisticsFile(g, s.partitionStatistics());
    } else if (u instanceof MetadataUpdate.RemovePartitionStatistics r) {
      g.writeNumberField("snapshot-id", r.snapshotId());
    } else if (u instanceof MetadataUpdate.AddEncryptionKey a) {
      g.writeFieldName("encryption-key");
      TableMetadataJson.writeEncryptedKey(g, a.key());
    } else if (u instanceof MetadataUpdate.RemoveEncryptionKey r) {
      g.writeStringField("key-id", r.keyId());
    }
    g.writeEndObject();
  }

  /** One update object; the fields may come in any order, so they are gathered before the action decides. */
  static MetadataUpdate readUpdate(JsonIn in) throws IOException {
    in.expectObject();
    Fields f = readFields(in);
    String action = f.action.orElseThrow(() -> in.missing("action"));
    return switch (action) {
      case "assign-uuid" -> new MetadataUpdate.AssignUuid(f.require(in, f.uuid, "uuid"));
      case "upgrade-format-version" -> new MetadataUpdate.UpgradeFormatVersion(
          f.require(in, f.formatVersion, "format-version"));
      case "add-schema" -> new MetadataUpdate.AddSchema(f.require(in, f.schema, "schema"));
      case "set-current-schema" -> new MetadataUpdate.SetCurrentSchema(f.require(in, f.schemaId, "schema-id"));
      case "add-spec" -> new MetadataUpdate.AddPartitionSpec(f.require(in, f.spec, "spec"));
      case "set-default-spec" -> new MetadataUpdate.SetDefaultPartitionSpec(f.require(in, f.specId, "spec-id"));
      case "add-sort-order" -> new MetadataUpdate.AddSortOrder(f.require(in, f.sortOrder, "sort-order"));
      case "set-default-sort-order" -> new MetadataUpdate.SetDefaultSortOrder(
          f.require(in, f.sortOrderId, "sort-order-id"));
      case "add-snapshot" -> new MetadataUpdate.AddSnapshot(f.require(in, f.snapshot, "snapshot"));
      case "set-snapshot-ref" -> new MetadataUpdate.SetSnapshotRef(f.require(in, f.refName, "ref-name"),
          new SnapshotRef(f.require(in, f.snapshotId, "snapshot-id"), f.require(in, f.refType, "type"),
              f.minSnapshotsToKeep, f.maxSnapshotAgeMs, f.maxRefAgeMs));
      case "remove-snapshot-ref" -> new MetadataUpdate.RemoveSnapshotRef(f.require(in, f.refName, "ref-name"));
      case "remove-snapshots" -> new MetadataUpdate.RemoveSnapshots(f.require(in, f.snapshotIds, "snapshot-ids"));
      case "set-location" -> new MetadataUpdate.SetLocation(f.require(in, f.location, "location"));
      case "set-properties" -> new MetadataUpdate.SetProperties(f.require(in, f.updates, "updates"));
      case "remove-properties" -> new MetadataUpdate.RemoveProperties(
          new LinkedHashSet<>(f.require(in, f.removals, "removals")));
      case "remove-partition-specs" -> new MetadataUpdate.RemovePartitionSpecs(
          new LinkedHashSet<>(f.require(in, f.specIds, "spec-ids")));
      case "remove-schemas" -> new MetadataUpdate.RemoveSchemas(
          new LinkedHashSet<>(f.require(in, f.schemaIds, "schema-ids")));
      case "set-statistics" -> new MetadataUpdate.SetStatistics(f.require(in, f.statistics, "statistics"));
      case "remove-statistics" -> new MetadataUpdate.RemoveStatistics(f.require(in, f.snapshotId, "snapshot-id"));
      case "set-partition-statistics" -> new MetadataUpdate.SetPartitionStatistics(
          f.require(in, f.partitionStatistics, "partition-statistics"));
      case "remove-partition-statistics" -> new MetadataUpdate.RemovePartitionStatistics(
          f.require(in, f.snapshotId, "snapshot-id"));
      case "add-encryption-key" -> new MetadataUpdate.AddEncryptionKey(
          f.require(in, f.encryptionKey, "encryption-key"));
      case "remove-encryption-key" -> new MetadataUpdate.RemoveEncryptionKey(f.require(in, f.keyId, "key-id"));
      default -> throw in.fail("unknown table update action '" + action + "'; known actions: " + TABLE_ACTIONS);
    };
  }

  // ------------------------------------------------------------------ view updates

  static void writeViewUpdate(JsonGenerator g, ViewUpdate u) throws IOException {
    g.writeStartObject();
    g.writeStringField("action", u.action());
    if (u instanceof ViewUpdate.AssignUuid a) {
      g.writeStringField("uuid", a.uuid());
    } else if (u instanceof ViewUpdate.UpgradeFormatVersion v) {
      g.writeNumberField("format-version", v.formatVersion());
    } else if (u instanceof ViewUpdate.AddSchema a) {
      g.writeFieldName("schema");
      TableMetadataJson.writeSchema(g, a.schema());
    } else if (u instanceof ViewUpdate.SetLocation l) {
      g.writeStringField("location", l.location());
    } else if (u instanceof ViewUpdate.SetProperties p) {
      TableMetadataJson.writeStringMap(g, "updates", p.updates());
    } else if (u instanceof ViewUpdate.RemoveProperties r) {
      writeStrings(g, "removals", r.removals());
    } else if (u instanceof ViewUpdate.AddViewVersion a) {
      g.writeFieldName("view-version");
      ViewMetadataJson.writeVersion(g, a.version());
    } else if (u instanceof ViewUpdate.SetCurrentViewVersion s) {
      g.writeNumberField("view-version-id", s.versionId());
    }
    g.writeEndObject();
  }

  static ViewUpdate readViewUpdate(JsonIn in) throws IOException {
    in.expectObject();
    Fields f = readFields(in);
    String action = f.action.orElseThrow(() -> in.missing("action"));
    return switch (action) {
      case "assign-uuid" -> new ViewUpdate.AssignUuid(f.require(in, f.uuid, "uuid"));
      case "upgrade-format-version" -> new ViewUpdate.UpgradeFormatVersion(
          f.require(in, f.formatVersion, "format-version"));
      case "add-schema" -> new ViewUpdate.AddSchema(f.require(in, f.schema, "schema"));
      case "set-location" -> new ViewUpdate.SetLocation(f.require(in, f.location, "location"));
      case "set-properties" -> new ViewUpdate.SetProperties(f.require(in, f.updates, "updates"));
      case "remove-properties" -> new ViewUpdate.RemoveProperties(
          new LinkedHashSet<>(f.require(in, f.removals, "removals")));
      case "add-view-version" -> new ViewUpdate.AddViewVersion(f.require(in, f.viewVersion, "view-version"));
      case "set-current-view-version" -> new ViewUpdate.SetCurrentViewVersion(
          f.require(in, f.viewVersionId, "view-version-id"));
      default -> throw in.fail("unknown view update action '" + action + "'; known actions: " + VIEW_ACTIONS);
    };
  }

  // ------------------------------------------------------------------ requirements

  static void writeRequirement(JsonGenerator g, UpdateRequirement r) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", r.type());
    if (r instanceof UpdateRequirement.AssertCreate c) {
      // nothing but the type
    } else if (r instanceof UpdateRequirement.AssertTableUuid u) {
      g.writeStringField("uuid", u.uuid());
    } else if (r instanceof UpdateRequirement.AssertRefSnapshotId a) {
      g.writeStringField("ref", a.ref());
      if (a.snapshotId().isPresent()) {
        g.writeNumberField("snapshot-id", a.snapshotId().get());
      } else {
        g.writeNullField("snapshot-id");
      }
    } else if (r instanceof UpdateRequirement.AssertLastAssignedFieldId a) {
      g.writeNumberField("last-assigned-field-id", a.lastAssignedFieldId());
    } else if (r instanceof UpdateRequirement.AssertCurrentSchemaId a) {
      g.writeNumberField("current-schema-id", a.currentSchemaId());
    } else if (r instanceof UpdateRequirement.AssertLastAssignedPartitionId a) {
      g.writeNumberField("last-assigned-partition-id", a.lastAssignedPartitionId());
    } else if (r instanceof UpdateRequirement.AssertDefaultSpecId a) {
      g.writeNumberField("default-spec-id", a.defaultSpecId());
    } else if (r instanceof UpdateRequirement.AssertDefaultSortOrderId a) {
      g.writeNumberField("default-sort-order-id", a.defaultSortOrderId());
    }
    g.writeEndObject();
  }

  static UpdateRequirement readRequirement(JsonIn in) throws IOException {
    in.expectObject();
    String type = null;
    String uuid = null;
    String ref = null;
    Long snapshotId = null;
    boolean snapshotIdSeen = false;
    Integer value = null;
    String valueField = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> type = in.stringValue();
        case "uuid" -> uuid = in.stringValue();
        case "ref" -> ref = in.stringValue();
        case "snapshot-id" -> {
          snapshotIdSeen = true;
          snapshotId = in.isNull() ? null : in.longValue();
        }
        case "last-assigned-field-id", "current-schema-id", "last-assigned-partition-id", "default-spec-id",
            "default-sort-order-id" -> {
          value = in.intValue();
          valueField = field;
        }
        default -> in.skip();
      }
    }
    if (type == null) {
      throw in.missing("type");
    }
    return switch (type) {
      case "assert-create" -> new UpdateRequirement.AssertCreate();
      case "assert-table-uuid" -> {
        TableMetadataJson.require(in, uuid, "uuid");
        yield new UpdateRequirement.AssertTableUuid(uuid);
      }
      case "assert-ref-snapshot-id" -> {
        TableMetadataJson.require(in, ref, "ref");
        if (!snapshotIdSeen) {
          throw in.missing("snapshot-id");
        }
        yield new UpdateRequirement.AssertRefSnapshotId(ref, Optional.ofNullable(snapshotId));
      }
      case "assert-last-assigned-field-id" -> new UpdateRequirement.AssertLastAssignedFieldId(
          intField(in, type, "last-assigned-field-id", valueField, value));
      case "assert-current-schema-id" -> new UpdateRequirement.AssertCurrentSchemaId(
          intField(in, type, "current-schema-id", valueField, value));
      case "assert-last-assigned-partition-id" -> new UpdateRequirement.AssertLastAssignedPartitionId(
          intField(in, type, "last-assigned-partition-id", valueField, value));
      case "assert-default-spec-id" -> new UpdateRequirement.AssertDefaultSpecId(
          intField(in, type, "default-spec-id", valueField, value));
      case "assert-default-sort-order-id" -> new UpdateRequirement.AssertDefaultSortOrderId(
          intField(in, type, "default-sort-order-id", valueField, value));
      default -> throw in.fail("unknown table requirement type '" + type + "'; known types: assert-create,"
          + " assert-table-uuid, assert-ref-snapshot-id, assert-last-assigned-field-id, assert-current-schema-id,"
          + " assert-last-assigned-partition-id, assert-default-spec-id, assert-default-sort-order-id");
    };
  }

  private static int intField(JsonIn in, String type, String expected, String seen, Integer value) {
    if (value == null || !expected.equals(seen)) {
      throw in.fail("requirement " + type + " needs the field '" + expected + "'");
    }
    return value;
  }

  static void writeViewRequirement(JsonGenerator g, ViewRequirement r) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", r.type());
    if (r instanceof ViewRequirement.AssertViewUuid u) {
      g.writeStringField("uuid", u.uuid());
    }
    g.writeEndObject();
  }

  static ViewRequirement readViewRequirement(JsonIn in) throws IOException {
    in.expectObject();
    String type = null;
    String uuid = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> type = in.stringValue();
        case "uuid" -> uuid = in.stringValue();
        default -> in.skip();
      }
    }
    if (type == null) {
      throw in.missing("type");
    }
    if (!type.equals("assert-view-uuid")) {
      throw in.fail("unknown view requirement type '" + type + "'; known types: assert-view-uuid");
    }
    TableMetadataJson.require(in, uuid, "uuid");
    return new ViewRequirement.AssertViewUuid(uuid);
  }

  // ------------------------------------------------------------------ shared

  /** Every field any update may carry; the action picks the ones it needs. */
  private static final class Fields {
    Optional<String> action = Optional.empty();
    String uuid;
    Integer formatVersion;
    Schema schema;
    Integer schemaId;
    PartitionSpec spec;
    Integer specId;
    SortOrder sortOrder;
    Integer sortOrderId;
    Snapshot snapshot;
    String refName;
    Long snapshotId;
    SnapshotRef.Type refType;
    Optional<Integer> minSnapshotsToKeep = Optional.empty();
    Optional<Long> maxSnapshotAgeMs = Optional.empty();
    Optional<Long> maxRefAgeMs = Optional.empty();
    Set<Long> snapshotIds;
    String location;
    Map<String, String> updates;
    List<String> removals;
    List<Integer> specIds;
    List<Integer> schemaIds;
    StatisticsFile statistics;
    PartitionStatisticsFile partitionStatistics;
    EncryptedKey encryptionKey;
    String keyId;
    dev.floe.view.ViewVersion viewVersion;
    Integer viewVersionId;

    <T> T require(JsonIn in, T value, String field) {
      if (value == null) {
        throw in.fail("update " + action.orElse("?") + " needs the field '" + field + "'");
      }
      return value;
    }
  }

  private static Fields readFields(JsonIn in) throws IOException {
    Fields f = new Fields();
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "action" -> f.action = Optional.of(in.stringValue());
        case "uuid" -> f.uuid = in.stringValue();
        case "format-version" -> f.formatVersion = in.intValue();
        case "schema" -> f.schema = TableMetadataJson.readSchema(in, 0);
        case "schema-id" -> f.schemaId = in.intValue();
        case "spec" -> f.spec = readUnboundSpec(in);
        case "spec-id" -> f.specId = in.intValue();
        case "sort-order" -> f.sortOrder = TableMetadataJson.readSortOrder(in);
        case "sort-order-id" -> f.sortOrderId = in.intValue();
        case "snapshot" -> f.snapshot = TableMetadataJson.readSnapshot(in);
        case "ref-name" -> f.refName = in.stringValue();
        case "snapshot-id" -> f.snapshotId = in.isNull() ? null : in.longValue();
        case "type" -> {
          String t = in.stringValue();
          f.refType = switch (t) {
            case "branch" -> SnapshotRef.Type.BRANCH;
            case "tag" -> SnapshotRef.Type.TAG;
            default -> throw in.fail("unknown ref type '" + t + "'; expected branch or tag");
          };
        }
        case "min-snapshots-to-keep" -> f.minSnapshotsToKeep = in.isNull() ? Optional.empty() : Optional.of(in.intValue());
        case "max-snapshot-age-ms" -> f.maxSnapshotAgeMs = in.isNull() ? Optional.empty() : Optional.of(in.longValue());
        case "max-ref-age-ms" -> f.maxRefAgeMs = in.isNull() ? Optional.empty() : Optional.of(in.longValue());
        case "snapshot-ids" -> {
          f.snapshotIds = new LinkedHashSet<>();
          in.expectArray();
          while (in.nextElement()) {
            f.snapshotIds.add(in.longValue());
          }
        }
        case "location" -> f.location = in.stringValue();
        case "updates" -> f.updates = TableMetadataJson.readStringMap(in);
        case "removals" -> f.removals = readStrings(in);
        case "spec-ids" -> f.specIds = TableMetadataJson.readIntList(in);
        case "schema-ids" -> f.schemaIds = TableMetadataJson.readIntList(in);
        case "statistics" -> f.statistics = TableMetadataJson.readStatisticsFile(in);
        case "partition-statistics" -> f.partitionStatistics = TableMetadataJson.readPartitionStatisticsFile(in);
        case "encryption-key" -> f.encryptionKey = TableMetadataJson.readEncryptedKey(in);
        case "key-id" -> f.keyId = in.stringValue();
        case "view-version" -> f.viewVersion = ViewMetadataJson.readVersion(in);
        case "view-version-id" -> f.viewVersionId = in.intValue();
        default -> in.skip();
      }
    }
    return f;
  }

  /** A partition spec as clients send it: the spec id is assigned by the catalog and may be missing. */
  static PartitionSpec readUnboundSpec(JsonIn in) throws IOException {
    in.expectObject();
    int specId = 0;
    List<dev.floe.partition.PartitionField> fields = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "spec-id" -> specId = in.intValue();
        case "fields" -> fields = TableMetadataJson.readSpecFields(in);
        default -> in.skip();
      }
    }
    TableMetadataJson.require(in, fields, "fields");
    return new PartitionSpec(specId, fields);
  }

  static List<String> readStrings(JsonIn in) throws IOException {
    in.expectArray();
    List<String> out = new ArrayList<>();
    while (in.nextElement()) {
      out.add(in.stringValue());
    }
    return out;
  }

  static void writeStrings(JsonGenerator g, String field, java.util.Collection<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeInts(JsonGenerator g, String field, java.util.Collection<Integer> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }
}
