package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apache Iceberg's own metadata parser must accept every table-metadata file Floe writes
 * (DESIGN.md, compatibility stance): checked here for every table-metadata example of the spec.
 */
class IcebergCompatibilityTest {
  private static final Path METADATA = SpecValidator.specDir().resolve("examples/metadata");

  static Stream<Arguments> tableMetadataDocuments() {
    List<Arguments> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(METADATA)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".metadata.json")).toList()) {
        docs.add(Arguments.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (SpecDocumentTest.JsonBlock block : SpecDocumentTest.jsonBlocks()) {
      if (block.marker().filter(m -> m.contains("example table-metadata")).isPresent()) {
        docs.add(Arguments.of(block.toString(), block.json()));
      }
    }
    return docs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableMetadataDocuments")
  void icebergParsesIt(String name, String json) {
    TableMetadata parsed = TableMetadataParser.fromJson(json);

    assertThat(parsed.formatVersion()).isEqualTo(2);
    assertThat(parsed.properties()).containsEntry("floe.format-version", "1");
  }

  @Test
  void icebergReadsTheTwoSnapshotExampleAsWritten() throws IOException {
    TableMetadata parsed = TableMetadataParser.fromJson(
        Files.readString(METADATA.resolve("v4.metadata.json"), StandardCharsets.UTF_8));

    assertThat(parsed.uuid()).isEqualTo("8a6f2d1c-3b4e-4f5a-9c7d-1e2f3a4b5c6d");
    assertThat(parsed.lastSequenceNumber()).isEqualTo(2);
    assertThat(parsed.currentSnapshot().snapshotId()).isEqualTo(7210385927461035320L);
    assertThat(parsed.currentSnapshot().parentId()).isEqualTo(4183920574610292615L);
    assertThat(parsed.currentSnapshot().manifestListLocation())
        .endsWith("/metadata/snap-7210385927461035320-c41d8e27-6b3a-4f19-9e5d-2a7c0b8f4e13.json");
    assertThat(parsed.snapshots()).hasSize(2);
    assertThat(parsed.schema().findField("attrs").type().asMapType().valueId()).isEqualTo(12);
    assertThat(parsed.schema().findType("amount")).isEqualTo(Types.DecimalType.of(12, 2));
    assertThat(parsed.schemas()).hasSize(2);
    assertThat(parsed.spec().fields()).extracting(f -> f.transform().toString())
        .containsExactly("day", "identity", "bucket[8]");
    assertThat(parsed.sortOrder().orderId()).isEqualTo(1);
    assertThat(parsed.ref("eod-2026-01-01")).isEqualTo(
        SnapshotRef.tagBuilder(4183920574610292615L).maxRefAgeMs(7776000000L).build());
    assertThat(parsed.previousFiles()).hasSize(3);
    assertThat(parsed.snapshotLog()).hasSize(2);
  }

  /** Archived history (spec section 7.9) is invisible to Iceberg, and a parent it cannot find is fine. */
  @Test
  void icebergReadsMetadataWhoseOldestSnapshotsAreArchived() throws IOException {
    TableMetadata parsed = TableMetadataParser.fromJson(
        Files.readString(METADATA.resolve("v8.metadata.json"), StandardCharsets.UTF_8));

    assertThat(parsed.snapshots()).extracting(Snapshot::snapshotId)
        .containsExactly(2960457183306715482L, 8836610294475102267L);
    assertThat(parsed.snapshots().get(0).parentId()).isEqualTo(5528104937612284913L);
    assertThat(parsed.snapshot(5528104937612284913L)).isNull();
    assertThat(parsed.snapshotLog()).hasSize(2);
    assertThat(parsed.lastSequenceNumber()).isEqualTo(5);
    assertThat(parsed.properties()).containsKey("floe.history.location");
  }

  @Test
  void icebergReadsAnEmptyTableAsHavingNoCurrentSnapshot() throws IOException {
    TableMetadata parsed = TableMetadataParser.fromJson(
        Files.readString(METADATA.resolve("v1.metadata.json"), StandardCharsets.UTF_8));

    assertThat(parsed.currentSnapshot()).isNull();
    assertThat(parsed.snapshots()).isEmpty();
  }
}
