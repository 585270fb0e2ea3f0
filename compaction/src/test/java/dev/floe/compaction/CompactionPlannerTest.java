package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.expressions.ExpressionParser;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.partition.PartitionData;
import dev.floe.table.AppendFiles;
import dev.floe.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Planning works from manifests alone, so these tables register data files by their entries
 * (sizes and stats as given) and never write one.
 */
class CompactionPlannerTest extends OnDiskTest {
  static final long MB = 1L << 20;

  int fileNumber;

  @BeforeEach
  void setUp() {
    table = Tables.create(catalog, "category", Map.of("write.target-file-size-bytes", Long.toString(8 * MB)));
  }

  private DataFile file(String category, long bytes, long idLow, long idHigh, OptionalInt sortOrderId) {
    return new DataFile(table.location() + "/data/category=" + category + "/f" + (fileNumber++) + ".parquet",
        FileFormat.PARQUET, table.spec().specId(), PartitionData.of(category), 1000, bytes,
        Map.of(1, ColumnStats.bounds(1, idLow, idHigh)), List.of(), sortOrderId);
  }

  private void register(String category, int count, long bytes) {
    AppendFiles append = table.newAppend();
    for (int i = 0; i < count; i++) {
      append.appendFile(file(category, bytes, i * 1000L, i * 1000L + 999, OptionalInt.empty()));
    }
    append.commit();
  }

  private CompactionPlan plan(Strategy strategy, Map<String, String> options) {
    RewriteDataFiles action = Compaction.rewriteDataFiles(table).strategy(strategy);
    options.forEach(action::option);
    return action.plan();
  }

  @Test
  void binPackTakesSmallAndTooLargeFilesPerPartition() {
    register("alpha", 10, MB);          // small: below 75% of 8 MB
    register("alpha", 2, 7 * MB);       // in bounds: left alone
    register("alpha", 1, 20 * MB);      // above 180% of 8 MB: split
    register("beta", 6, 2 * MB);

    CompactionPlan plan = plan(Strategy.binPack(), Map.of());

    assertThat(plan.groups()).extracting(FileGroup::partitionPath).containsExactly("category=alpha", "category=beta");
    FileGroup alpha = plan.groups().get(0);
    assertThat(alpha.files()).hasSize(11).allMatch(f -> f.fileSizeBytes() != 7 * MB);
    assertThat(alpha.bytes()).isEqualTo(30 * MB);
    assertThat(alpha.expectedOutputFiles(8 * MB)).isEqualTo(4);
    assertThat(plan.groups().get(1).files()).hasSize(6);
    assertThat(plan.inputFiles()).isEqualTo(17);
    assertThat(plan.live().files()).isEqualTo(19);
    assertThat(plan.live().rows()).isEqualTo(19_000);
    assertThat(plan.consideredFiles()).isEqualTo(19);
    assertThat(plan.expectedOutputFiles()).isEqualTo(4 + 2);
    assertThat(plan.groups()).extracting(FileGroup::id).containsExactly(1, 2);
  }

  @Test
  void aPartitionNeedsMinInputFilesOrAWholeTargetFileOfSmallOnes() {
    register("alpha", 4, MB);           // 4 < 5 files and 4 MB < 8 MB: not worth it
    register("beta", 2, 5 * MB);        // 2 small files that make a whole target file
    register("gamma", 5, MB);           // exactly min-input-files

    assertThat(plan(Strategy.binPack(), Map.of()).groups()).extracting(FileGroup::partitionPath)
        .containsExactly("category=beta", "category=gamma");
    assertThat(plan(Strategy.binPack(), Map.of(CompactionOptions.MIN_INPUT_FILES, "2")).groups())
        .extracting(FileGroup::partitionPath).containsExactly("category=alpha", "category=beta", "category=gamma");
  }

  @Test
  void groupsAreCappedByMaxGroupSize() {
    register("alpha", 20, MB);

    CompactionPlan plan = plan(Strategy.binPack(), Map.of(CompactionOptions.MAX_GROUP_SIZE, "5MB"));

    assertThat(plan.groups()).hasSize(4).allSatisfy(g -> {
      assertThat(g.files()).hasSize(5);
      assertThat(g.bytes()).isLessThanOrEqualTo(5 * MB);
    });
    assertThat(plan.groups().stream().flatMap(g -> g.files().stream()).map(DataFile::path).distinct()).hasSize(20);
  }

  @Test
  void theTargetSizeMovesTheSizeBounds() {
    register("alpha", 6, 3 * MB);
    assertThat(plan(Strategy.binPack(), Map.of()).groups()).hasSize(1);
    assertThat(plan(Strategy.binPack(), Map.of(CompactionOptions.TARGET_FILE_SIZE, "4MB")).groups())
        .as("3 MB is 75% of 4 MB: no longer small").isEmpty();
  }

  @Test
  void whereLimitsThePlanToFilesThatMayMatch() {
    register("alpha", 6, MB);
    register("beta", 6, MB);

    CompactionPlan plan = Compaction.rewriteDataFiles(table).filter(ExpressionParser.parse("category = 'beta'"))
        .plan();
    assertThat(plan.groups()).extracting(FileGroup::partitionPath).containsExactly("category=beta");
    assertThat(plan.consideredFiles()).isEqualTo(6);
    assertThat(plan.live().files()).isEqualTo(12);

    // by column stats: ids 0..2999 are in the first three files of each partition
    CompactionPlan byId = Compaction.rewriteDataFiles(table).filter(ExpressionParser.parse("id < 3000"))
        .option(CompactionOptions.MIN_INPUT_FILES, "2").plan();
    assertThat(byId.groups()).hasSize(2).allSatisfy(g -> assertThat(g.files()).hasSize(3));
  }

  @Test
  void sortRewritesEveryFileOfAPartitionWithMoreThanOneAndSkipsSortedOnes() {
    register("alpha", 3, 7 * MB);       // in bounds, but three files: their ranges are re-laid
    register("beta", 1, 7 * MB);        // one file in bounds: nothing to gain
    Tables.sortOrder(table, "id");
    int orderId = table.metadata().defaultSortOrderId();
    table.newAppend()
        .appendFile(file("gamma", 7 * MB, 0, 999, OptionalInt.of(orderId)))
        .appendFile(file("gamma", 7 * MB, 999, 1999, OptionalInt.of(orderId)))
        .appendFile(file("delta", 7 * MB, 0, 999, OptionalInt.of(orderId)))
        .appendFile(file("delta", 7 * MB, 500, 1999, OptionalInt.of(orderId))) // overlaps
        .commit();

    CompactionPlan plan = plan(Strategy.sort(), Map.of());

    assertThat(plan.groups()).extracting(FileGroup::partitionPath)
        .containsExactly("category=alpha", "category=delta");
    assertThat(plan.groups().get(0).files()).hasSize(3);
    // a sort by other columns cannot know the files are in that order already
    assertThat(plan(Strategy.sortBy("id desc"), Map.of()).groups()).extracting(FileGroup::partitionPath)
        .containsExactly("category=alpha", "category=delta", "category=gamma");
    assertThat(plan(Strategy.zOrder("id", "amount"), Map.of()).groups()).hasSize(3);
  }

  @Test
  void groupsKeepTheirSpecAndFilesOfOlderSpecsAreGroupedApart() {
    register("alpha", 6, MB);
    Tables.evolveSpec(table, "bucket(2, id)");
    AppendFiles append = table.newAppend();
    for (int i = 0; i < 6; i++) {
      append.appendFile(new DataFile(table.location() + "/data/id_bucket=0/g" + i + ".parquet", FileFormat.PARQUET,
          table.spec().specId(), PartitionData.of(0), 1000, MB, Map.of(), List.of(), OptionalInt.empty()));
    }
    append.commit();

    CompactionPlan plan = plan(Strategy.binPack(), Map.of());

    assertThat(plan.groups()).extracting(FileGroup::specId).containsExactly(0, 1);
    assertThat(plan.groups()).extracting(FileGroup::partitionPath).containsExactly("category=alpha", "id_bucket=0");
  }

  @Test
  void badStrategiesFailBeforeAnyWork() {
    register("alpha", 6, MB);
    assertThatThrownBy(() -> plan(Strategy.zOrder("id", "nope"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown column 'nope'");
    assertThatThrownBy(() -> plan(Strategy.sortBy("tags"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot apply identity to column 'tags'");
    assertThatThrownBy(() -> plan(Strategy.sortBy("id sideways"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("sort-order");
    assertThat(plan(Strategy.sortBy("bucket(4, id) desc, ts nulls last"), Map.of()).groups()).hasSize(1);
    assertThatThrownBy(() -> plan(Strategy.zOrder("id", "point.x", "attrs.value"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("inside a list or map");
    assertThatThrownBy(() -> plan(Strategy.sort(), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no sort order");
    assertThatThrownBy(() -> plan(Strategy.binPack(), Map.of(CompactionOptions.TARGET_FILE_SIZE, "big")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("write.target-file-size-bytes");
    assertThat(plan(Strategy.zOrder("id", "point.x"), Map.of()).groups()).hasSize(1);
  }

  @Test
  void anEmptyTableHasAnEmptyPlanAndPlanningWritesNothing() throws Exception {
    assertThat(plan(Strategy.binPack(), Map.of()).isEmpty()).isTrue();
    register("alpha", 6, MB);
    List<Path> before = files();
    CompactionPlan plan = plan(Strategy.sortBy("id"), Map.of());
    assertThat(plan.groups()).hasSize(1);
    assertThat(files()).isEqualTo(before);
    assertThat(plan.snapshotId()).isEqualTo(table.currentSnapshot().map(s -> s.snapshotId()));
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("version-hint.text"))
          .sorted().toList();
    }
  }
}
