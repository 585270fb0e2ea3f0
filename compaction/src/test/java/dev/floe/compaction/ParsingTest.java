package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsingTest {
  @Test
  void sizesInBytesOrBinaryUnits() {
    assertThat(ByteSize.parse("s", "134217728")).isEqualTo(128L << 20);
    assertThat(ByteSize.parse("s", "128MB")).isEqualTo(128L << 20);
    assertThat(ByteSize.parse("s", "128 MiB")).isEqualTo(128L << 20);
    assertThat(ByteSize.parse("s", "1g")).isEqualTo(1L << 30);
    assertThat(ByteSize.parse("s", "1.5K")).isEqualTo(1536);
    assertThat(ByteSize.parse("s", "64 kb")).isEqualTo(65536);
    for (String bad : List.of("", "MB", "12 apples", "-5MB", "0", "1i", "12 bytes")) {
      assertThatThrownBy(() -> ByteSize.parse("target-file-size", bad)).as(bad)
          .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("target-file-size:");
    }
  }

  @Test
  void strategiesByName() {
    assertThat(Strategy.parse(null, null, null)).isEqualTo(Strategy.binPack());
    assertThat(Strategy.parse("BinPack", null, null)).isEqualTo(Strategy.binPack());
    assertThat(Strategy.parse("sort", null, null)).isEqualTo(Strategy.sort());
    assertThat(Strategy.parse("sort", "id desc", null)).isEqualTo(new Strategy.Sort(java.util.Optional.of("id desc")));
    assertThat(Strategy.parse("zorder", null, "a, b,c")).isEqualTo(new Strategy.ZOrder(List.of("a", "b", "c")));
    assertThatThrownBy(() -> Strategy.parse("shuffle", null, null)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown strategy 'shuffle'").hasMessageContaining("binpack, sort or zorder");
    assertThatThrownBy(() -> Strategy.parse("zorder", null, "a")).hasMessageContaining("2 to 4 columns");
    assertThatThrownBy(() -> Strategy.parse("zorder", null, "a,b,c,d,e")).hasMessageContaining("2 to 4 columns");
    assertThatThrownBy(() -> Strategy.parse("zorder", null, "a,A")).hasMessageContaining("named twice");
    assertThatThrownBy(() -> Strategy.parse("zorder", null, null)).hasMessageContaining("--zorder-by");
    assertThatThrownBy(() -> Strategy.parse("binpack", "id", null)).hasMessageContaining("sort-by");
    assertThatThrownBy(() -> Strategy.parse("sort", null, "a,b")).hasMessageContaining("zorder-by");
  }

  @Test
  void optionsFollowTheTargetUnlessSetAndRefuseNonsense() {
    CompactionOptions o = CompactionOptions.resolve(dev.floe.metadata.TableMetadata.newTable("u", "/t",
        WideRows.SCHEMA, dev.floe.partition.PartitionSpec.unpartitioned(), java.util.Map.of(), 0),
        java.util.Map.of(CompactionOptions.TARGET_FILE_SIZE, "100MB"));
    assertThat(o.targetFileSizeBytes()).isEqualTo(100L << 20);
    assertThat(o.minFileSizeBytes()).isEqualTo(75L << 20);
    assertThat(o.maxFileSizeBytes()).isEqualTo(180L << 20);
    assertThat(o.minInputFiles()).isEqualTo(5);
    assertThatThrownBy(() -> new CompactionOptions(100, 200, 180, 5, 1, 1, 1, 1))
        .hasMessageContaining(CompactionOptions.MIN_FILE_SIZE);
    assertThatThrownBy(() -> new CompactionOptions(100, 75, 50, 5, 1, 1, 1, 1))
        .hasMessageContaining(CompactionOptions.MAX_FILE_SIZE);
    assertThatThrownBy(() -> new CompactionOptions(100, 75, 180, 0, 1, 1, 1, 1))
        .hasMessageContaining(CompactionOptions.MIN_INPUT_FILES);
  }
}
