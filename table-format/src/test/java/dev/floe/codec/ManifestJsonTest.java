package dev.floe.codec;

import static dev.floe.codec.CodecFixtures.PARTITION_TYPE;
import static dev.floe.codec.CodecFixtures.SCHEMA;
import static dev.floe.codec.CodecFixtures.SPEC;
import static dev.floe.codec.CodecFixtures.entry;
import static dev.floe.codec.CodecFixtures.file;
import static dev.floe.codec.CodecFixtures.partition;
import static dev.floe.codec.CodecFixtures.stats;
import static dev.floe.codec.CodecFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.FileFormat;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestEntry.Status;
import dev.floe.manifest.ManifestFile;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
  private static final IntFunction<Type.PrimitiveType> TYPES = ManifestJson.typesOf(SCHEMA);

  private final InMemoryFileIO io = new InMemoryFileIO();

  private List<ManifestEntry> threeEntries() {
    // the existing file has null partition values for boolean, decimal, uuid and binary
    ManifestEntry existing = new ManifestEntry(Status.EXISTING, 78L, 3, 4,
        file("f1", 1, partition(1, 0, 5, 11, 12), stats(1)));
    return List.of(entry(Status.ADDED, 0), existing, entry(Status.DELETED, 2));
  }

  private List<ManifestEntry> read(String path) {
    return ManifestJson.readAll(path, io.newInputFile(path).newStream(), PARTITION_TYPE, TYPES);
  }

  @Test
  void roundTripsEveryTypeInBoundsAndPartitionValues() {
    String path = "mem://t/metadata/0a-m0.json";
    List<ManifestEntry> entries = threeEntries();
    ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2, entries);
    List<ManifestEntry> back = read(path);
    assertThat(back).isEqualTo(entries);
    assertThat(back.get(1).file().partition().get(5)).isNull();
    assertThat(back.get(0).file().stats(6).orElseThrow().lowerBound()).contains(new BigDecimal("12.30"));
  }

  @Test
  void gzipBySuffixWithTheStoredLength() {
    String path = "mem://t/metadata/0a-m0.json.gz";
    ManifestFile mf = ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2,
        threeEntries());
    byte[] stored = io.newInputFile(path).readAllBytes();
    assertThat(stored[0] & 0xff).isEqualTo(0x1f);
    assertThat(stored[1] & 0xff).isEqualTo(0x8b);
    assertThat(mf.length()).isEqualTo(stored.length);
    assertThat(mf.path()).isEqualTo(path);
    assertThat(read(path)).isEqualTo(threeEntries());
  }

  @Test
  void zstdBySuffixWithTheStoredLength() {
    String path = "mem://t/metadata/0c-m0.json.zst";
    ManifestFile mf = ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2,
        threeEntries());
    byte[] stored = io.newInputFile(path).readAllBytes();
    // zstd frame magic number 0xFD2FB528, little endian
    assertThat(stored[0] & 0xff).isEqualTo(0x28);
    assertThat(stored[3] & 0xff).isEqualTo(0xfd);
    assertThat(mf.length()).isEqualTo(stored.length);
    assertThat(read(path)).isEqualTo(threeEntries());
  }

  @Test
  void addedEntriesWithoutSnapshotIdOrSequenceNumbersInheritThemFromTheManifestList() {
    String path = "mem://t/metadata/0d-m0.json";
    ManifestFile mf = ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2,
        threeEntries());
    String json = new String(io.newInputFile(path).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String stripped = json.replaceAll("\\{\"status\":\"added\",\"snapshot-id\":\\d+,\"sequence-number\":\\d+,"
        + "\"file-sequence-number\":\\d+,", "{\"status\":\"added\",");
    assertThat(stripped).isNotEqualTo(json);
    ManifestFile inheritFrom = new ManifestFile(path, mf.length(), mf.specId(), 99L, 5, 5, mf.addedFilesCount(),
        mf.existingFilesCount(), mf.deletedFilesCount(), mf.addedRowsCount(), mf.existingRowsCount(),
        mf.deletedRowsCount(), mf.partitions(), mf.columnStats());
    List<ManifestEntry> entries = new java.util.ArrayList<>();
    try (var it = ManifestJson.read(inheritFrom, new ByteArrayInputStream(stripped.getBytes(
        java.nio.charset.StandardCharsets.UTF_8)), PARTITION_TYPE, TYPES)) {
      it.forEachRemaining(entries::add);
    }
    assertThat(entries).filteredOn(e -> e.status() == Status.ADDED).isNotEmpty()
        .allSatisfy(e -> {
          assertThat(e.snapshotId()).isEqualTo(99L);
          assertThat(e.sequenceNumber()).isEqualTo(5);
          assertThat(e.fileSequenceNumber()).isEqualTo(5);
        });
    // Without a manifest list to inherit from, the fields are required.
    assertThatThrownBy(() -> ManifestJson.readAll(path, new ByteArrayInputStream(stripped.getBytes(
        java.nio.charset.StandardCharsets.UTF_8)), PARTITION_TYPE, TYPES))
        .isInstanceOf(CorruptFileException.class).hasMessageContaining("snapshot-id");
  }

  @Test
  void plainLengthIsTheFileSize() {
    String path = "mem://t/metadata/0b-m0.json";
    ManifestFile mf = ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2,
        threeEntries());
    assertThat(mf.length()).isEqualTo(io.newInputFile(path).length());
  }

  @Test
  void manifestFileCarriesCountsAndSummaries() {
    ManifestFile mf = ManifestJson.write(io.newOutputFile("mem://t/m.json"), SPEC, PARTITION_TYPE, SCHEMA,
        77L, 5, threeEntries());
    assertThat(mf.specId()).isEqualTo(4);
    assertThat(mf.addedSnapshotId()).isEqualTo(77L);
    assertThat(mf.sequenceNumber()).isEqualTo(5);
    assertThat(mf.minSequenceNumber()).isEqualTo(2); // live entries have 2 and 3; the deleted one 4
    assertThat(List.of(mf.addedFilesCount(), mf.existingFilesCount(), mf.deletedFilesCount()))
        .containsExactly(1, 1, 1);
    assertThat(List.of(mf.addedRowsCount(), mf.existingRowsCount(), mf.deletedRowsCount()))
        .containsExactly(1000L, 1001L, 1002L);

    // partition summaries cover all three entries (k = 0, 1, 2), in spec order
    List<FieldSummary> p = mf.partitions();
    assertThat(p).hasSize(15);
    assertThat(p.get(0)).isEqualTo(new FieldSummary(true, Optional.of(false), Optional.of(false), Optional.of(false)));
    assertThat(p.get(1)).isEqualTo(new FieldSummary(false, Optional.of(false), Optional.of(-5), Optional.of(9)));
    assertThat(p.get(3)).isEqualTo(new FieldSummary(false, Optional.of(false), Optional.of(-0.5f), Optional.of(2.0f)));
    assertThat(p.get(5)).isEqualTo(new FieldSummary(true, Optional.of(false),
        Optional.of(new BigDecimal("12.30")), Optional.of(new BigDecimal("14.30"))));
    assertThat(p.get(10).lowerBound()).contains("é-a\"\u2603");
    assertThat(p.get(10).upperBound()).contains("é-c\"\u2603");
    assertThat(p.get(11)).isEqualTo(new FieldSummary(true, Optional.of(false),
        Optional.of(new UUID(0x8c1e0b2a12344abcL, 0x9def00112233aabbL)),
        Optional.of(new UUID(0x8c1e0b2a12344abcL, 0x9def00112233aabdL))));
    assertThat(p.get(12)).isEqualTo(new FieldSummary(true, Optional.of(false),
        Optional.of(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 0})),
        Optional.of(ByteBuffer.wrap(new byte[] {2, (byte) 0xff, 0}))));

    // column stats cover the live entries only (k = 0 and 1): bounds value(0) .. value(2)
    Map<Integer, ColumnStats> c = mf.columnStats();
    assertThat(c).hasSize(15);
    assertThat(c.get(2)).isEqualTo(new ColumnStats(2, OptionalLong.empty(), OptionalLong.of(20),
        OptionalLong.of(1), OptionalLong.empty(), Optional.of(-5), Optional.of(9)));
    assertThat(c.get(4)).isEqualTo(new ColumnStats(4, OptionalLong.empty(), OptionalLong.of(20),
        OptionalLong.of(1), OptionalLong.of(2), Optional.of(-0.5f), Optional.of(2.0f)));
    assertThat(c.get(1).lowerBound()).contains(false);
    assertThat(c.get(1).upperBound()).contains(true);
    assertThat(c.get(14).lowerBound()).contains(ByteBuffer.wrap("ab0z".getBytes(StandardCharsets.UTF_8)));
    assertThat(c.get(14).upperBound()).contains(ByteBuffer.wrap("ab2z".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aggregatedStatsAreOmittedWhenAnyLiveFileLacksThem() {
    Schema schema = new Schema(0, List.of(NestedField.optional(1, "a", Types.LONG),
        NestedField.optional(2, "b", Types.STRING), NestedField.optional(3, "c", Types.DOUBLE)));
    DataFile full = plainFile("full", Map.of(
        1, new ColumnStats(1, OptionalLong.of(9), OptionalLong.of(10), OptionalLong.of(0), OptionalLong.empty(),
            Optional.of(5L), Optional.of(50L)),
        2, ColumnStats.bounds(2, "b", "y"),
        3, new ColumnStats(3, OptionalLong.empty(), OptionalLong.of(10), OptionalLong.of(1), OptionalLong.of(0),
            Optional.of(-1.0), Optional.of(1.0))));
    DataFile partial = plainFile("partial", Map.of(
        1, new ColumnStats(1, OptionalLong.empty(), OptionalLong.of(7), OptionalLong.empty(), OptionalLong.empty(),
            Optional.of(1L), Optional.empty()),
        3, new ColumnStats(3, OptionalLong.empty(), OptionalLong.of(4), OptionalLong.of(2), OptionalLong.of(3),
            Optional.of(-7.5), Optional.of(0.5))));
    DataFile removed = plainFile("removed", Map.of(2, ColumnStats.bounds(2, "a", "z"),
        1, ColumnStats.bounds(1, -100L, 100L)));
    ManifestFile mf = ManifestJson.write(io.newOutputFile("mem://t/agg.json"), PartitionSpec.unpartitioned(),
        Types.StructType.of(), schema, 1L, 1, List.of(
            new ManifestEntry(Status.ADDED, 1L, 1, 1, full),
            new ManifestEntry(Status.EXISTING, 1L, 1, 1, partial),
            new ManifestEntry(Status.DELETED, 1L, 1, 1, removed)));
    assertThat(mf.columnStats()).containsOnlyKeys(1, 3);
    assertThat(mf.columnStats().get(1)).isEqualTo(new ColumnStats(1, OptionalLong.empty(), OptionalLong.of(17),
        OptionalLong.empty(), OptionalLong.empty(), Optional.of(1L), Optional.empty()));
    assertThat(mf.columnStats().get(3)).isEqualTo(new ColumnStats(3, OptionalLong.empty(), OptionalLong.of(14),
        OptionalLong.of(3), OptionalLong.of(3), Optional.of(-7.5), Optional.of(1.0)));
    assertThat(mf.partitions()).isEmpty();
  }

  @Test
  void partitionSummaryNotesNaN() {
    Schema schema = new Schema(0, List.of(NestedField.optional(1, "f", Types.DOUBLE)));
    PartitionSpec spec = new PartitionSpec(0, List.of(new PartitionField(1, 1000, "f", Transforms.identity())));
    Types.StructType ptype = spec.partitionType(schema);
    List<ManifestEntry> entries = new ArrayList<>();
    for (Double v : Arrays.asList(2.5, Double.NaN, -1.0)) {
      entries.add(new ManifestEntry(Status.ADDED, 1L, 1, 1, new DataFile("mem://d/" + v, FileFormat.PARQUET, 0,
          PartitionData.of(v), 1, 1, Map.of(), List.of(), OptionalInt.empty())));
    }
    String path = "mem://t/nan.json";
    ManifestFile mf = ManifestJson.write(io.newOutputFile(path), spec, ptype, schema, 1L, 1, entries);
    assertThat(mf.partitions()).containsExactly(
        new FieldSummary(false, Optional.of(true), Optional.of(-1.0), Optional.of(2.5)));
    List<ManifestEntry> back = ManifestJson.readAll(path, io.newInputFile(path).newStream(), ptype,
        ManifestJson.typesOf(schema));
    assertThat((Double) back.get(1).file().partition().get(0)).isNaN();
  }

  @Test
  void streamingWriterAndReaderHandleManyEntries() {
    Schema schema = new Schema(0, List.of(NestedField.required(1, "id", Types.LONG),
        NestedField.optional(2, "day", Types.DATE)));
    PartitionSpec spec = new PartitionSpec(0, List.of(new PartitionField(2, 1000, "day", Transforms.identity())));
    Types.StructType ptype = spec.partitionType(schema);
    String path = "mem://t/big.json.gz";
    int n = 20_000;
    ManifestFile mf;
    try (ManifestWriter w = ManifestWriter.create(io.newOutputFile(path), spec, ptype, schema, 9L, 3)) {
      for (int i = 0; i < n; i++) {
        w.add(bigEntry(i));
      }
      mf = w.finish();
    }
    assertThat(mf.addedFilesCount()).isEqualTo(n);
    assertThat(mf.columnStats().get(1).lowerBound()).contains(0L);
    assertThat(mf.columnStats().get(1).upperBound()).contains(100L * n - 1);
    assertThat(mf.partitions().get(0).lowerBound()).contains(20000);
    assertThat(mf.partitions().get(0).upperBound()).contains(20099);
    int count = 0;
    try (CloseableIterator<ManifestEntry> it = ManifestJson.read(path, io.newInputFile(path).newStream(), ptype,
        ManifestJson.typesOf(schema))) {
      while (it.hasNext()) {
        if (it.next().equals(bigEntry(count))) {
          count++;
        }
      }
    }
    assertThat(count).as("entries read back equal").isEqualTo(n);
  }

  private static ManifestEntry bigEntry(int i) {
    return new ManifestEntry(Status.ADDED, 9L, 3, 3, new DataFile("s3://b/t/data/" + i + ".parquet",
        FileFormat.PARQUET, 0, PartitionData.of(20000 + i % 100), 100, 4096,
        Map.of(1, new ColumnStats(1, OptionalLong.of(800), OptionalLong.of(100), OptionalLong.of(0),
            OptionalLong.empty(), Optional.of(100L * i), Optional.of(100L * i + 99))),
        List.of(4L), OptionalInt.empty()));
  }

  private static DataFile plainFile(String name, Map<Integer, ColumnStats> stats) {
    return new DataFile("mem://d/" + name, FileFormat.PARQUET, 0, PartitionData.empty(), 10, 100, stats,
        List.of(), OptionalInt.empty());
  }

  // ---------------------------------------------------------------- golden and other shapes

  private static final Schema GOLDEN_SCHEMA = new Schema(0, List.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMPTZ),
      NestedField.optional(3, "name", Types.STRING),
      NestedField.optional(4, "price", Types.decimal(9, 2)),
      NestedField.optional(5, "token", Types.UUID),
      NestedField.optional(6, "payload", Types.BINARY),
      NestedField.optional(7, "score", Types.DOUBLE),
      NestedField.optional(8, "flag", Types.BOOLEAN)));
  private static final PartitionSpec GOLDEN_SPEC = new PartitionSpec(0, List.of(
      new PartitionField(2, 1000, "ts_day", Transforms.day()),
      new PartitionField(1, 1001, "id_bucket", Transforms.bucket(16)),
      new PartitionField(3, 1002, "name", Transforms.identity())));

  @Test
  void handWrittenGoldenManifestParsesToTheExpectedValue() {
    List<ManifestEntry> parsed = ManifestJson.readAll("mem://golden/m.json",
        new ByteArrayInputStream(TableMetadataJsonTest.resource("manifest-golden.json")),
        GOLDEN_SPEC.partitionType(GOLDEN_SCHEMA), ManifestJson.typesOf(GOLDEN_SCHEMA));
    ColumnStats none = null;
    assertThat(none).isNull();
    DataFile first = new DataFile(
        "file:/wh/db/t/data/ts_day=2026-01-01/id_bucket=3/name=x/00000-0-8c1e.parquet", FileFormat.PARQUET, 0,
        PartitionData.of(20454, 3, "x"), 1000, 48213, Map.of(
            1, new ColumnStats(1, OptionalLong.of(4100), OptionalLong.of(1000), OptionalLong.of(0),
                OptionalLong.empty(), Optional.of(0L), Optional.of(999L)),
            2, new ColumnStats(2, OptionalLong.empty(), OptionalLong.of(1000), OptionalLong.of(0),
                OptionalLong.empty(), Optional.of(1767225600000000L), Optional.of(1767311999999999L)),
            3, ColumnStats.bounds(3, "x", "x"),
            4, new ColumnStats(4, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(3),
                OptionalLong.empty(), Optional.of(new BigDecimal("-0.50")), Optional.of(new BigDecimal("1234567.89"))),
            5, ColumnStats.bounds(5, UUID.fromString("00000000-0000-4000-8000-000000000001"),
                UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff")),
            6, ColumnStats.bounds(6, ByteBuffer.wrap(new byte[] {0, 1}),
                ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff})),
            7, new ColumnStats(7, OptionalLong.empty(), OptionalLong.of(1000), OptionalLong.of(0),
                OptionalLong.of(2), Optional.of(-1.5), Optional.of(2.5e10)),
            8, ColumnStats.bounds(8, false, true)),
        List.of(4L), OptionalInt.of(0));
    DataFile second = new DataFile(
        "file:/wh/db/t/data/ts_day=null/id_bucket=0/name=null/00001-0-9d2f.parquet", FileFormat.PARQUET, 0,
        PartitionData.of(null, 0, null), 5, 1024, Map.of(), List.of(), OptionalInt.empty());
    assertThat(parsed).containsExactly(
        new ManifestEntry(Status.ADDED, 3051729675574597004L, 2, 2, first),
        new ManifestEntry(Status.DELETED, 3051729675574597003L, 1, 1, second));
  }

  @Test
  void headerAfterTheEntriesAndUnknownFieldsAreAccepted() {
    String json = """
        {"entries": [
           {"data-file": {"partition": [1.5], "file-size-in-bytes": 7, "record-count": 1,
                          "file-format": "parquet", "file-path": "mem://d/1",
                          "column-stats": [{"upper-bound": 3, "lower-bound": 1, "future": {"a": [1]},
                                            "field-id": 1}],
                          "extra": [1, {"b": null}]},
            "file-sequence-number": 4, "sequence-number": 4, "snapshot-id": 8, "status": "existing",
            "unknown": "x"}],
         "content": "data", "partition-spec-id": 6, "format-version": 1, "format": "floe-manifest",
         "written-by": "some future writer"}
        """;
    Schema schema = new Schema(0, List.of(NestedField.optional(1, "x", Types.LONG),
        NestedField.optional(2, "f", Types.FLOAT)));
    Types.StructType ptype = Types.StructType.of(NestedField.optional(1000, "f", Types.FLOAT));
    List<ManifestEntry> entries = ManifestJson.readAll("mem://m.json",
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ptype, ManifestJson.typesOf(schema));
    assertThat(entries).containsExactly(new ManifestEntry(Status.EXISTING, 8, 4, 4, new DataFile("mem://d/1",
        FileFormat.PARQUET, 6, PartitionData.of(1.5f), 1, 7, Map.of(1, ColumnStats.bounds(1, 1L, 3L)),
        List.of(), OptionalInt.empty())));
  }

  @Test
  void unknownColumnsKeepCountsAndDropBounds() {
    String path = "mem://t/u.json";
    ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2, threeEntries());
    List<ManifestEntry> back = ManifestJson.readAll(path, io.newInputFile(path).newStream(), PARTITION_TYPE,
        id -> id == 2 ? Types.INT : null);
    ColumnStats c3 = back.get(0).file().stats(3).orElseThrow();
    assertThat(c3.valueCount()).hasValue(10);
    assertThat(c3.lowerBound()).isEmpty();
    assertThat(back.get(0).file().stats(2).orElseThrow().lowerBound()).contains(-5);
  }

  @Test
  void statsOfColumnsTheSchemaNoLongerHasAreKept() {
    Schema old = new Schema(0, List.of(NestedField.optional(1, "a", Types.INT),
        NestedField.optional(2, "gone", Types.decimal(5, 1))));
    Schema current = new Schema(1, List.of(NestedField.optional(1, "a", Types.LONG)));
    DataFile f = plainFile("x", Map.of(1, ColumnStats.bounds(1, 3, 4),
        2, ColumnStats.bounds(2, new BigDecimal("1.5"), new BigDecimal("2.5"))));
    String path = "mem://t/evolved.json";
    // carried over into a manifest written with the current schema: Integer bounds of a now-long column
    ManifestJson.write(io.newOutputFile(path), PartitionSpec.unpartitioned(), Types.StructType.of(), current, 1L, 1,
        List.of(new ManifestEntry(Status.EXISTING, 1L, 1, 1, f)));
    List<ManifestEntry> underOld = ManifestJson.readAll(path, io.newInputFile(path).newStream(),
        Types.StructType.of(), ManifestJson.typesOf(old));
    assertThat(underOld.get(0).file()).isEqualTo(f);
    List<ManifestEntry> underCurrent = ManifestJson.readAll(path, io.newInputFile(path).newStream(),
        Types.StructType.of(), ManifestJson.typesOf(current));
    assertThat(underCurrent.get(0).file().stats(1).orElseThrow().lowerBound()).contains(3L);
  }

  @Test
  void writerRejectsEntriesThatDoNotFit() {
    ManifestWriter w = ManifestWriter.create(io.newOutputFile("mem://t/bad.json"), SPEC, PARTITION_TYPE, SCHEMA, 1L, 1);
    DataFile otherSpec = new DataFile("mem://d/x", FileFormat.PARQUET, 9, partition(0), 1, 1, Map.of(), List.of(),
        OptionalInt.empty());
    assertThatThrownBy(() -> w.add(new ManifestEntry(Status.ADDED, 1L, 1, 1, otherSpec)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("spec 9");
    DataFile wrongClass = file("w", 0, PartitionData.of(Arrays.copyOf(new Object[] {true, 5L}, 15)), Map.of());
    assertThatThrownBy(() -> w.add(new ManifestEntry(Status.ADDED, 1L, 1, 1, wrongClass)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("p2");
    assertThatThrownBy(w::finish).isInstanceOf(InvalidInputException.class).hasMessageContaining("earlier entry");
    w.close();
    // abandoned: what was written does not read as a manifest
    assertThatThrownBy(() -> read("mem://t/bad.json")).isInstanceOf(CorruptFileException.class);
  }

  @Test
  void emptyManifestRoundTrips() {
    String path = "mem://t/empty.json";
    ManifestFile mf = ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 1L, 7, List.of());
    assertThat(read(path)).isEmpty();
    assertThat(mf.minSequenceNumber()).isEqualTo(7);
    assertThat(mf.hasLiveFiles()).isFalse();
    assertThat(mf.partitions()).allMatch(s -> !s.containsNull() && s.lowerBound().isEmpty());
  }

  // ---------------------------------------------------------------- closing

  @Test
  void theIteratorClosesItsStream() {
    String path = "mem://t/c.json";
    ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2, threeEntries());
    TrackingStream exhausted = new TrackingStream(io.newInputFile(path).newStream());
    ManifestJson.readAll(path, exhausted, PARTITION_TYPE, TYPES);
    assertThat(exhausted.closed).isTrue();

    TrackingStream early = new TrackingStream(io.newInputFile(path).newStream());
    try (CloseableIterator<ManifestEntry> it = ManifestJson.read(path, early, PARTITION_TYPE, TYPES)) {
      it.next();
    }
    assertThat(early.closed).isTrue();

    byte[] bytes = io.newInputFile(path).readAllBytes();
    TrackingStream broken = new TrackingStream(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 30)));
    assertThatThrownBy(() -> ManifestJson.readAll(path, broken, PARTITION_TYPE, TYPES))
        .isInstanceOf(CorruptFileException.class);
    assertThat(broken.closed).isTrue();

    TrackingStream wrongKind = new TrackingStream(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> ManifestJson.read(path, wrongKind, PARTITION_TYPE, TYPES))
        .isInstanceOf(CorruptFileException.class);
    assertThat(wrongKind.closed).isTrue();
  }

  private static final class TrackingStream extends FilterInputStream {
    boolean closed;

    TrackingStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }

  // ---------------------------------------------------------------- corrupt input

  @Test
  void everyTruncationIsACorruptFile() {
    String path = "mem://t/trunc.json";
    Map<Integer, ColumnStats> someStats = new java.util.HashMap<>(stats(0));
    someStats.keySet().retainAll(List.of(6, 12, 13));
    ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2,
        List.of(new ManifestEntry(Status.ADDED, 1L, 1, 1, file("t", 0, partition(0, 2, 3, 4), someStats))));
    byte[] json = io.newInputFile(path).readAllBytes();
    int corrupt = 0;
    for (int n = 0; n < json.length; n++) {
      try {
        ManifestJson.readAll(path, new ByteArrayInputStream(Arrays.copyOf(json, n)), PARTITION_TYPE, TYPES);
      } catch (CorruptFileException e) {
        if (e.getMessage().startsWith(path + ": ")) {
          corrupt++;
        }
      }
    }
    assertThat(corrupt).isEqualTo(json.length);
  }

  @Test
  void truncatedGzipAndGzipGarbageAreCorrupt() throws IOException {
    String path = "mem://t/g.json.gz";
    ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2, threeEntries());
    byte[] gz = io.newInputFile(path).readAllBytes();
    for (int n : new int[] {0, 5, 10, gz.length / 2, gz.length - 4, gz.length - 1}) {
      assertThatThrownBy(() -> ManifestJson.readAll(path, new ByteArrayInputStream(Arrays.copyOf(gz, n)),
          PARTITION_TYPE, TYPES)).as("cut at %d", n)
          .isInstanceOf(CorruptFileException.class).hasMessageStartingWith(path + ": ");
    }
    byte[] plain = "{\"format\": \"floe-manifest\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ManifestJson.readAll(path, new ByteArrayInputStream(plain), PARTITION_TYPE, TYPES))
        .isInstanceOf(CorruptFileException.class).hasMessageStartingWith(path + ": ").hasMessageContaining("gzip");
    byte[] garbage = gz.clone();
    for (int i = 20; i < garbage.length - 8; i++) {
      garbage[i] = (byte) (garbage[i] ^ 0x5a);
    }
    assertThatThrownBy(() -> ManifestJson.readAll(path, new ByteArrayInputStream(garbage), PARTITION_TYPE, TYPES))
        .isInstanceOf(CorruptFileException.class).hasMessageStartingWith(path + ": ");
    ByteArrayOutputStream notJson = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(notJson)) {
      out.write(new byte[] {0, 1, 2, 3, (byte) 0xfe});
    }
    assertThatThrownBy(() -> ManifestJson.readAll(path, new ByteArrayInputStream(notJson.toByteArray()),
        PARTITION_TYPE, TYPES)).isInstanceOf(CorruptFileException.class).hasMessageStartingWith(path + ": ");
    assertThatThrownBy(() -> ManifestJson.readAll("mem://t/x.json.zst", new ByteArrayInputStream(new byte[4]),
        PARTITION_TYPE, TYPES)).isInstanceOf(CorruptFileException.class).hasMessageStartingWith("mem://t/x.json.zst: ");
  }

  @Test
  void wrongTypesAndMissingFieldsNameTheField() {
    String path = "mem://t/w.json";
    ManifestJson.write(io.newOutputFile(path), SPEC, PARTITION_TYPE, SCHEMA, 77L, 2, threeEntries());
    String good = new String(io.newInputFile(path).readAllBytes(), StandardCharsets.UTF_8);

    assertCorrupt(good.replace("\"record-count\":1001", "\"record-count\":\"1001\""),
        "/entries/1/data-file/record-count: expected a whole number, found a string");
    assertCorrupt(good.replace("\"record-count\":1001", "\"record-count\":-1"),
        "/entries/1/data-file/record-count: must not be negative");
    assertCorrupt(good.replaceFirst("\"status\":\"existing\"", "\"status\":\"gone\""),
        "/entries/1/status: unknown status 'gone'");
    assertCorrupt(good.replaceFirst("\"file-path\":\"[^\"]*\",", ""),
        "missing required field 'file-path' in /entries/0/data-file");
    assertCorrupt(good.replaceFirst("\"snapshot-id\":77,", ""), "missing required field 'snapshot-id' in /entries/0");
    assertCorrupt(good.replaceFirst("\"partition\":\\[false,", "\"partition\":[false,false,"),
        "/entries/0/data-file/partition");
    assertCorrupt(good.replaceFirst("\"partition\":\\[false,-5,", "\"partition\":[false,\"-5\","),
        "/entries/0/data-file/partition/1: expected a int value");
    assertCorrupt(good.replaceFirst("\"lower-bound\":\"12.30\"", "\"lower-bound\":12.30"),
        "/entries/0/data-file/column-stats/5/lower-bound: expected a decimal(9,2) value");
    assertCorrupt(good.replaceFirst("\"format\":\"floe-manifest\"", "\"format\":\"floe-manifest-list\""),
        "not a Floe manifest");
    assertCorrupt(good.replaceFirst("\"format\":\"floe-manifest\",", ""), "missing required field 'format'");
    assertCorrupt(good.replaceFirst("\"format-version\":1", "\"format-version\":2"),
        "unsupported manifest format-version 2");
    assertCorrupt(good.replaceFirst("\"file-format\":\"parquet\"", "\"file-format\":\"orc\""), "orc");
    assertCorrupt("", "empty");
    assertCorrupt(good + "x", "malformed JSON");
  }

  private void assertCorrupt(String json, String messagePart) {
    String path = "mem://t/corrupt.json";
    assertThatThrownBy(() -> ManifestJson.readAll(path, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        PARTITION_TYPE, TYPES))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageStartingWith(path + ": ")
        .hasMessageContaining(messagePart);
  }

  @Test
  void valuesInFixturesCoverEveryKind() {
    assertThat(CodecFixtures.TYPES).extracting(Type::kind).contains(Type.Kind.values()[0]);
    assertThat(value(Types.decimal(38, 10), 0)).isInstanceOf(BigDecimal.class);
  }
}
