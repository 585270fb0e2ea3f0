package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.io.FileIO;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.SortOrder.Direction;
import dev.floe.metadata.SortOrder.NullOrder;
import dev.floe.partition.Transforms;
import dev.floe.storage.local.LocalFileIO;
import dev.floe.util.CloseableIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {
  @TempDir Path dir;

  private final FileIO io = new LocalFileIO();

  /** Sort by category (nulls first), and nothing else: ties must keep input order. */
  private final RowOrderKey byCategory = new RowOrderKey(WideRows.SCHEMA, new SortOrder(1, List.of(
      new SortOrder.SortField(3, Transforms.identity(), Direction.ASC, NullOrder.NULLS_FIRST))));

  private List<Record> sort(List<Record> input, long memory, int[] runs) {
    List<Record> out = new ArrayList<>();
    try (ExternalSorter<Object[]> sorter = new ExternalSorter<>(byCategory, memory,
        new SpillStore(io, dir.toString(), WideRows.SCHEMA))) {
      input.forEach(sorter::add);
      try (CloseableIterator<Record> it = sorter.sorted()) {
        it.forEachRemaining(out::add);
      }
      runs[0] = sorter.spilledRuns();
    }
    return out;
  }

  private static List<Record> expected(List<Record> input) {
    List<Record> sorted = new ArrayList<>(input);
    // a stable sort by the same key: equal categories stay in id order
    sorted.sort(Comparator.comparing((Record r) -> (String) r.get(2),
        Comparator.nullsFirst(dev.floe.types.Comparators::compareCodePoints)));
    return sorted;
  }

  @Test
  void inMemoryWhenTheRowsFitAndNothingTouchesStorage() throws Exception {
    List<Record> input = WideRows.rows(0, 3_000);
    int[] runs = {0};
    assertThat(sort(input, 1L << 30, runs)).containsExactlyElementsOf(expected(input));
    assertThat(runs[0]).isZero();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void spillsSortedRunsAndMergesThemStablyInBoundedMemory() throws Exception {
    List<Record> input = WideRows.rows(0, 5_000);
    int[] runs = {0};
    List<Record> out = sort(input, 100_000, runs);
    assertThat(runs[0]).as("runs spilled").isGreaterThan(5);
    assertThat(out).containsExactlyElementsOf(expected(input));
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(Files::isRegularFile)).as("runs deleted on close").isEmpty();
    }
  }
}
