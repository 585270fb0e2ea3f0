package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import dev.floe.spec.SpecValidator.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpecExamplesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path EXAMPLES = SpecValidator.specDir().resolve("examples");
  private static final Path METADATA = EXAMPLES.resolve("metadata");
  private static final String MANIFEST_LIST = "snap-7210385927461035320-c41d8e27-6b3a-4f19-9e5d-2a7c0b8f4e13.json";
  private static final String MANIFEST = "9f0c3a52-7d1e-4b8a-a1f3-2c6e5d4b7a90-m0.json";
  private static final String HISTORY = "history-6b2f0e4d-93a1-4c7e-8f25-d04b1a7c3e96.json";

  @Test
  void everyExampleFileIsValid() {
    Map<Path, List<String>> results = SpecValidator.validateTree(EXAMPLES);

    assertThat(results.keySet()).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("v1.metadata.json", "v4.metadata.json", "v8.metadata.json", MANIFEST_LIST,
            MANIFEST, HISTORY);
    assertThat(SpecValidator.assertTreeValid(EXAMPLES)).isEqualTo(6);
  }

  @Test
  void compressedCopiesAreFoundAndValidated(@TempDir Path dir) throws IOException {
    byte[] manifest = Files.readAllBytes(METADATA.resolve(MANIFEST));
    Files.write(dir.resolve(MANIFEST + ".gz"), compress(manifest, GZIPOutputStream::new));
    Files.write(dir.resolve(MANIFEST_LIST + ".zst"), compress(
        Files.readAllBytes(METADATA.resolve(MANIFEST_LIST)), ZstdOutputStream::new));
    Files.writeString(dir.resolve("version-hint.text"), "4");
    Files.write(dir.resolve("0d3c7a61-2f4e-4b9d-8c5a-91e7f2b4d6a8.parquet"), new byte[] {'P', 'A', 'R', '1'});

    assertThat(SpecValidator.assertTreeValid(dir)).isEqualTo(2);
  }

  @Test
  void treeValidationNamesTheBadFileAndUnrecognisedJsonNames(@TempDir Path dir) throws IOException {
    Files.copy(METADATA.resolve("v4.metadata.json"), dir.resolve("v4.metadata.json"));
    Files.writeString(dir.resolve("v5.metadata.json"), "{\"format-version\": 2}");
    Files.writeString(dir.resolve("manifest-list.json"), "{}");

    Map<Path, List<String>> results = SpecValidator.validateTree(dir);

    assertThat(results.get(dir.resolve("v4.metadata.json"))).isEmpty();
    assertThat(results.get(dir.resolve("v5.metadata.json"))).anyMatch(e -> e.contains("table-uuid"));
    assertThat(results.get(dir.resolve("manifest-list.json"))).singleElement()
        .asString().contains("cannot tell the kind");
    assertThatThrownBy(() -> SpecValidator.assertTreeValid(dir))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("v5.metadata.json")
        .hasMessageContaining("manifest-list.json");
  }

  /** The examples tell one story; the numbers in one file must agree with the others. */
  @Test
  void examplesAgreeWithEachOther() throws IOException {
    JsonNode metadata = MAPPER.readTree(METADATA.resolve("v4.metadata.json").toFile());
    JsonNode list = MAPPER.readTree(METADATA.resolve(MANIFEST_LIST).toFile());
    JsonNode manifest = MAPPER.readTree(METADATA.resolve(MANIFEST).toFile());

    JsonNode current = metadata.get("snapshots").get(1);
    assertThat(current.get("snapshot-id")).isEqualTo(metadata.get("current-snapshot-id"));
    assertThat(current.get("manifest-list").asText()).endsWith("/metadata/" + MANIFEST_LIST);
    assertThat(list.get("snapshot-id")).isEqualTo(current.get("snapshot-id"));
    assertThat(list.get("parent-snapshot-id")).isEqualTo(current.get("parent-snapshot-id"));
    assertThat(list.get("sequence-number")).isEqualTo(current.get("sequence-number"));

    JsonNode entry = list.get("manifests").get(0);
    assertThat(entry.get("manifest-path").asText()).endsWith("/metadata/" + MANIFEST);
    assertThat(entry.get("manifest-length").asLong()).isEqualTo(Files.size(METADATA.resolve(MANIFEST)));
    assertThat(entry.get("partition-spec-id")).isEqualTo(manifest.get("partition-spec-id"));
    for (String status : List.of("added", "existing", "deleted")) {
      List<JsonNode> files = entriesWithStatus(manifest, status);
      assertThat(entry.get(status + "-files-count").asInt()).as(status + " files").isEqualTo(files.size());
      assertThat(entry.get(status + "-rows-count").asLong()).as(status + " rows")
          .isEqualTo(files.stream().mapToLong(f -> f.get("record-count").asLong()).sum());
    }
    long liveRows = 0;
    for (JsonNode m : list.get("manifests")) {
      liveRows += m.get("added-rows-count").asLong() + m.get("existing-rows-count").asLong();
    }
    assertThat(Long.parseLong(current.get("summary").get("total-records").asText())).isEqualTo(liveRows);
  }

  /**
   * v8 archived the three oldest snapshots: together, the history file and v8's inline part are
   * the table's whole history, in order, and the archived snapshots are v4's (and v6's) unchanged.
   */
  @Test
  void historyExampleContinuesTheStoryOfTheTableMetadata() throws IOException {
    JsonNode v4 = MAPPER.readTree(METADATA.resolve("v4.metadata.json").toFile());
    JsonNode v8 = MAPPER.readTree(METADATA.resolve("v8.metadata.json").toFile());
    JsonNode history = MAPPER.readTree(METADATA.resolve(HISTORY).toFile());

    assertThat(v8.get("properties").get("floe.history.location").asText()).endsWith("/metadata/" + HISTORY);
    assertThat(history.has("previous")).as("the first history file of the chain").isFalse();
    assertThat(history.get("snapshots").get(0)).isEqualTo(v4.get("snapshots").get(0));
    assertThat(history.get("snapshots").get(1)).isEqualTo(v4.get("snapshots").get(1));
    assertThat(history.get("snapshot-log").get(0)).isEqualTo(v4.get("snapshot-log").get(0));
    assertThat(history.get("snapshot-log").get(1)).isEqualTo(v4.get("snapshot-log").get(1));

    List<JsonNode> all = new ArrayList<>();
    history.get("snapshots").forEach(all::add);
    v8.get("snapshots").forEach(all::add);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).get("sequence-number").asInt()).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(all.get(i).get("parent-snapshot-id")).isEqualTo(all.get(i - 1).get("snapshot-id"));
      }
    }
    assertThat(v8.get("last-sequence-number").asInt()).isEqualTo(all.size());
    List<Long> log = new ArrayList<>();
    history.get("snapshot-log").forEach(e -> log.add(e.get("snapshot-id").asLong()));
    v8.get("snapshot-log").forEach(e -> log.add(e.get("snapshot-id").asLong()));
    assertThat(log).containsExactlyElementsOf(all.stream().map(s -> s.get("snapshot-id").asLong()).toList());

    long highest = 0;
    for (JsonNode s : history.get("snapshots")) {
      if (s.get("summary").has("floe.writer-sequence")) {
        highest = Math.max(highest, Long.parseLong(s.get("summary").get("floe.writer-sequence").asText()));
      }
    }
    assertThat(history.get("writer-sequences").get("orders-ingest").asLong()).isEqualTo(highest);
  }

  /** The document's history example is the next file of the same chain, written by v11. */
  @Test
  void documentHistoryExampleIsTheNextFileOfTheChain() throws IOException {
    JsonNode v8 = MAPPER.readTree(METADATA.resolve("v8.metadata.json").toFile());
    List<JsonNode> examples = new ArrayList<>();
    for (SpecDocumentTest.JsonBlock block : SpecDocumentTest.jsonBlocks()) {
      if (block.marker().filter(m -> m.contains("example history")).isPresent()) {
        examples.add(MAPPER.readTree(block.json()));
      }
    }
    assertThat(examples).hasSize(1);
    JsonNode second = examples.get(0);

    assertThat(second.get("previous").asText()).endsWith("/metadata/" + HISTORY);
    assertThat(second.get("snapshots").get(0)).isEqualTo(v8.get("snapshots").get(0));
    assertThat(second.get("snapshots").get(1)).isEqualTo(v8.get("snapshots").get(1));
    assertThat(second.get("snapshot-log").get(0)).isEqualTo(v8.get("snapshot-log").get(0));
    assertThat(second.get("snapshot-log").get(1)).isEqualTo(v8.get("snapshot-log").get(1));
    assertThat(second.get("snapshots").get(2).get("parent-snapshot-id"))
        .isEqualTo(v8.get("current-snapshot-id"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void schemasAreValidJsonSchema2020(Kind kind) throws IOException {
    Path schemaFile = SpecValidator.specDir().resolve("schemas").resolve(kind.schemaFile());
    JsonSchema metaSchema = SpecValidator.Schemas.factory()
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(metaSchema.validate(MAPPER.readTree(schemaFile.toFile()))).isEmpty();
    assertThat(metaSchema.validate(MAPPER.readTree(
        SpecValidator.specDir().resolve("schemas/common.schema.json").toFile()))).isEmpty();
  }

  private static List<JsonNode> entriesWithStatus(JsonNode manifest, String status) {
    return Stream.of(MAPPER.convertValue(manifest.get("entries"), JsonNode[].class))
        .filter(e -> e.get("status").asText().equals(status))
        .map(e -> e.get("data-file"))
        .toList();
  }

  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static byte[] compress(byte[] data, Compressor compressor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.wrap(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
