package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.expressions.Expression;
import dev.floe.expressions.ExpressionParser;
import dev.floe.expressions.InclusiveMetricsEvaluator;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.table.Table;
import dev.floe.types.Comparators;
import dev.floe.types.Types;
import dev.floe.util.CloseableIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each strategy's rewrite of a group, before any commit: the output files hold exactly the input
 * rows (Floe's reader and DuckDB agree), in the promised order.
 */
class GroupRewriterTest extends OnDiskTest {

  @BeforeEach
  void setUp() {
    // small targets so that one group makes several output files
    table = Tables.create(catalog, "bucket(2, id)", Map.of("write.target-file-size-bytes", "65536"));
    Tables.appendCommits(table, 12, 400);
  }

  private CompactionPlan plan(Strategy strategy, Map<String, String> options) {
    RewriteDataFiles action = Compaction.rewriteDataFiles(table).strategy(strategy);
    options.forEach(action::option);
    return action.plan();
  }

  private List<DataFile> rewrite(CompactionPlan plan, FileGroup group) {
    TableMetadata m = table.metadata();
    GroupRewriter rewriter = new GroupRewriter(table.io(), m, RowLayout.resolve(m, plan.strategy()), plan.options(),
        m.location() + "/data");
    long[] progress = {0};
    List<DataFile> out = rewriter.rewrite(group, rows -> progress[0] += rows);
    assertThat(progress[0]).as("progress reports every row").isEqualTo(group.rows());
    return out;
  }

  private void assertSameRows(FileGroup group, List<DataFile> outputs) throws Exception {
    RowChecks.assertSameRows(RowChecks.ofFiles(table.io(), table.schema(), outputs),
        RowChecks.ofFiles(table.io(), table.schema(), group.files()));
    RowChecks.assertDuckDbSameRows(RowChecks.paths(group.files()), RowChecks.paths(outputs));
    for (DataFile f : outputs) {
      assertThat(f.specId()).isEqualTo(group.specId());
      assertThat(f.partition()).isEqualTo(group.partition());
    }
  }

  @Test
  void binPackKeepsEveryRowAndMakesFewerLargerFiles() throws Exception {
    CompactionPlan plan = plan(Strategy.binPack(), Map.of());
    assertThat(plan.groups()).hasSize(2);
    for (FileGroup g : plan.groups()) {
      assertThat(g.files()).hasSize(12);
      List<DataFile> outputs = rewrite(plan, g);
      assertSameRows(g, outputs);
      assertThat(outputs.size()).isLessThan(g.files().size()).isGreaterThan(1);
      assertThat(outputs).allSatisfy(f -> assertThat(f.sortOrderId()).hasValue(0));
    }
  }

  @Test
  void sortOrdersRowsAndMakesIdRangesDisjoint() throws Exception {
    CompactionPlan plan = plan(Strategy.sortBy("id"), Map.of());
    for (FileGroup g : plan.groups()) {
      List<DataFile> outputs = rewrite(plan, g);
      assertSameRows(g, outputs);
      assertThat(outputs.size()).isGreaterThan(1);
      assertDisjoint(outputs, 1);
      long previous = Long.MIN_VALUE;
      for (DataFile f : outputs) {
        for (Record r : read(f)) {
          assertThat((Long) r.get(0)).isGreaterThan(previous);
          previous = (Long) r.get(0);
        }
      }
    }
  }

  @Test
  void sortByDescendingColumnWithNullsLastThenId() throws Exception {
    CompactionPlan plan = plan(Strategy.sortBy("category desc nulls last, id"), Map.of());
    FileGroup g = plan.groups().get(0);
    List<DataFile> outputs = rewrite(plan, g);
    assertSameRows(g, outputs);
    List<Record> rows = new ArrayList<>();
    outputs.forEach(f -> rows.addAll(read(f)));
    Comparator<Object> strings = Comparators.forType(Types.STRING);
    for (int i = 1; i < rows.size(); i++) {
      String a = (String) rows.get(i - 1).get(2);
      String b = (String) rows.get(i).get(2);
      if (a == null) {
        assertThat(b).as("nulls last").isNull();
        assertThat((Long) rows.get(i).get(0)).isGreaterThan((Long) rows.get(i - 1).get(0));
      } else if (b != null) {
        int c = strings.compare(a, b);
        assertThat(c).as("descending").isGreaterThanOrEqualTo(0);
        if (c == 0) {
          assertThat((Long) rows.get(i).get(0)).isGreaterThan((Long) rows.get(i - 1).get(0));
        }
      }
    }
  }

  @Test
  void zOrderMakesATwoColumnRangeFilterMatchFewerFiles() throws Exception {
    Expression box = ExpressionParser.parse("amount >= -200 and amount < 0 and ratio >= 0.5 and ratio < 0.75");
    CompactionPlan plan = plan(Strategy.zOrder("amount", "ratio"), Map.of());
    InclusiveMetricsEvaluator eval = new InclusiveMetricsEvaluator(table.schema(), box);
    for (FileGroup g : plan.groups()) {
      List<DataFile> outputs = rewrite(plan, g);
      assertSameRows(g, outputs);
      long before = g.files().stream().filter(f -> eval.mightMatch(f.recordCount(), f.columnStats())).count();
      long after = outputs.stream().filter(f -> eval.mightMatch(f.recordCount(), f.columnStats())).count();
      assertThat(before).as("random layout: every input file may match").isEqualTo(g.files().size());
      assertThat(outputs.size()).isGreaterThanOrEqualTo(4);
      assertThat(after).as("of %d z-ordered files", outputs.size()).isLessThanOrEqualTo(outputs.size() / 2);
      assertThat(RowChecks.duckDbCount(RowChecks.paths(outputs), "amount >= -200 and amount < 0 and ratio >= 0.5"
          + " and ratio < 0.75")).isEqualTo(RowChecks.duckDbCount(RowChecks.paths(g.files()),
              "amount >= -200 and amount < 0 and ratio >= 0.5 and ratio < 0.75"));
      assertThat(outputs).allSatisfy(f -> assertThat(f.sortOrderId()).isEmpty());
    }
  }

  @Test
  void aSortLargerThanItsMemorySpillsRunsMergesThemAndDeletesThem() throws Exception {
    CompactionPlan plan = plan(Strategy.sortBy("ts desc, id"), Map.of(CompactionOptions.SORT_MEMORY, "65536"));
    FileGroup g = plan.groups().get(0);
    List<DataFile> outputs = rewrite(plan, g);
    assertSameRows(g, outputs);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.toString().contains("compaction-spill")).filter(Files::isRegularFile))
          .as("spilled runs are deleted").isEmpty();
    }
    assertDisjoint(outputs, 2);
  }

  private List<Record> read(DataFile f) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterator<Record> it = ParquetRecordReader.read(table.io().newInputFile(f.path()), table.schema())) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The files' [lower, upper] ranges of a column overlap at most at their ends (ignoring files of nulls). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void assertDisjoint(List<DataFile> files, int fieldId) {
    List<ColumnStats> stats = new ArrayList<>();
    for (DataFile f : files) {
      ColumnStats s = f.stats(fieldId).orElseThrow();
      if (s.lowerBound().isPresent()) {
        stats.add(s); // a file of nulls only has no range
      }
    }
    assertThat(stats).hasSizeGreaterThan(1);
    stats.sort(Comparator.comparing(s -> (Comparable) s.lowerBound().orElseThrow()));
    for (int i = 1; i < stats.size(); i++) {
      Comparable lower = (Comparable) stats.get(i).lowerBound().orElseThrow();
      Comparable upperBefore = (Comparable) stats.get(i - 1).upperBound().orElseThrow();
      assertThat(lower.compareTo(upperBefore)).as("file ranges of field %d overlap", fieldId).isGreaterThanOrEqualTo(0);
    }
  }
}
