package dev.floe.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.CorruptFileException;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.MetadataLogEntry;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TableMetadataJsonTest {
  private static final String LOCATION = "mem://wh/db/events/metadata/v3.metadata.json";
  private static final long S1 = 3051729675574597003L;
  private static final long S2 = 3051729675574597004L;

  /** The value the hand-written golden file describes, built by hand. */
  static TableMetadata golden() {
    Schema s0 = new Schema(0, List.of(
        NestedField.required(1, "id", Types.LONG),
        NestedField.required(2, "ts", Types.TIMESTAMPTZ)));
    Schema s1 = new Schema(1, Types.StructType.of(
        new NestedField(1, "id", true, Types.LONG, Optional.of("event id")),
        NestedField.required(2, "ts", Types.TIMESTAMPTZ),
        NestedField.optional(3, "amount", Types.decimal(9, 2)),
        NestedField.optional(4, "tags", new Types.ListType(5, Types.STRING, true)),
        NestedField.optional(6, "attrs", new Types.MapType(7, Types.STRING, 8,
            Types.StructType.of(NestedField.optional(9, "hash", Types.fixed(16))), false))),
        Set.of(1));
    PartitionSpec spec0 = new PartitionSpec(0, List.of());
    PartitionSpec spec1 = new PartitionSpec(1, List.of(
        new PartitionField(2, 1000, "ts_day", Transforms.day()),
        new PartitionField(1, 1001, "id_bucket", Transforms.bucket(16))));
    SortOrder order1 = new SortOrder(1, List.of(new SortOrder.SortField(2, Transforms.identity(),
        SortOrder.Direction.DESC, SortOrder.NullOrder.NULLS_LAST)));
    Map<String, String> props = new LinkedHashMap<>();
    props.put("floe.format-version", "1");
    props.put("commit.retry.num-retries", "7");
    Snapshot snap1 = new Snapshot(S1, Optional.empty(), 1, 1767225600000L,
        "file:/wh/db/events/metadata/snap-3051729675574597003-1-0d5c.json",
        Map.of("operation", "append", "added-data-files", "1", "added-records", "10"), OptionalInt.of(0));
    Snapshot snap2 = new Snapshot(S2, Optional.of(S1), 2, 1767225650000L,
        "file:/wh/db/events/metadata/snap-3051729675574597004-1-7a31.json.gz",
        Map.of("operation", "overwrite", "floe.writer-id", "etl-7", "floe.writer-sequence", "42"),
        OptionalInt.of(1));
    return new TableMetadata(2, "9c12d441-03fe-4693-9a96-a0705ddf69c1", "file:/wh/db/events", 2,
        1767225700000L, 9, List.of(s0, s1), 1, List.of(spec0, spec1), 1, 1001,
        List.of(SortOrder.unsorted(), order1), 1, props, Optional.of(S2), List.of(snap1, snap2),
        List.of(new HistoryEntry(1767225600000L, S1), new HistoryEntry(1767225650000L, S2)),
        List.of(new MetadataLogEntry(1767225500000L, "file:/wh/db/events/metadata/v1.metadata.json"),
            new MetadataLogEntry(1767225600000L, "file:/wh/db/events/metadata/v2.metadata.json")),
        Map.of("main", SnapshotRef.branch(S2),
            "audit", new SnapshotRef(S1, SnapshotRef.Type.TAG, Optional.empty(), Optional.empty(),
                Optional.of(86400000L))));
  }

  /** A table with more than the golden one: every primitive type, many transforms, a v1-era spec. */
  static TableMetadata rich() {
    TableMetadata g = golden();
    Schema wide = new Schema(2, Types.StructType.of(
        NestedField.required(1, "id", Types.LONG),
        NestedField.required(2, "ts", Types.TIMESTAMPTZ),
        NestedField.optional(3, "amount", Types.decimal(38, 10)),
        NestedField.optional(10, "b", Types.BOOLEAN),
        NestedField.optional(11, "i", Types.INT),
        NestedField.optional(12, "f", Types.FLOAT),
        NestedField.optional(13, "d", Types.DOUBLE),
        NestedField.optional(14, "dt", Types.DATE),
        NestedField.optional(15, "t", Types.TIME),
        NestedField.optional(16, "tsl", Types.TIMESTAMP),
        NestedField.required(17, "name", Types.STRING),
        NestedField.optional(18, "u", Types.UUID),
        NestedField.optional(19, "bin", Types.BINARY),
        new NestedField(20, "deep", false, Types.StructType.of(
            NestedField.optional(21, "points", new Types.ListType(22, Types.StructType.of(
                NestedField.required(23, "x", Types.DOUBLE),
                NestedField.optional(24, "labels", new Types.MapType(25, Types.STRING, 26,
                    new Types.ListType(27, Types.UUID, false), true))), false))),
            Optional.of("nested \"doc\" with unicode \u00e9"))),
        Set.of(1, 17));
    PartitionSpec spec2 = new PartitionSpec(2, List.of(
        new PartitionField(2, 1002, "ts_hour", Transforms.hour()),
        new PartitionField(16, 1003, "tsl_month", Transforms.month()),
        new PartitionField(14, 1004, "dt_year", Transforms.year()),
        new PartitionField(17, 1005, "name_trunc", Transforms.truncate(4)),
        new PartitionField(1, 1006, "id_bucket", Transforms.bucket(1024)),
        new PartitionField(18, 1007, "u", Transforms.identity()),
        new PartitionField(11, 1008, "i_null", Transforms.alwaysNull())));
    SortOrder order2 = new SortOrder(2, List.of(
        new SortOrder.SortField(17, Transforms.truncate(2), SortOrder.Direction.ASC, SortOrder.NullOrder.NULLS_FIRST),
        new SortOrder.SortField(1, Transforms.bucket(8), SortOrder.Direction.DESC, SortOrder.NullOrder.NULLS_LAST)));
    List<Schema> schemas = new java.util.ArrayList<>(g.schemas());
    schemas.add(wide);
    List<PartitionSpec> specs = new java.util.ArrayList<>(g.specs());
    specs.add(spec2);
    List<SortOrder> orders = new java.util.ArrayList<>(g.sortOrders());
    orders.add(order2);
    return new TableMetadata(2, g.tableUuid(), g.location(), g.lastSequenceNumber(), g.lastUpdatedMs(),
        27, schemas, 2, specs, 2, 1008, orders, 2, g.properties(), g.currentSnapshotId(),
        g.snapshots(), g.snapshotLog(), g.metadataLog(), g.refs());
  }

  static byte[] resource(String name) {
    try (InputStream in = TableMetadataJsonTest.class.getResourceAsStream("/codec/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void handWrittenGoldenFileParsesToTheExpectedValue() {
    TableMetadata parsed = TableMetadataJson.fromJson(LOCATION, resource("table-metadata-golden.json"));
    assertThat(parsed).isEqualTo(golden());
    assertThat(parsed.isFloeTable()).isTrue();
    assertThat(parsed.currentSnapshot().orElseThrow().operation()).isEqualTo("overwrite");
    assertThat(List.copyOf(parsed.properties().keySet()))
        .containsExactly("floe.format-version", "commit.retry.num-retries");
  }

  @Test
  void roundTripsEveryPart() {
    for (TableMetadata m : List.of(golden(), rich())) {
      byte[] json = TableMetadataJson.toJson(m);
      assertThat(TableMetadataJson.fromJson(LOCATION, json)).isEqualTo(m);
      // stable output: the same value gives the same bytes
      assertThat(TableMetadataJson.toJson(TableMetadataJson.fromJson(LOCATION, json))).isEqualTo(json);
    }
  }

  @Test
  void newTableHasNoCurrentSnapshotWrittenAsMinusOne() {
    Schema schema = new Schema(0, List.of(NestedField.required(1, "id", Types.LONG)));
    TableMetadata m = TableMetadata.newTable("0f5e3c1c-3a3b-4bbb-8a5e-4c4b0e6a2b10", "file:/wh/t",
        schema, PartitionSpec.unpartitioned(), Map.of(), 1767225600000L);
    String json = new String(TableMetadataJson.toJson(m), StandardCharsets.UTF_8);
    assertThat(json).contains("\"current-snapshot-id\":-1").contains("\"floe.format-version\":\"1\"");
    TableMetadata back = TableMetadataJson.fromJson(LOCATION, json.getBytes(StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(m);
    assertThat(back.currentSnapshotId()).isEmpty();
  }

  @Test
  void apacheIcebergParsesWhatFloeWrites() {
    TableMetadata m = rich();
    String json = new String(TableMetadataJson.toJson(m), StandardCharsets.UTF_8);
    org.apache.iceberg.TableMetadata ice = org.apache.iceberg.TableMetadataParser.fromJson(json);

    assertThat(ice.formatVersion()).isEqualTo(2);
    assertThat(ice.uuid()).isEqualTo(m.tableUuid());
    assertThat(ice.location()).isEqualTo(m.location());
    assertThat(ice.lastSequenceNumber()).isEqualTo(m.lastSequenceNumber());
    assertThat(ice.lastColumnId()).isEqualTo(27);
    assertThat(ice.currentSchemaId()).isEqualTo(2);
    assertThat(ice.schemas()).extracting(org.apache.iceberg.Schema::schemaId).containsExactly(0, 1, 2);
    for (Schema floe : m.schemas()) {
      org.apache.iceberg.Schema iceSchema = ice.schemasById().get(floe.schemaId());
      assertThat(idsToNames(iceSchema)).isEqualTo(idsToNames(floe));
      assertThat(iceSchema.identifierFieldIds()).isEqualTo(floe.identifierFieldIds());
    }
    org.apache.iceberg.types.Types.NestedField deep = ice.schema().findField("deep.points.element.labels");
    assertThat(deep.type().isMapType()).isTrue();
    assertThat(deep.type().asMapType().valueType().asListType().elementType())
        .isEqualTo(org.apache.iceberg.types.Types.UUIDType.get());
    assertThat(ice.schema().findField("amount").type().toString()).isEqualTo("decimal(38, 10)");
    assertThat(ice.schema().findField("deep").doc()).isEqualTo("nested \"doc\" with unicode \u00e9");

    assertThat(ice.defaultSpecId()).isEqualTo(2);
    assertThat(ice.specs()).hasSize(3);
    List<String> iceFields = ice.spec().fields().stream()
        .map(f -> f.fieldId() + ":" + f.name() + ":" + f.transform() + ":" + f.sourceId())
        .toList();
    assertThat(iceFields).containsExactly(
        "1002:ts_hour:hour:2", "1003:tsl_month:month:16", "1004:dt_year:year:14",
        "1005:name_trunc:truncate[4]:17", "1006:id_bucket:bucket[1024]:1", "1007:u:identity:18",
        "1008:i_null:void:11");
    assertThat(ice.lastAssignedPartitionId()).isEqualTo(1008);
    assertThat(ice.sortOrder().orderId()).isEqualTo(2);
    assertThat(ice.sortOrder().fields()).extracting(f -> f.sourceId() + " " + f.direction() + " " + f.nullOrder().name())
        .containsExactly("17 ASC NULLS_FIRST", "1 DESC NULLS_LAST");

    assertThat(ice.snapshots()).extracting(org.apache.iceberg.Snapshot::snapshotId).containsExactly(S1, S2);
    assertThat(ice.currentSnapshot().snapshotId()).isEqualTo(S2);
    assertThat(ice.currentSnapshot().parentId()).isEqualTo(S1);
    assertThat(ice.currentSnapshot().operation()).isEqualTo("overwrite");
    assertThat(ice.currentSnapshot().summary()).containsEntry("floe.writer-sequence", "42");
    assertThat(ice.currentSnapshot().manifestListLocation()).endsWith("-7a31.json.gz");
    assertThat(ice.currentSnapshot().schemaId()).isEqualTo(1);
    assertThat(ice.ref("main").snapshotId()).isEqualTo(S2);
    assertThat(ice.ref("audit").isTag()).isTrue();
    assertThat(ice.ref("audit").maxRefAgeMs()).isEqualTo(86400000L);
    assertThat(ice.snapshotLog()).extracting(e -> e.snapshotId()).containsExactly(S1, S2);
    assertThat(ice.previousFiles()).extracting(e -> e.file())
        .containsExactly("file:/wh/db/events/metadata/v1.metadata.json", "file:/wh/db/events/metadata/v2.metadata.json");
    assertThat(ice.properties()).containsEntry("floe.format-version", "1");
  }

  @Test
  void apacheIcebergAlsoParsesTheGoldenFile() {
    String json = new String(resource("table-metadata-golden.json"), StandardCharsets.UTF_8);
    org.apache.iceberg.TableMetadata ice = org.apache.iceberg.TableMetadataParser.fromJson(json);
    assertThat(ice.currentSnapshot().snapshotId()).isEqualTo(S2);
    assertThat(ice.schema().findField("attrs.value.hash").fieldId()).isEqualTo(9);
  }

  @Test
  void readsMetadataThatApacheIcebergWrote() {
    org.apache.iceberg.Schema schema = new org.apache.iceberg.Schema(
        org.apache.iceberg.types.Types.NestedField.required(1, "id", org.apache.iceberg.types.Types.LongType.get()),
        org.apache.iceberg.types.Types.NestedField.optional(2, "ts", org.apache.iceberg.types.Types.TimestampType.withZone()),
        org.apache.iceberg.types.Types.NestedField.optional(3, "tags", org.apache.iceberg.types.Types.ListType.ofOptional(4,
            org.apache.iceberg.types.Types.StringType.get())));
    org.apache.iceberg.PartitionSpec spec = org.apache.iceberg.PartitionSpec.builderFor(schema)
        .day("ts").bucket("id", 8).build();
    org.apache.iceberg.TableMetadata ice = org.apache.iceberg.TableMetadata.newTableMetadata(schema, spec,
        org.apache.iceberg.SortOrder.unsorted(), "file:/wh/iceberg_t", Map.of("owner", "someone"));
    String json = org.apache.iceberg.TableMetadataParser.toJson(ice);

    TableMetadata m = TableMetadataJson.fromJson(LOCATION, json.getBytes(StandardCharsets.UTF_8));
    assertThat(m.isFloeTable()).isFalse(); // parses; refusing it is the caller's decision
    assertThat(m.tableUuid()).isEqualTo(ice.uuid());
    assertThat(m.schema().findField("tags.element").orElseThrow().id()).isEqualTo(4);
    assertThat(m.spec().fields()).extracting(f -> f.name() + ":" + f.transform() + ":" + f.sourceId())
        .containsExactly("ts_day:day:2", "id_bucket:bucket[8]:1");
    assertThat(m.currentSnapshotId()).isEmpty();
    assertThat(m.properties()).containsEntry("owner", "someone");
  }

  @Test
  void readsFormatVersionOneFields() {
    String v1 = """
        {"format-version": 1, "location": "file:/wh/old", "last-updated-ms": 5, "last-column-id": 2,
         "schema": {"type": "struct", "fields": [
            {"id": 1, "name": "id", "required": true, "type": "int"},
            {"id": 2, "name": "day", "required": false, "type": "date"}]},
         "partition-spec": [{"name": "day", "transform": "identity", "source-id": 2}],
         "properties": {},
         "snapshots": [{"snapshot-id": 9, "timestamp-ms": 4, "manifest-list": "file:/wh/old/snap-9.avro",
                        "summary": {"operation": "append"}}],
         "current-snapshot-id": 9}
        """;
    TableMetadata m = TableMetadataJson.fromJson(LOCATION, v1.getBytes(StandardCharsets.UTF_8));
    assertThat(m.formatVersion()).isEqualTo(1);
    assertThat(m.schema().columns()).extracting(NestedField::name).containsExactly("id", "day");
    assertThat(m.spec().fields()).containsExactly(new PartitionField(2, 1000, "day", Transforms.identity()));
    assertThat(m.lastPartitionId()).isEqualTo(1000);
    assertThat(m.sortOrders()).containsExactly(SortOrder.unsorted());
    assertThat(m.refs()).containsEntry("main", SnapshotRef.branch(9));
    assertThat(m.currentSnapshot().orElseThrow().sequenceNumber()).isZero();
  }

  // ---------------------------------------------------------------- corrupt input

  @Test
  void everyTruncationIsACorruptFile() {
    byte[] json = TableMetadataJson.toJson(golden());
    int corrupt = 0;
    for (int n = 0; n < json.length; n++) {
      try {
        TableMetadataJson.fromJson(LOCATION, java.util.Arrays.copyOf(json, n));
      } catch (CorruptFileException e) {
        if (e.getMessage().startsWith(LOCATION + ": ")) {
          corrupt++;
        }
      }
    }
    assertThat(corrupt).isEqualTo(json.length);
  }

  @Test
  void emptyAndNonObjectFilesAreCorrupt() {
    assertCorrupt("", "empty");
    assertCorrupt("   \n", "empty");
    assertCorrupt("[1, 2]", "expected a JSON object");
    assertCorrupt("\"table\"", "expected a JSON object");
    assertCorrupt("{\"format-version\": 2} {}", "after the end");
    assertCorrupt("{\"format-version\": 2,}", "malformed JSON");
    assertCorrupt("\u0000\u0001binary", "malformed JSON");
  }

  @Test
  void wrongTypesNameTheField() {
    String good = new String(TableMetadataJson.toJson(golden()), StandardCharsets.UTF_8);
    assertCorrupt(good.replace("\"current-snapshot-id\":" + S2, "\"current-snapshot-id\":\"" + S2 + "\""),
        "/current-snapshot-id: expected a whole number, found a string");
    assertCorrupt(good.replace("\"snapshot-id\":" + S1 + ",\"sequence-number\"",
            "\"snapshot-id\":1.5,\"sequence-number\""),
        "/snapshots/0/snapshot-id: expected a whole number");
    assertCorrupt(good.replace("\"required\":true", "\"required\":\"yes\""),
        "/schemas/0/fields/0/required: expected true or false, found a string");
    assertCorrupt(good.replace("\"type\":\"timestamptz\"", "\"type\":\"timestamp_ns\""),
        "/schemas/0/fields/1/type: ");
    assertCorrupt(good.replace("\"transform\":\"day\"", "\"transform\":\"fortnight\""),
        "/partition-specs/1/fields/0/transform: ");
    assertCorrupt(good.replace("\"type\":\"tag\"", "\"type\":\"label\""), "/refs/audit/type: unknown ref type");
    assertCorrupt(good.replace("\"commit.retry.num-retries\":\"7\"", "\"commit.retry.num-retries\":7"),
        "/properties/commit.retry.num-retries: expected a string");
    assertCorrupt(good.replace("\"schemas\":[", "\"schemas\":{\"a\":1,\"b\":[").replace("],\"default-spec-id\"", "]},\"default-spec-id\""),
        "/schemas: expected an array");
    assertCorrupt(good.replace("\"last-column-id\":9", "\"last-column-id\":99999999999"),
        "/last-column-id");
  }

  @Test
  void missingRequiredFieldsNameTheField() {
    String good = new String(TableMetadataJson.toJson(golden()), StandardCharsets.UTF_8);
    for (String field : List.of("format-version", "table-uuid", "location", "last-sequence-number",
        "last-updated-ms", "last-column-id", "current-schema-id", "default-spec-id",
        "last-partition-id", "default-sort-order-id")) {
      String without = good.replaceFirst("\"" + field + "\":[^,]*,", "");
      assertThat(without).isNotEqualTo(good);
      assertCorrupt(without, "missing required field '" + field + "'");
    }
    assertCorrupt(good.replaceFirst("\"timestamp-ms\":1767225600000,\"manifest-list\":\"[^\"]*\",", "\"timestamp-ms\":1767225600000,"),
        "missing required field 'manifest-list' in /snapshots/0");
    assertCorrupt(good.replaceFirst("\\{\"id\":1,", "{"), "missing required field 'id' in /schemas/0/fields/0");
    assertCorrupt(good.replace("\"element-id\":5,", ""), "missing required field 'element-id'");
  }

  @Test
  void inconsistentIdsAreCorrupt() {
    String good = new String(TableMetadataJson.toJson(golden()), StandardCharsets.UTF_8);
    assertCorrupt(good.replace("\"current-schema-id\":1", "\"current-schema-id\":7"), "current-schema-id 7");
    assertCorrupt(good.replace("\"default-spec-id\":1", "\"default-spec-id\":7"), "default-spec-id 7");
    assertCorrupt(good.replace("\"format-version\":2", "\"format-version\":9"), "unsupported format-version 9");
    assertCorrupt(good.replace("{\"id\":2,\"name\":\"ts\"", "{\"id\":1,\"name\":\"ts\""), "used twice");
  }

  private static void assertCorrupt(String json, String messagePart) {
    assertThatThrownBy(() -> TableMetadataJson.fromJson(LOCATION, json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageStartingWith(LOCATION + ": ")
        .hasMessageContaining(messagePart);
  }

  private static Map<Integer, String> idsToNames(Schema schema) {
    Map<Integer, String> out = new java.util.TreeMap<>();
    for (int id = 1; id <= schema.highestFieldId(); id++) {
      int fid = id;
      schema.findColumnName(id).ifPresent(n -> out.put(fid, n));
    }
    return out;
  }

  private static Map<Integer, String> idsToNames(org.apache.iceberg.Schema schema) {
    return org.apache.iceberg.types.TypeUtil.indexById(schema.asStruct()).keySet().stream()
        .collect(Collectors.toMap(id -> id, schema::findColumnName, (a, b) -> a, java.util.TreeMap::new));
  }
}
