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

  @Test
  void everyExampleFileIsValid() {
    Map<Path, List<String>> results = SpecValidator.validateTree(EXAMPLES);

    assertThat(results.keySet()).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("v1.metadata.json", "v4.metadata.json", MANIFEST_LIST, MANIFEST);
    assertThat(SpecValidator.assertTreeValid(EXAMPLES)).isEqualTo(4);
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
