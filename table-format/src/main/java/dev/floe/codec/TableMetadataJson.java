package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.metadata.EncryptedKey;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.MetadataLogEntry;
import dev.floe.metadata.PartitionStatisticsFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.StatisticsFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transform;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Table metadata files ({@code metadata/v<N>.metadata.json}) in the Apache Iceberg
 * table-metadata JSON shape, so Iceberg's own parser accepts what Floe writes. Writes format
 * version 2 fields in a fixed order (plus, when present, Iceberg's statistics, encryption keys and
 * v3 row lineage, so that Iceberg tables served by Floe's catalog round-trip); reads versions 1 to
 * 3 as Iceberg writes them and ignores fields it does not know.
 */
public final class TableMetadataJson {
  private TableMetadataJson() {}

  /** The metadata as compact UTF-8 JSON; the same value always gives the same bytes. */
  public static byte[] toJson(TableMetadata metadata) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = Json.generator(out)) {
      write(g, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  /**
   * Parses a metadata file. A table without the {@code floe.format-version} property parses
   * too: deciding to refuse an Iceberg table is the caller's business.
   *
   * @param location the file's location, named in error messages
   * @throws dev.floe.error.CorruptFileException if the JSON is malformed or truncated, or a
   *     required field is missing or has the wrong type
   */
  public static TableMetadata fromJson(String location, byte[] json) {
    return JsonIn.parse(location, json, TableMetadataJson::read);
  }

  // ---------------------------------------------------------------- writing

  static void write(JsonGenerator g, TableMetadata m) throws IOException {
    g.writeStartObject();
    g.writeNumberField("format-version", m.formatVersion());
    g.writeStringField("table-uuid", m.tableUuid());
    g.writeStringField("location", m.location());
    g.writeNumberField("last-sequence-number", m.lastSequenceNumber());
    g.writeNumberField("last-updated-ms", m.lastUpdatedMs());
    g.writeNumberField("last-column-id", m.lastColumnId());
    g.writeNumberField("current-schema-id", m.currentSchemaId());
    g.writeArrayFieldStart("schemas");
    for (Schema s : m.schemas()) {
      writeSchema(g, s);
    }
    g.writeEndArray();
    g.writeNumberField("default-spec-id", m.defaultSpecId());
    g.writeArrayFieldStart("partition-specs");
    for (PartitionSpec spec : m.specs()) {
      writeSpec(g, spec);
    }
    g.writeEndArray();
    g.writeNumberField("last-partition-id", m.lastPartitionId());
    g.writeNumberField("default-sort-order-id", m.defaultSortOrderId());
    g.writeArrayFieldStart("sort-orders");
    for (SortOrder order : m.sortOrders()) {
      writeSortOrder(g, order);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("properties");
    for (Map.Entry<String, String> e : m.properties().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("current-snapshot-id", m.currentSnapshotId().orElse(-1L));
    g.writeObjectFieldStart("refs");
    for (Map.Entry<String, SnapshotRef> e : new TreeMap<>(m.refs()).entrySet()) {
      g.writeFieldName(e.getKey());
      writeRef(g, e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("snapshots");
    for (Snapshot s : m.snapshots()) {
      writeSnapshot(g, s);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("snapshot-log");
    for (HistoryEntry h : m.snapshotLog()) {
      writeHistoryEntry(g, h);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("metadata-log");
    for (MetadataLogEntry e : m.metadataLog()) {
      g.writeStartObject();
      g.writeNumberField("timestamp-ms", e.timestampMs());
      g.writeStringField("metadata-file", e.metadataFile());
      g.writeEndObject();
    }
    g.writeEndArray();
    // Iceberg fields Floe's own tables do not use: written only when present (v3 always has a next row id)
    if (m.formatVersion() >= 3) {
      g.writeNumberField("next-row-id", m.nextRowId());
    }
    if (!m.statistics().isEmpty()) {
      g.writeArrayFieldStart("statistics");
      for (StatisticsFile f : m.statistics()) {
        writeStatisticsFile(g, f);
      }
      g.writeEndArray();
    }
    if (!m.partitionStatistics().isEmpty()) {
      g.writeArrayFieldStart("partition-statistics");
      for (PartitionStatisticsFile f : m.partitionStatistics()) {
        writePartitionStatisticsFile(g, f);
      }
      g.writeEndArray();
    }
    if (!m.encryptionKeys().isEmpty()) {
      g.writeArrayFieldStart("encryption-keys");
      for (EncryptedKey k : m.encryptionKeys()) {
        writeEncryptedKey(g, k);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  static void writeStatisticsFile(JsonGenerator g, StatisticsFile f) throws IOException {
    g.writeStartObject();
    g.writeNumberField("snapshot-id", f.snapshotId());
    g.writeStringField("statistics-path", f.path());
    g.writeNumberField("file-size-in-bytes", f.fileSizeInBytes());
    g.writeNumberField("file-footer-size-in-bytes", f.fileFooterSizeInBytes());
    g.writeArrayFieldStart("blob-metadata");
    for (StatisticsFile.BlobMetadata b : f.blobMetadata()) {
      g.writeStartObject();
      g.writeStringField("type", b.type());
      g.writeNumberField("snapshot-id", b.sourceSnapshotId());
      g.writeNumberField("sequence-number", b.sourceSnapshotSequenceNumber());
      g.writeArrayFieldStart("fields");
      for (int id : b.fields()) {
        g.writeNumber(id);
      }
      g.writeEndArray();
      if (!b.properties().isEmpty()) {
        writeStringMap(g, "properties", b.properties());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writePartitionStatisticsFile(JsonGenerator g, PartitionStatisticsFile f) throws IOException {
    g.writeStartObject();
    g.writeNumberField("snapshot-id", f.snapshotId());
    g.writeStringField("statistics-path", f.path());
    g.writeNumberField("file-size-in-bytes", f.fileSizeInBytes());
    g.writeEndObject();
  }

  static void writeEncryptedKey(JsonGenerator g, EncryptedKey k) throws IOException {
    g.writeStartObject();
    g.writeStringField("key-id", k.keyId());
    g.writeStringField("encrypted-key-metadata", k.encryptedKeyMetadata());
    if (k.encryptedById().isPresent()) {
      g.writeStringField("encrypted-by-id", k.encryptedById().get());
    }
    if (!k.properties().isEmpty()) {
      writeStringMap(g, "properties", k.properties());
    }
    g.writeEndObject();
  }

  static void writeStringMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  static void writeSchema(JsonGenerator g, Schema s) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "struct");
    g.writeNumberField("schema-id", s.schemaId());
    if (!s.identifierFieldIds().isEmpty()) {
      g.writeArrayFieldStart("identifier-field-ids");
      for (int id : new TreeSet<>(s.identifierFieldIds())) {
        g.writeNumber(id);
      }
      g.writeEndArray();
    }
    writeFields(g, s.columns());
    g.writeEndObject();
  }

  static void writeFields(JsonGenerator g, List<NestedField> fields) throws IOException {
    g.writeArrayFieldStart("fields");
    for (NestedField f : fields) {
      g.writeStartObject();
      g.writeNumberField("id", f.id());
      g.writeStringField("name", f.name());
      g.writeBooleanField("required", f.required());
      g.writeFieldName("type");
      writeType(g, f.type());
      if (f.doc().isPresent()) {
        g.writeStringField("doc", f.doc().get());
      }
      // Iceberg's names and value form (its format version 3 fields), which its parser accepts
      if (f.initialDefault().isPresent()) {
        g.writeFieldName("initial-default");
        DefaultValueJson.write(g, f.type().asPrimitive(), f.initialDefault().get());
      }
      if (f.writeDefault().isPresent()) {
        g.writeFieldName("write-default");
        DefaultValueJson.write(g, f.type().asPrimitive(), f.writeDefault().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeType(JsonGenerator g, Type type) throws IOException {
    if (type instanceof Type.PrimitiveType) {
      g.writeString(type.toString());
    } else if (type instanceof Types.StructType struct) {
      g.writeStartObject();
      g.writeStringField("type", "struct");
      writeFields(g, struct.fields());
      g.writeEndObject();
    } else if (type instanceof Types.ListType list) {
      g.writeStartObject();
      g.writeStringField("type", "list");
      g.writeNumberField("element-id", list.elementId());
      g.writeFieldName("element");
      writeType(g, list.elementType());
      g.writeBooleanField("element-required", list.elementRequired());
      g.writeEndObject();
    } else if (type instanceof Types.MapType map) {
      g.writeStartObject();
      g.writeStringField("type", "map");
      g.writeNumberField("key-id", map.keyId());
      g.writeFieldName("key");
      writeType(g, map.keyType());
      g.writeNumberField("value-id", map.valueId());
      g.writeFieldName("value");
      writeType(g, map.valueType());
      g.writeBooleanField("value-required", map.valueRequired());
      g.writeEndObject();
    }
  }

  static void writeSpec(JsonGenerator g, PartitionSpec spec) throws IOException {
    g.writeStartObject();
    g.writeNumberField("spec-id", spec.specId());
    g.writeArrayFieldStart("fields");
    for (PartitionField f : spec.fields()) {
      g.writeStartObject();
      g.writeStringField("name", f.name());
      g.writeStringField("transform", f.transform().toString());
      g.writeNumberField("source-id", f.sourceId());
      g.writeNumberField("field-id", f.fieldId());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writeSortOrder(JsonGenerator g, SortOrder order) throws IOException {
    g.writeStartObject();
    g.writeNumberField("order-id", order.orderId());
    g.writeArrayFieldStart("fields");
    for (SortOrder.SortField f : order.fields()) {
      g.writeStartObject();
      g.writeStringField("transform", f.transform().toString());
      g.writeNumberField("source-id", f.sourceId());
      g.writeStringField("direction", f.direction() == SortOrder.Direction.ASC ? "asc" : "desc");
      g.writeStringField("null-order",
          f.nullOrder() == SortOrder.NullOrder.NULLS_FIRST ? "nulls-first" : "nulls-last");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writeRef(JsonGenerator g, SnapshotRef ref) throws IOException {
    g.writeStartObject();
    writeRefFields(g, ref);
    g.writeEndObject();
  }

  /** A ref's fields, also written flat into a REST set-snapshot-ref update. */
  static void writeRefFields(JsonGenerator g, SnapshotRef ref) throws IOException {
    g.writeNumberField("snapshot-id", ref.snapshotId());
    g.writeStringField("type", ref.type().id());
    if (ref.minSnapshotsToKeep().isPresent()) {
      g.writeNumberField("min-snapshots-to-keep", ref.minSnapshotsToKeep().get());
    }
    if (ref.maxSnapshotAgeMs().isPresent()) {
      g.writeNumberField("max-snapshot-age-ms", ref.maxSnapshotAgeMs().get());
    }
    if (ref.maxRefAgeMs().isPresent()) {
      g.writeNumberField("max-ref-age-ms", ref.maxRefAgeMs().get());
    }
  }

  static void writeHistoryEntry(JsonGenerator g, HistoryEntry h) throws IOException {
    g.writeStartObject();
    g.writeNumberField("timestamp-ms", h.timestampMs());
    g.writeNumberField("snapshot-id", h.snapshotId());
    g.writeEndObject();
  }

  static void writeSnapshot(JsonGenerator g, Snapshot s) throws IOException {
    g.writeStartObject();
    g.writeNumberField("snapshot-id", s.snapshotId());
    if (s.parentId().isPresent()) {
      g.writeNumberField("parent-snapshot-id", s.parentId().get());
    }
    g.writeNumberField("sequence-number", s.sequenceNumber());
    g.writeNumberField("timestamp-ms", s.timestampMs());
    g.writeStringField("manifest-list", s.manifestList());
    g.writeObjectFieldStart("summary");
    // Iceberg requires the operation; it goes first, the rest sorted for stable output
    g.writeStringField(Snapshot.OPERATION, s.operation());
    for (Map.Entry<String, String> e : new TreeMap<>(s.summary()).entrySet()) {
      if (!e.getKey().equals(Snapshot.OPERATION)) {
        g.writeStringField(e.getKey(), e.getValue());
      }
    }
    g.writeEndObject();
    if (s.schemaId().isPresent()) {
      g.writeNumberField("schema-id", s.schemaId().getAsInt());
    }
    if (s.firstRowId().isPresent()) {
      g.writeNumberField("first-row-id", s.firstRowId().get());
    }
    if (s.addedRows().isPresent()) {
      g.writeNumberField("added-rows", s.addedRows().get());
    }
    if (s.keyId().isPresent()) {
      g.writeStringField("key-id", s.keyId().get());
    }
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- reading

  static TableMetadata read(JsonIn in) throws IOException {
    in.beginRoot("table metadata JSON object");
    return readObject(in, true);
  }

  /** Reads a table-metadata object nested in a larger document (REST messages). */
  static TableMetadata readObject(JsonIn in) throws IOException {
    return readObject(in, false);
  }

  /** Reads a table-metadata object at the current token; a whole file must end right after it. */
  private static TableMetadata readObject(JsonIn in, boolean root) throws IOException {
    in.expectObject();
    Integer formatVersion = null;
    String uuid = null;
    String tableLocation = null;
    Long lastSequenceNumber = null;
    Long lastUpdatedMs = null;
    Integer lastColumnId = null;
    Integer currentSchemaId = null;
    List<Schema> schemas = null;
    Schema v1Schema = null;
    Integer defaultSpecId = null;
    List<PartitionSpec> specs = null;
    List<PartitionField> v1SpecFields = null;
    Integer lastPartitionId = null;
    Integer defaultSortOrderId = null;
    List<SortOrder> sortOrders = null;
    Map<String, String> properties = new LinkedHashMap<>();
    Long currentSnapshotId = null;
    List<Snapshot> snapshots = new ArrayList<>();
    List<HistoryEntry> snapshotLog = new ArrayList<>();
    List<MetadataLogEntry> metadataLog = new ArrayList<>();
    Map<String, SnapshotRef> refs = null;
    Long nextRowId = null;
    List<StatisticsFile> statistics = new ArrayList<>();
    List<PartitionStatisticsFile> partitionStatistics = new ArrayList<>();
    List<EncryptedKey> encryptionKeys = new ArrayList<>();

    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "format-version" -> formatVersion = in.intValue();
        case "table-uuid" -> uuid = in.stringValue();
        case "location" -> tableLocation = in.stringValue();
        case "last-sequence-number" -> lastSequenceNumber = in.longValue();
        case "last-updated-ms" -> lastUpdatedMs = in.longValue();
        case "last-column-id" -> lastColumnId = in.intValue();
        case "current-schema-id" -> currentSchemaId = in.intValue();
        case "schemas" -> {
          schemas = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            schemas.add(readSchema(in, 0));
          }
        }
        case "schema" -> v1Schema = readSchema(in, 0);
        case "default-spec-id" -> defaultSpecId = in.intValue();
        case "partition-specs" -> {
          specs = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            specs.add(readSpec(in));
          }
        }
        case "partition-spec" -> v1SpecFields = readSpecFields(in);
        case "last-partition-id" -> lastPartitionId = in.intValue();
        case "default-sort-order-id" -> defaultSortOrderId = in.intValue();
        case "sort-orders" -> {
          sortOrders = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            sortOrders.add(readSortOrder(in));
          }
        }
        case "properties" -> properties = readStringMap(in);
        case "current-snapshot-id" -> currentSnapshotId = in.isNull() ? null : in.longValue();
        case "refs" -> refs = readRefs(in);
        case "snapshots" -> {
          in.expectArray();
          while (in.nextElement()) {
            snapshots.add(readSnapshot(in));
          }
        }
        case "snapshot-log" -> {
          in.expectArray();
          while (in.nextElement()) {
            snapshotLog.add(readHistoryEntry(in));
          }
        }
        case "metadata-log" -> {
          in.expectArray();
          while (in.nextElement()) {
            metadataLog.add(readMetadataLogEntry(in));
          }
        }
        case "next-row-id" -> nextRowId = in.isNull() ? null : in.longValue();
        case "statistics", "statistics-files" -> {
          in.expectArray();
          while (in.nextElement()) {
            statistics.add(readStatisticsFile(in));
          }
        }
        case "partition-statistics", "partition-statistics-files" -> {
          in.expectArray();
          while (in.nextElement()) {
            partitionStatistics.add(readPartitionStatisticsFile(in));
          }
        }
        case "encryption-keys" -> {
          in.expectArray();
          while (in.nextElement()) {
            encryptionKeys.add(readEncryptedKey(in));
          }
        }
        default -> in.skip();
      }
    }
    if (root) {
      in.endRoot();
    }

    if (formatVersion == null) {
      throw in.missing("format-version");
    }
    if (formatVersion < 1 || formatVersion > TableMetadata.MAX_FORMAT_VERSION) {
      throw in.fail("unsupported format-version " + formatVersion + "; this reader reads table"
          + " metadata format versions 1 to " + TableMetadata.MAX_FORMAT_VERSION);
    }
    boolean v1 = formatVersion == 1;
    if (uuid == null) {
      if (!v1) {
        throw in.missing("table-uuid");
      }
      uuid = ""; // version 1 tables from before table UUIDs existed
    }
    require(in, tableLocation, "location");
    require(in, lastUpdatedMs, "last-updated-ms");
    require(in, lastColumnId, "last-column-id");
    if (lastSequenceNumber == null) {
      if (!v1) {
        throw in.missing("last-sequence-number");
      }
      lastSequenceNumber = 0L;
    }
    if (schemas == null) {
      if (v1Schema == null) {
        throw in.missing("schemas");
      }
      schemas = List.of(v1Schema);
    }
    if (currentSchemaId == null) {
      if (!v1) {
        throw in.missing("current-schema-id");
      }
      currentSchemaId = v1Schema != null ? v1Schema.schemaId() : schemas.get(0).schemaId();
    }
    if (specs == null) {
      if (v1SpecFields == null) {
        throw in.missing("partition-specs");
      }
      specs = List.of(new PartitionSpec(0, v1SpecFields));
    }
    if (defaultSpecId == null) {
      if (!v1) {
        throw in.missing("default-spec-id");
      }
      defaultSpecId = specs.get(specs.size() - 1).specId();
    }
    if (lastPartitionId == null) {
      if (!v1) {
        throw in.missing("last-partition-id");
      }
      lastPartitionId = specs.stream().mapToInt(PartitionSpec::lastAssignedFieldId).max()
          .orElse(PartitionSpec.FIRST_FIELD_ID - 1);
    }
    if (sortOrders == null) {
      if (!v1) {
        throw in.missing("sort-orders");
      }
      sortOrders = List.of(SortOrder.unsorted());
    }
    if (defaultSortOrderId == null) {
      if (!v1) {
        throw in.missing("default-sort-order-id");
      }
      defaultSortOrderId = sortOrders.get(0).orderId();
    }
    int schemaId = currentSchemaId;
    if (schemas.stream().noneMatch(s -> s.schemaId() == schemaId)) {
      throw in.fail("current-schema-id " + schemaId + " names none of the schemas");
    }
    int specId = defaultSpecId;
    if (specs.stream().noneMatch(s -> s.specId() == specId)) {
      throw in.fail("default-spec-id " + specId + " names none of the partition-specs");
    }
    int orderId = defaultSortOrderId;
    if (sortOrders.stream().noneMatch(s -> s.orderId() == orderId)) {
      throw in.fail("default-sort-order-id " + orderId + " names none of the sort-orders");
    }
    Optional<Long> current = currentSnapshotId == null || currentSnapshotId == -1
        ? Optional.empty() : Optional.of(currentSnapshotId);
    if (refs == null) {
      // as Iceberg does for files written before refs existed: main is the current snapshot
      refs = current.map(id -> Map.of(SnapshotRef.MAIN, SnapshotRef.branch(id))).orElse(Map.of());
    }
    if (nextRowId == null && formatVersion >= 3) {
      throw in.missing("next-row-id");
    }
    return new TableMetadata(formatVersion, uuid, tableLocation, lastSequenceNumber, lastUpdatedMs,
        lastColumnId, schemas, currentSchemaId, specs, defaultSpecId, lastPartitionId, sortOrders,
        defaultSortOrderId, properties, current, snapshots, snapshotLog, metadataLog, refs,
        nextRowId == null ? 0 : nextRowId, statistics, partitionStatistics, encryptionKeys);
  }

  static StatisticsFile readStatisticsFile(JsonIn in) throws IOException {
    in.expectObject();
    Long snapshotId = null;
    String path = null;
    Long size = null;
    Long footerSize = null;
    List<StatisticsFile.BlobMetadata> blobs = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "snapshot-id" -> snapshotId = in.longValue();
        case "statistics-path" -> path = in.stringValue();
        case "file-size-in-bytes" -> size = in.longValue();
        case "file-footer-size-in-bytes" -> footerSize = in.longValue();
        case "blob-metadata" -> {
          blobs = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            blobs.add(readBlobMetadata(in));
          }
        }
        default -> in.skip();
      }
    }
    require(in, snapshotId, "snapshot-id");
    require(in, path, "statistics-path");
    require(in, size, "file-size-in-bytes");
    require(in, footerSize, "file-footer-size-in-bytes");
    require(in, blobs, "blob-metadata");
    return new StatisticsFile(snapshotId, path, size, footerSize, blobs);
  }

  private static StatisticsFile.BlobMetadata readBlobMetadata(JsonIn in) throws IOException {
    in.expectObject();
    String type = null;
    Long snapshotId = null;
    Long sequenceNumber = null;
    List<Integer> fields = null;
    Map<String, String> properties = Map.of();
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> type = in.stringValue();
        case "snapshot-id" -> snapshotId = in.longValue();
        case "sequence-number" -> sequenceNumber = in.longValue();
        case "fields" -> fields = readIntList(in);
        case "properties" -> properties = readStringMap(in);
        default -> in.skip();
      }
    }
    require(in, type, "type");
    require(in, snapshotId, "snapshot-id");
    require(in, sequenceNumber, "sequence-number");
    require(in, fields, "fields");
    return new StatisticsFile.BlobMetadata(type, snapshotId, sequenceNumber, fields, properties);
  }

  static PartitionStatisticsFile readPartitionStatisticsFile(JsonIn in) throws IOException {
    in.expectObject();
    Long snapshotId = null;
    String path = null;
    Long size = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "snapshot-id" -> snapshotId = in.longValue();
        case "statistics-path" -> path = in.stringValue();
        case "file-size-in-bytes" -> size = in.longValue();
        default -> in.skip();
      }
    }
    require(in, snapshotId, "snapshot-id");
    require(in, path, "statistics-path");
    require(in, size, "file-size-in-bytes");
    return new PartitionStatisticsFile(snapshotId, path, size);
  }

  static EncryptedKey readEncryptedKey(JsonIn in) throws IOException {
    in.expectObject();
    String keyId = null;
    String metadata = null;
    String encryptedBy = null;
    Map<String, String> properties = Map.of();
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "key-id" -> keyId = in.stringValue();
        case "encrypted-key-metadata" -> metadata = in.stringValue();
        case "encrypted-by-id" -> encryptedBy = in.isNull() ? null : in.stringValue();
        case "properties" -> properties = readStringMap(in);
        default -> in.skip();
      }
    }
    require(in, keyId, "key-id");
    require(in, metadata, "encrypted-key-metadata");
    return new EncryptedKey(keyId, metadata, Optional.ofNullable(encryptedBy), properties);
  }

  static void require(JsonIn in, Object value, String field) {
    if (value == null) {
      throw in.missing(field);
    }
  }

  static Schema readSchema(JsonIn in, int defaultId) throws IOException {
    in.expectObject();
    Integer schemaId = null;
    List<Integer> identifierIds = List.of();
    List<NestedField> fields = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> {
          String type = in.stringValue();
          if (!type.equals("struct")) {
            throw in.fail("a schema must be of type struct, got '" + type + "'");
          }
        }
        case "schema-id" -> schemaId = in.intValue();
        case "identifier-field-ids" -> identifierIds = readIntList(in);
        case "fields" -> fields = readFields(in);
        default -> in.skip();
      }
    }
    require(in, fields, "fields");
    return new Schema(schemaId == null ? defaultId : schemaId, new Types.StructType(fields), identifierIds);
  }

  static List<NestedField> readFields(JsonIn in) throws IOException {
    in.expectArray();
    List<NestedField> fields = new ArrayList<>();
    while (in.nextElement()) {
      in.expectObject();
      Integer id = null;
      String name = null;
      Boolean required = null;
      Type type = null;
      String doc = null;
      SingleValueJson.Raw initialDefault = null;
      SingleValueJson.Raw writeDefault = null;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "id" -> id = in.intValue();
          case "name" -> name = in.stringValue();
          case "required" -> required = in.booleanValue();
          case "type" -> type = readType(in);
          case "doc" -> doc = in.isNull() ? null : in.stringValue();
          // kept as text until the type is known: Iceberg writes the type first, others need not
          case "initial-default" -> initialDefault = in.isNull() ? null : captureDefault(in);
          case "write-default" -> writeDefault = in.isNull() ? null : captureDefault(in);
          default -> in.skip();
        }
      }
      require(in, id, "id");
      require(in, name, "name");
      require(in, required, "required");
      require(in, type, "type");
      fields.add(new NestedField(id, name, required, type, Optional.ofNullable(doc),
          defaultValue(in, initialDefault, type, name), defaultValue(in, writeDefault, type, name)));
    }
    return fields;
  }

  private static SingleValueJson.Raw captureDefault(JsonIn in) throws IOException {
    if (in.token() == JsonToken.START_OBJECT || in.token() == JsonToken.START_ARRAY) {
      throw in.fail("only primitive fields can have a non-null default in Floe; found a struct, list or map"
          + " default");
    }
    return SingleValueJson.capture(in);
  }

  private static Optional<Object> defaultValue(JsonIn in, SingleValueJson.Raw raw, Type type, String name)
      throws IOException {
    if (raw == null) {
      return Optional.empty();
    }
    if (!type.isPrimitive()) {
      throw in.fail("field '" + name + "' of type " + type + " cannot have a non-null default");
    }
    return Optional.of(DefaultValueJson.read(in.location(), raw, type.asPrimitive()));
  }

  private static Type readType(JsonIn in) throws IOException {
    if (in.token() == JsonToken.VALUE_STRING) {
      return Types.parsePrimitive(in.parser().getText());
    }
    if (in.token() != JsonToken.START_OBJECT) {
      throw in.wrongType("a type name or a struct, list or map object");
    }
    String kind = null;
    List<NestedField> fields = null;
    Integer elementId = null;
    Type element = null;
    Boolean elementRequired = null;
    Integer keyId = null;
    Type key = null;
    Integer valueId = null;
    Type value = null;
    Boolean valueRequired = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> kind = in.stringValue();
        case "fields" -> fields = readFields(in);
        case "element-id" -> elementId = in.intValue();
        case "element" -> element = readType(in);
        case "element-required" -> elementRequired = in.booleanValue();
        case "key-id" -> keyId = in.intValue();
        case "key" -> key = readType(in);
        case "value-id" -> valueId = in.intValue();
        case "value" -> value = readType(in);
        case "value-required" -> valueRequired = in.booleanValue();
        default -> in.skip();
      }
    }
    require(in, kind, "type");
    switch (kind) {
      case "struct":
        require(in, fields, "fields");
        return new Types.StructType(fields);
      case "list":
        require(in, elementId, "element-id");
        require(in, element, "element");
        require(in, elementRequired, "element-required");
        return new Types.ListType(elementId, element, elementRequired);
      case "map":
        require(in, keyId, "key-id");
        require(in, key, "key");
        require(in, valueId, "value-id");
        require(in, value, "value");
        require(in, valueRequired, "value-required");
        return new Types.MapType(keyId, key, valueId, value, valueRequired);
      default:
        throw in.fail("unknown nested type '" + kind + "'; expected struct, list or map");
    }
  }

  static PartitionSpec readSpec(JsonIn in) throws IOException {
    in.expectObject();
    Integer specId = null;
    List<PartitionField> fields = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "spec-id" -> specId = in.intValue();
        case "fields" -> fields = readSpecFields(in);
        default -> in.skip();
      }
    }
    require(in, specId, "spec-id");
    require(in, fields, "fields");
    return new PartitionSpec(specId, fields);
  }

  static List<PartitionField> readSpecFields(JsonIn in) throws IOException {
    in.expectArray();
    List<PartitionField> fields = new ArrayList<>();
    while (in.nextElement()) {
      in.expectObject();
      String name = null;
      Transform transform = null;
      Integer sourceId = null;
      Integer fieldId = null;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "name" -> name = in.stringValue();
          case "transform" -> transform = Transform.parse(in.stringValue());
          case "source-id" -> sourceId = in.intValue();
          case "source-ids" -> sourceId = singleSourceId(in);
          case "field-id" -> fieldId = in.intValue();
          default -> in.skip();
        }
      }
      require(in, name, "name");
      require(in, transform, "transform");
      require(in, sourceId, "source-id");
      // version 1 specs may omit field ids; they were assigned from 1000 in order
      fields.add(new PartitionField(sourceId,
          fieldId != null ? fieldId : PartitionSpec.FIRST_FIELD_ID + fields.size(), name, transform));
    }
    return fields;
  }

  static SortOrder readSortOrder(JsonIn in) throws IOException {
    in.expectObject();
    Integer orderId = null;
    List<SortOrder.SortField> fields = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "order-id" -> orderId = in.intValue();
        case "fields" -> {
          fields = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            fields.add(readSortField(in));
          }
        }
        default -> in.skip();
      }
    }
    require(in, orderId, "order-id");
    require(in, fields, "fields");
    return new SortOrder(orderId, fields);
  }

  private static SortOrder.SortField readSortField(JsonIn in) throws IOException {
    in.expectObject();
    Transform transform = null;
    Integer sourceId = null;
    SortOrder.Direction direction = null;
    SortOrder.NullOrder nullOrder = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "transform" -> transform = Transform.parse(in.stringValue());
        case "source-id" -> sourceId = in.intValue();
        case "source-ids" -> sourceId = singleSourceId(in);
        case "direction" -> {
          String d = in.stringValue();
          direction = switch (d) {
            case "asc" -> SortOrder.Direction.ASC;
            case "desc" -> SortOrder.Direction.DESC;
            default -> throw in.fail("unknown direction '" + d + "'; expected asc or desc");
          };
        }
        case "null-order" -> {
          String n = in.stringValue();
          nullOrder = switch (n) {
            case "nulls-first" -> SortOrder.NullOrder.NULLS_FIRST;
            case "nulls-last" -> SortOrder.NullOrder.NULLS_LAST;
            default -> throw in.fail("unknown null-order '" + n + "'; expected nulls-first or nulls-last");
          };
        }
        default -> in.skip();
      }
    }
    require(in, transform, "transform");
    require(in, sourceId, "source-id");
    require(in, direction, "direction");
    require(in, nullOrder, "null-order");
    return new SortOrder.SortField(sourceId, transform, direction, nullOrder);
  }

  private static int singleSourceId(JsonIn in) throws IOException {
    List<Integer> ids = readIntList(in);
    if (ids.size() != 1) {
      throw in.fail("transforms of " + ids.size() + " source columns are not supported");
    }
    return ids.get(0);
  }

  static Map<String, SnapshotRef> readRefs(JsonIn in) throws IOException {
    in.expectObject();
    Map<String, SnapshotRef> refs = new LinkedHashMap<>();
    for (String name = in.nextField(); name != null; name = in.nextField()) {
      in.expectObject();
      Long snapshotId = null;
      SnapshotRef.Type type = null;
      Integer minSnapshotsToKeep = null;
      Long maxSnapshotAgeMs = null;
      Long maxRefAgeMs = null;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "snapshot-id" -> snapshotId = in.longValue();
          case "type" -> {
            String t = in.stringValue();
            type = switch (t) {
              case "branch" -> SnapshotRef.Type.BRANCH;
              case "tag" -> SnapshotRef.Type.TAG;
              default -> throw in.fail("unknown ref type '" + t + "'; expected branch or tag");
            };
          }
          case "min-snapshots-to-keep" -> minSnapshotsToKeep = in.isNull() ? null : in.intValue();
          case "max-snapshot-age-ms" -> maxSnapshotAgeMs = in.isNull() ? null : in.longValue();
          case "max-ref-age-ms" -> maxRefAgeMs = in.isNull() ? null : in.longValue();
          default -> in.skip();
        }
      }
      require(in, snapshotId, "snapshot-id");
      require(in, type, "type");
      refs.put(name, new SnapshotRef(snapshotId, type, Optional.ofNullable(minSnapshotsToKeep),
          Optional.ofNullable(maxSnapshotAgeMs), Optional.ofNullable(maxRefAgeMs)));
    }
    return refs;
  }

  static Snapshot readSnapshot(JsonIn in) throws IOException {
    in.expectObject();
    Long snapshotId = null;
    Long parentId = null;
    long sequenceNumber = 0; // version 1 snapshots have none
    Long timestampMs = null;
    String manifestList = null;
    Map<String, String> summary = Map.of();
    OptionalInt schemaId = OptionalInt.empty();
    Long firstRowId = null;
    Long addedRows = null;
    String keyId = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "first-row-id" -> firstRowId = in.isNull() ? null : in.longValue();
        case "added-rows" -> addedRows = in.isNull() ? null : in.longValue();
        case "key-id" -> keyId = in.isNull() ? null : in.stringValue();
        case "snapshot-id" -> snapshotId = in.longValue();
        case "parent-snapshot-id" -> parentId = in.isNull() ? null : in.longValue();
        case "sequence-number" -> sequenceNumber = in.longValue();
        case "timestamp-ms" -> timestampMs = in.longValue();
        case "manifest-list" -> manifestList = in.stringValue();
        case "summary" -> summary = readStringMap(in);
        case "schema-id" -> schemaId = in.isNull() ? OptionalInt.empty() : OptionalInt.of(in.intValue());
        default -> in.skip();
      }
    }
    require(in, snapshotId, "snapshot-id");
    require(in, timestampMs, "timestamp-ms");
    require(in, manifestList, "manifest-list");
    return new Snapshot(snapshotId, Optional.ofNullable(parentId), sequenceNumber, timestampMs,
        manifestList, summary, schemaId, Optional.ofNullable(firstRowId), Optional.ofNullable(addedRows),
        Optional.ofNullable(keyId));
  }

  static HistoryEntry readHistoryEntry(JsonIn in) throws IOException {
    in.expectObject();
    Long timestampMs = null;
    Long snapshotId = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "timestamp-ms" -> timestampMs = in.longValue();
        case "snapshot-id" -> snapshotId = in.longValue();
        default -> in.skip();
      }
    }
    require(in, timestampMs, "timestamp-ms");
    require(in, snapshotId, "snapshot-id");
    return new HistoryEntry(timestampMs, snapshotId);
  }

  private static MetadataLogEntry readMetadataLogEntry(JsonIn in) throws IOException {
    in.expectObject();
    Long timestampMs = null;
    String file = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "timestamp-ms" -> timestampMs = in.longValue();
        case "metadata-file" -> file = in.stringValue();
        default -> in.skip();
      }
    }
    require(in, timestampMs, "timestamp-ms");
    require(in, file, "metadata-file");
    return new MetadataLogEntry(timestampMs, file);
  }

  static Map<String, String> readStringMap(JsonIn in) throws IOException {
    in.expectObject();
    Map<String, String> map = new LinkedHashMap<>();
    for (String key = in.nextField(); key != null; key = in.nextField()) {
      map.put(key, in.stringValue());
    }
    return map;
  }

  static List<Integer> readIntList(JsonIn in) throws IOException {
    in.expectArray();
    List<Integer> ids = new ArrayList<>();
    while (in.nextElement()) {
      ids.add(in.intValue());
    }
    return ids;
  }
}
