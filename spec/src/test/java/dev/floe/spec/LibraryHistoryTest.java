package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose history outgrew its inline limit (spec sections 7.9 and 13.6): the history files
 * and merged manifests the library writes follow the spec, the chain holds every archived
 * snapshot exactly once, and Apache Iceberg still parses metadata whose oldest inline snapshot has
 * its parent in a history file.
 */
class LibraryHistoryTest {
  private static final int APPENDS = 15;
  private static final String WRITER = "ingest";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern VERSION = Pattern.compile("v([0-9]+)\\.metadata\\.json");
  private static final Pattern MANIFEST_LIST = Pattern.compile("snap-([0-9]+)-[0-9a-f-]{36}\\.json");

  @TempDir static Path dir;
  private static Path metadataDir;

  @BeforeAll
  static void writeALongHistory() throws Exception {
    Schema schema = Schema.of(NestedField.required(1, "id", Types.LONG), NestedField.optional(2, "name", Types.STRING));
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.events"), schema, PartitionSpec.unpartitioned(),
          Map.of("floe.history.max-inline-snapshots", "4", "commit.manifest.merge-factor", "4"));
      for (int i = 0; i < APPENDS; i++) {
        var append = table.newAppend().appendRecords(List.of(
            Record.of(schema.asStruct(), (long) i, "row-" + i), Record.of(schema.asStruct(), 100L + i, null)));
        if (i % 2 == 0) {
          append.idempotencyKey(WRITER, 10L * i);
        }
        append.commit();
      }
    }
    metadataDir = dir.resolve("db/events/metadata");
  }

  @Test
  void everyMetadataFileIncludingTheHistoryFilesValidates() {
    List<Path> json = files(p -> p.getFileName().toString().endsWith(".json"));
    List<Path> history = files(p -> p.getFileName().toString().startsWith("history-"));

    assertThat(history).hasSizeGreaterThanOrEqualTo(2);
    assertThat(SpecValidator.assertTreeValid(metadataDir)).isEqualTo(json.size());
  }

  @Test
  void inlineSnapshotsAndTheChainHoldEveryCommittedSnapshotOnceInOneLineage() {
    JsonNode newest = newestMetadata();
    List<JsonNode> chain = chainOldestFirst(newest);
    List<JsonNode> all = new ArrayList<>();
    List<JsonNode> log = new ArrayList<>();
    for (JsonNode file : chain) {
      file.get("snapshots").forEach(all::add);
      file.get("snapshot-log").forEach(log::add);
    }
    newest.get("snapshots").forEach(all::add);
    newest.get("snapshot-log").forEach(log::add);

    // one manifest list per committed snapshot (no commit was retried), named after its id
    Set<Long> committed = new HashSet<>();
    for (Path list : files(p -> MANIFEST_LIST.matcher(p.getFileName().toString()).matches())) {
      Matcher m = MANIFEST_LIST.matcher(list.getFileName().toString());
      assertThat(m.matches()).isTrue();
      committed.add(Long.parseLong(m.group(1)));
    }
    assertThat(committed).hasSize(APPENDS);
    assertThat(all).extracting(s -> s.get("snapshot-id").asLong()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(committed);
    for (int i = 0; i < all.size(); i++) {
      JsonNode s = all.get(i);
      assertThat(s.get("sequence-number").asLong()).isEqualTo(i + 1);
      if (i == 0) {
        assertThat(s.has("parent-snapshot-id")).isFalse();
      } else {
        assertThat(s.get("parent-snapshot-id")).isEqualTo(all.get(i - 1).get("snapshot-id"));
      }
    }
    assertThat(log).extracting(e -> e.get("snapshot-id").asLong())
        .containsExactlyElementsOf(all.stream().map(s -> s.get("snapshot-id").asLong()).toList());
    assertThat(log).extracting(e -> e.get("timestamp-ms").asLong()).isSorted();
  }

  @Test
  void writerSequencesAreCumulativeOverTheChain() {
    List<JsonNode> chain = chainOldestFirst(newestMetadata());
    Map<String, Long> highest = new HashMap<>();
    for (JsonNode file : chain) {
      for (JsonNode s : file.get("snapshots")) {
        JsonNode summary = s.get("summary");
        if (summary.has("floe.writer-id")) {
          highest.merge(summary.get("floe.writer-id").asText(),
              Long.parseLong(summary.get("floe.writer-sequence").asText()), Math::max);
        }
      }
      Map<String, Long> written = MAPPER.convertValue(file.get("writer-sequences"),
          MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Long.class));
      assertThat(written).as("writer-sequences of a history file").isEqualTo(highest);
    }
    assertThat(highest).containsOnlyKeys(WRITER);
  }

  @Test
  void icebergParsesMetadataWhoseOldestInlineSnapshotHasItsParentInAHistoryFile() throws IOException {
    Path newestFile = newestMetadataFile();
    JsonNode newest = MAPPER.readTree(newestFile.toFile());
    Set<Long> inline = new HashSet<>();
    newest.get("snapshots").forEach(s -> inline.add(s.get("snapshot-id").asLong()));
    Set<Long> archived = new HashSet<>();
    chainOldestFirst(newest).forEach(f -> f.get("snapshots").forEach(s -> archived.add(s.get("snapshot-id").asLong())));
    long parentOfOldest = newest.get("snapshots").get(0).get("parent-snapshot-id").asLong();
    assertThat(inline).doesNotContain(parentOfOldest);
    assertThat(archived).contains(parentOfOldest);

    TableMetadata parsed = TableMetadataParser.fromJson(Files.readString(newestFile, StandardCharsets.UTF_8));

    assertThat(parsed.snapshots()).hasSize(inline.size());
    assertThat(parsed.currentSnapshot().snapshotId()).isEqualTo(newest.get("current-snapshot-id").asLong());
    assertThat(parsed.snapshots().get(0).parentId()).isEqualTo(parentOfOldest);
    assertThat(parsed.snapshot(parentOfOldest)).isNull();
    assertThat(parsed.lastSequenceNumber()).isEqualTo(APPENDS);
    assertThat(parsed.properties()).containsKey("floe.history.location");
  }

  @Test
  void icebergParsesEveryMetadataVersion() throws IOException {
    List<Path> versions = files(p -> VERSION.matcher(p.getFileName().toString()).matches());
    assertThat(versions).hasSize(APPENDS + 1);
    for (Path version : versions) {
      TableMetadata parsed = TableMetadataParser.fromJson(Files.readString(version, StandardCharsets.UTF_8));
      assertThat(parsed.properties()).as(version.getFileName().toString()).containsEntry("floe.format-version", "1");
    }
  }

  @Test
  void mergedManifestsKeepTheSnapshotIdAndSequenceNumbersOfTheAppendThatAddedEachFile() throws IOException {
    JsonNode newest = newestMetadata();
    Map<Long, Long> sequenceOf = new HashMap<>();
    List<JsonNode> snapshots = new ArrayList<>();
    chainOldestFirst(newest).forEach(f -> f.get("snapshots").forEach(snapshots::add));
    newest.get("snapshots").forEach(snapshots::add);
    snapshots.forEach(s -> sequenceOf.put(s.get("snapshot-id").asLong(), s.get("sequence-number").asLong()));

    JsonNode current = newest.get("snapshots").get(newest.get("snapshots").size() - 1);
    JsonNode list = read(Path.of(current.get("manifest-list").asText()));
    assertThat(list.get("manifests").size()).isLessThan(APPENDS);

    List<Long> liveSnapshotIds = new ArrayList<>();
    int existing = 0;
    for (JsonNode manifestFile : list.get("manifests")) {
      JsonNode manifest = read(Path.of(manifestFile.get("manifest-path").asText()));
      for (JsonNode entry : manifest.get("entries")) {
        String status = entry.get("status").asText();
        assertThat(status).isIn("added", "existing");
        long snapshotId = entry.has("snapshot-id") ? entry.get("snapshot-id").asLong()
            : manifestFile.get("added-snapshot-id").asLong();
        long sequence = entry.has("sequence-number") ? entry.get("sequence-number").asLong()
            : manifestFile.get("sequence-number").asLong();
        assertThat(sequence).as("data sequence number of a file added by " + snapshotId)
            .isEqualTo(sequenceOf.get(snapshotId));
        if (status.equals("existing")) {
          existing++;
          assertThat(entry.get("file-sequence-number").asLong()).isEqualTo(sequenceOf.get(snapshotId));
        }
        liveSnapshotIds.add(snapshotId);
      }
    }
    assertThat(existing).as("entries carried into merged manifests").isPositive();
    // each append wrote one data file, and merges neither lose nor duplicate entries
    assertThat(liveSnapshotIds).containsExactlyInAnyOrderElementsOf(sequenceOf.keySet());
  }

  private static List<JsonNode> chainOldestFirst(JsonNode metadata) {
    List<JsonNode> chain = new ArrayList<>();
    Optional<String> next = Optional.ofNullable(metadata.get("properties").get("floe.history.location"))
        .map(JsonNode::asText);
    while (next.isPresent()) {
      Path file = Path.of(next.get());
      assertThat(file.getParent()).isEqualTo(metadataDir);
      JsonNode history = read(file);
      chain.add(0, history);
      next = Optional.ofNullable(history.get("previous")).map(JsonNode::asText);
      assertThat(chain).hasSizeLessThanOrEqualTo(APPENDS);
    }
    return chain;
  }

  private static JsonNode newestMetadata() {
    return read(newestMetadataFile());
  }

  private static Path newestMetadataFile() {
    return files(p -> VERSION.matcher(p.getFileName().toString()).matches()).stream()
        .max(Comparator.comparingInt(LibraryHistoryTest::version))
        .orElseThrow();
  }

  private static int version(Path file) {
    Matcher m = VERSION.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(file.toString());
    }
    return Integer.parseInt(m.group(1));
  }

  private static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(SpecValidator.readDecompressed(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Predicate<Path> filter) {
    try (Stream<Path> files = Files.list(metadataDir)) {
      return files.filter(filter).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
