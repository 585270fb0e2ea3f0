package dev.floe.codec;

import static dev.floe.codec.CodecFixtures.PARTITION_TYPE;
import static dev.floe.codec.CodecFixtures.SCHEMA;
import static dev.floe.codec.CodecFixtures.SPEC;
import static dev.floe.codec.CodecFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.CorruptFileException;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.ManifestEntry.Status;
import dev.floe.manifest.ManifestFile;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ManifestListJsonTest {
  private static final IntFunction<Type.PrimitiveType> TYPES = ManifestJson.typesOf(SCHEMA);
  private static final IntFunction<Types.StructType> PARTITION_TYPES = id -> id == SPEC.specId() ? PARTITION_TYPE : null;
  private static final String LOCATION = "mem://t/metadata/snap-9-1-abc.json";

  private final InMemoryFileIO io = new InMemoryFileIO();

  /** Manifests written by the manifest codec: their summaries hold a bound of every type. */
  private List<ManifestFile> manifests() {
    ManifestFile a = ManifestJson.write(io.newOutputFile("mem://t/metadata/a-m0.json"), SPEC, PARTITION_TYPE, SCHEMA,
        77L, 2, List.of(entry(Status.ADDED, 0), entry(Status.EXISTING, 1)));
    ManifestFile b = ManifestJson.write(io.newOutputFile("mem://t/metadata/b-m1.json.gz"), SPEC, PARTITION_TYPE,
        SCHEMA, 78L, 3, List.of(entry(Status.DELETED, 4)));
    return List.of(a, b);
  }

  private static List<ManifestFile> read(byte[] json) {
    return ManifestListJson.read(LOCATION, new ByteArrayInputStream(json), PARTITION_TYPES, TYPES);
  }

  @Test
  void roundTripsManifestsWithEveryTypeOfBound() {
    List<ManifestFile> manifests = manifests();
    assertThat(manifests.get(0).columnStats()).hasSize(15);
    byte[] json = ManifestListJson.write(9L, Optional.of(8L), 3, manifests);
    assertThat(read(json)).isEqualTo(manifests);
    assertThat(ManifestListJson.write(9L, Optional.empty(), 3, List.of())).asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"format\":\"floe-manifest-list\",\"format-version\":1,\"snapshot-id\":9,"
            + "\"sequence-number\":3,\"manifests\":[]}");
  }

  @Test
  void writesToFilesGzippedBySuffix() {
    List<ManifestFile> manifests = manifests();
    String path = "mem://t/metadata/snap-9-1-abc.json.gz";
    ManifestListJson.write(io.newOutputFile(path), 9L, Optional.empty(), 3, manifests);
    byte[] stored = io.newInputFile(path).readAllBytes();
    assertThat(stored[0] & 0xff).isEqualTo(0x1f);
    assertThat(ManifestListJson.read(path, io.newInputFile(path).newStream(), PARTITION_TYPES, TYPES))
        .isEqualTo(manifests);
  }

  @Test
  void handWrittenGoldenListParsesToTheExpectedValue() {
    Types.StructType spec0 = Types.StructType.of(NestedField.optional(1000, "ts_day", Types.DATE));
    Types.StructType spec1 = Types.StructType.of(
        NestedField.optional(1000, "price", Types.decimal(9, 2)),
        NestedField.optional(1001, "token", Types.UUID),
        NestedField.optional(1002, "payload", Types.BINARY),
        NestedField.optional(1003, "name", Types.STRING));
    Map<Integer, Type.PrimitiveType> columns = Map.of(1, Types.LONG, 3, Types.STRING, 7, Types.DOUBLE);
    List<ManifestFile> parsed = ManifestListJson.read("mem://golden/snap.json",
        new ByteArrayInputStream(TableMetadataJsonTest.resource("manifest-list-golden.json")),
        id -> id == 0 ? spec0 : id == 1 ? spec1 : null, columns::get);

    ManifestFile first = new ManifestFile("file:/wh/db/t/metadata/5f2c0e7a-m0.json", 4211, 0,
        3051729675574597004L, 2, 1, 1, 0, 0, 1000, 0, 0,
        List.of(new FieldSummary(false, Optional.of(false), Optional.of(20454), Optional.of(20455))),
        Map.of(1, new ColumnStats(1, OptionalLong.empty(), OptionalLong.of(1000), OptionalLong.of(0),
            OptionalLong.of(0), Optional.of(0L), Optional.of(999L))));
    ManifestFile second = new ManifestFile("file:/wh/db/t/metadata/77aa01b3-m1.json.gz", 1900, 1,
        3051729675574597003L, 1, 1, 0, 2, 1, 0, 15, 5,
        List.of(
            new FieldSummary(true, Optional.of(false), Optional.of(new BigDecimal("-0.50")),
                Optional.of(new BigDecimal("12.30"))),
            new FieldSummary(true, Optional.empty(),
                Optional.of(UUID.fromString("00000000-0000-4000-8000-000000000001")),
                Optional.of(UUID.fromString("00000000-0000-4000-8000-000000000002"))),
            new FieldSummary(false, Optional.of(false), Optional.of(ByteBuffer.wrap(new byte[] {0, 1})),
                Optional.of(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff}))),
            new FieldSummary(true, Optional.empty(), Optional.empty(), Optional.empty())),
        Map.of(
            3, new ColumnStats(3, OptionalLong.empty(), OptionalLong.of(15), OptionalLong.empty(),
                OptionalLong.empty(), Optional.of("a"), Optional.of("zz")),
            7, new ColumnStats(7, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(4), Optional.of(-1.5), Optional.of(2.5e10))));
    assertThat(parsed).containsExactly(first, second);
  }

  @Test
  void fieldsInAnyOrderAndUnknownFieldsAreAccepted() {
    String json = """
        {"manifests": [{
            "column-stats": [{"upper-bound": "2026-x", "lower-bound": "2026-a", "field-id": 11, "new": 1}],
            "partitions": [{"upper-bound": 9, "lower-bound": -5, "contains-null": false}],
            "manifest-path": "mem://m.json", "manifest-length": 10, "sequence-number": 2,
            "min-sequence-number": 2, "added-snapshot-id": 5, "added-files-count": 1,
            "existing-files-count": 0, "deleted-files-count": 0, "added-rows-count": 3,
            "existing-rows-count": 0, "deleted-rows-count": 0, "partition-spec-id": 7, "future": [1, 2]}],
         "sequence-number": 2, "snapshot-id": 5, "format-version": 1, "format": "floe-manifest-list",
         "something-new": {"a": "b"}}
        """;
    Types.StructType ptype = Types.StructType.of(NestedField.optional(1000, "i", Types.INT));
    List<ManifestFile> parsed = ManifestListJson.read(LOCATION,
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), id -> id == 7 ? ptype : null, TYPES);
    assertThat(parsed).hasSize(1);
    assertThat(parsed.get(0).partitions())
        .containsExactly(new FieldSummary(false, Optional.empty(), Optional.of(-5), Optional.of(9)));
    assertThat(parsed.get(0).columnStats().get(11)).isEqualTo(ColumnStats.bounds(11, "2026-a", "2026-x"));
  }

  @Test
  void unknownSpecsAndColumnsKeepWhatNeedsNoType() {
    byte[] json = ManifestListJson.write(9L, Optional.empty(), 3, manifests());
    List<ManifestFile> parsed = ManifestListJson.read(LOCATION, new ByteArrayInputStream(json), id -> null,
        id -> null);
    FieldSummary p = parsed.get(0).partitions().get(0);
    assertThat(p.containsNull()).isFalse();
    assertThat(p.lowerBound()).isEmpty();
    ColumnStats c = parsed.get(0).columnStats().get(2);
    assertThat(c.valueCount()).hasValue(20);
    assertThat(c.lowerBound()).isEmpty();
  }

  @Test
  void everyTruncationIsACorruptFile() {
    byte[] json = ManifestListJson.write(9L, Optional.of(8L), 3, List.of(manifests().get(1)));
    int corrupt = 0;
    for (int n = 0; n < json.length; n++) {
      try {
        read(Arrays.copyOf(json, n));
      } catch (CorruptFileException e) {
        if (e.getMessage().startsWith(LOCATION + ": ")) {
          corrupt++;
        }
      }
    }
    assertThat(corrupt).isEqualTo(json.length);
  }

  @Test
  void wrongTypesAndMissingFieldsNameTheField() {
    String good = new String(ManifestListJson.write(9L, Optional.of(8L), 3, manifests()), StandardCharsets.UTF_8);
    assertCorrupt(good.replaceFirst("\"manifest-length\":(\\d+)", "\"manifest-length\":\"$1\""),
        "/manifests/0/manifest-length: expected a whole number, found a string");
    assertCorrupt(good.replaceFirst("\"added-files-count\":1", "\"added-files-count\":1.0"),
        "/manifests/0/added-files-count: expected a whole number");
    assertCorrupt(good.replaceFirst("\"contains-null\":false", "\"contains-null\":1"),
        "/manifests/0/partitions/0/contains-null: expected true or false");
    assertCorrupt(good.replaceFirst("\"min-sequence-number\":2,", ""),
        "missing required field 'min-sequence-number' in /manifests/0");
    assertCorrupt(good.replaceFirst("\"contains-null\":false,", ""),
        "missing required field 'contains-null' in /manifests/0/partitions/0");
    assertCorrupt(good.replaceFirst("\\{\"field-id\":1,", "{"), "missing required field 'field-id'");
    assertCorrupt(good.replaceFirst("\"lower-bound\":\"8c1e0b2a", "\"lower-bound\":\"zz1e0b2a"),
        "/manifests/0/partitions/11/lower-bound: ");
    assertCorrupt(good.replace("\"format\":\"floe-manifest-list\"", "\"format\":\"floe-manifest\""),
        "not a Floe manifest list");
    assertCorrupt(good.replace("\"snapshot-id\":9,", ""), "missing required field 'snapshot-id'");
    assertCorrupt(good.replace("\"content\":\"data\"", "\"content\":\"deletes\""), "unsupported manifest content");
    assertCorrupt(good.replaceFirst(",\\{\"contains-null\":false,[^}]*}],\"column-stats\"", "],\"column-stats\""), "14 partition summaries");
    assertCorrupt("", "empty");
    assertCorrupt("{}", "missing required field 'format'");
  }

  @Test
  void gzipGarbageIsCorrupt() {
    String path = "mem://t/snap.json.gz";
    assertThatThrownBy(() -> ManifestListJson.read(path, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
        PARTITION_TYPES, TYPES)).isInstanceOf(CorruptFileException.class).hasMessageStartingWith(path + ": ");
    assertThatThrownBy(() -> ManifestListJson.read(path, new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8}),
        PARTITION_TYPES, TYPES)).isInstanceOf(CorruptFileException.class).hasMessageStartingWith(path + ": ");
  }

  private static void assertCorrupt(String json, String messagePart) {
    assertThatThrownBy(() -> read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageStartingWith(LOCATION + ": ")
        .hasMessageContaining(messagePart);
  }
}
