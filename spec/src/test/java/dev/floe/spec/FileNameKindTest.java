package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.spec.SpecValidator.Kind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameKindTest {

  @ParameterizedTest
  @CsvSource({
      "v1.metadata.json, TABLE_METADATA",
      "v10234.metadata.json, TABLE_METADATA",
      "00003-5d3c9e1a-8f4b-4c2d-9a7e-6b1f0c3d2e4a.metadata.json, TABLE_METADATA",
      "snap-7210385927461035320-c41d8e27-6b3a-4f19-9e5d-2a7c0b8f4e13.json, MANIFEST_LIST",
      "snap-7210385927461035320-c41d8e27-6b3a-4f19-9e5d-2a7c0b8f4e13.json.gz, MANIFEST_LIST",
      "snap-7210385927461035320-c41d8e27-6b3a-4f19-9e5d-2a7c0b8f4e13.json.zst, MANIFEST_LIST",
      "9f0c3a52-7d1e-4b8a-a1f3-2c6e5d4b7a90-m0.json, MANIFEST",
      "9f0c3a52-7d1e-4b8a-a1f3-2c6e5d4b7a90-m17.json.gz, MANIFEST",
      "9f0c3a52-7d1e-4b8a-a1f3-2c6e5d4b7a90-m3.json.zst, MANIFEST",
      "history-6b2f0e4d-93a1-4c7e-8f25-d04b1a7c3e96.json, HISTORY",
  })
  void namesFromTheLayoutMapToTheirKind(String name, Kind kind) {
    assertThat(Kind.ofFileName(name)).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "version-hint.text",
      "0d3c7a61-2f4e-4b9d-8c5a-91e7f2b4d6a8.parquet",
      "v0.metadata.json",
      "v01.metadata.json",
      "v3.metadata.json.gz",
      "v3.metadata.json.tmp",
      "snap-123.json",
      "manifest.json",
      "history-6b2f0e4d-93a1-4c7e-8f25-d04b1a7c3e96.json.gz",
      "history.json",
  })
  void otherNamesHaveNoKind(String name) {
    assertThat(Kind.ofFileName(name)).isEqualTo(Optional.empty());
  }
}
