package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.error.CommitFailedException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.ExpressionParser;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Compaction end to end on a table of every column kind, two partition specs and many small
 * files: every strategy leaves exactly the same rows (Floe's scan, a checksum of all columns, and
 * DuckDB over the live files before and after), and the layout it promises.
 */
class RewriteDataFilesTest extends OnDiskTest {
  static final int ROWS_PER_COMMIT = 300;

  @BeforeEach
  void setUp() {
    table = Tables.create(catalog, "bucket(2, id)", Map.of("write.target-file-size-bytes", "65536"));
    Tables.appendCommits(table, 8, ROWS_PER_COMMIT);         // spec 0: two buckets of 8 files
    Tables.evolveSpec(table, "bucket(3, id)");
    for (int c = 8; c < 16; c++) {                          // spec 1: three buckets of 8 files
      table.newAppend().appendRecords(WideRows.rows(c * ROWS_PER_COMMIT, (c + 1) * ROWS_PER_COMMIT)).commit();
    }
  }

  private List<DataFile> liveFiles() {
    table.refresh();
    return table.newScan().planFiles().stream().map(FileScanTask::file).toList();
  }

  private CompactionResult compact(Strategy strategy) {
    return Compaction.rewriteDataFiles(table).strategy(strategy).execute();
  }

  @ParameterizedTest
  @ValueSource(strings = {"binpack", "sort", "zorder"})
  void everyStrategyKeepsEveryRowExactly(String name) throws Exception {
    Strategy strategy = Strategy.parse(name, name.equals("sort") ? "category desc nulls last, id" : null,
        name.equals("zorder") ? "amount, ratio, point.x" : null);
    RowChecks.Rows before = RowChecks.ofTable(table);
    List<DataFile> filesBefore = liveFiles();
    Snapshot snapshotBefore = table.currentSnapshot().orElseThrow();

    CompactionResult result = compact(strategy);

    assertThat(result.uncommittedGroups()).as("%s", result.groups()).isZero();
    assertThat(result.plan().groups()).hasSize(5);
    assertThat(result.committedGroups()).isEqualTo(5);
    List<DataFile> filesAfter = liveFiles();
    assertThat(filesAfter.size()).isLessThan(filesBefore.size());
    assertThat(result.after().files()).isEqualTo(filesAfter.size());
    assertThat(result.after().rows()).isEqualTo(before.count()).isEqualTo(result.plan().live().rows());
    assertThat(result.rewrittenRows()).isEqualTo(before.count());
    RowChecks.assertSameRows(RowChecks.ofTable(table), before);
    RowChecks.assertDuckDbSameRows(RowChecks.paths(filesBefore), RowChecks.paths(filesAfter));
    // older specs' files were rewritten into the current spec
    assertThat(filesAfter).allSatisfy(f -> assertThat(f.specId()).isEqualTo(table.spec().specId()));
    // each group is one snapshot that replaced its files; the table before is still readable
    for (GroupResult g : result.groups()) {
      Snapshot s = table.history().snapshot(g.snapshotId().orElseThrow()).orElseThrow();
      assertThat(s.operation()).isEqualTo("replace");
    }
    RowChecks.assertSameRows(RowChecks.Rows.of(records(table.newScan().useSnapshot(snapshotBefore.snapshotId()))),
        before);
  }

  private static List<dev.floe.data.Record> records(dev.floe.table.TableScan scan) {
    List<dev.floe.data.Record> out = new ArrayList<>();
    try (var it = scan.records()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void afterASortTheFilesOfEachPartitionHoldDisjointIdRanges() {
    // a sort orders each group: first move the older spec's files into the current spec's partitions
    compact(Strategy.binPack());
    compact(Strategy.sortBy("id"));
    Map<Object, List<DataFile>> byPartition = new HashMap<>();
    for (DataFile f : liveFiles()) {
      byPartition.computeIfAbsent(f.partition(), k -> new ArrayList<>()).add(f);
    }
    assertThat(byPartition).hasSize(3);
    for (List<DataFile> files : byPartition.values()) {
      assertThat(files).hasSizeGreaterThan(1);
      GroupRewriterTest.assertDisjoint(files, 1);
    }
  }

  @Test
  void onASortedTableTheWriterNeitherSortsAgainNorCutsFilesAtItsBuffer() {
    Tables.sortOrder(table, "id desc");
    table.updateProperties().set("write.sort.buffer-rows", "200").set("write.target-file-size-bytes", "1048576")
        .commit();
    int orderId = table.refresh().defaultSortOrderId();

    compact(Strategy.sort()); // the table's own order
    List<DataFile> sorted = liveFiles();
    // one file per group and partition, not one per 200-row buffer
    assertThat(sorted).extracting(DataFile::recordCount).allSatisfy(n -> assertThat(n).isGreaterThan(200));
    assertThat(sorted).extracting(DataFile::sortOrderId).containsOnly(java.util.OptionalInt.of(orderId));

    compact(Strategy.zOrder("amount", "ratio"));
    List<DataFile> zordered = liveFiles();
    assertThat(zordered).extracting(DataFile::sortOrderId).containsOnly(java.util.OptionalInt.empty());
    // z-ordered rows are not in id order: the writer did not sort them by the table's order
    List<Long> ids = new ArrayList<>();
    try (var it = dev.floe.parquet.ParquetRecordReader.read(table.io().newInputFile(zordered.get(0).path()),
        table.schema())) {
      it.forEachRemaining(r -> ids.add((Long) r.get(0)));
    }
    List<Long> desc = new ArrayList<>(ids);
    desc.sort(java.util.Comparator.reverseOrder());
    assertThat(ids).hasSizeGreaterThan(200).isNotEqualTo(desc);
  }

  @Test
  void afterAZOrderATwoColumnRangeFilterPlansFewerFiles() {
    Expression box = ExpressionParser.parse("amount >= 0 and amount < 250 and ratio >= 0.25 and ratio < 0.5");
    // one partition, so that files are only pruned by their column ranges
    Compaction.rewriteDataFiles(table).strategy(Strategy.binPack()).execute();
    int before = table.newScan().filter(box).planFiles().size();
    int total = liveFiles().size();
    assertThat(before).isEqualTo(total);

    // small files, so that each partition has enough of them for their ranges to tell apart
    Compaction.rewriteDataFiles(table).strategy(Strategy.zOrder("amount", "ratio")).targetFileSizeBytes(16384)
        .execute();

    int after = table.newScan().filter(box).planFiles().size();
    int totalAfter = liveFiles().size();
    assertThat(totalAfter).isGreaterThan(3);
    assertThat(after).as("of %d files", totalAfter).isLessThanOrEqualTo(totalAfter / 2);
  }

  @Test
  void aFailedGroupCommitKeepsTheGroupsCommittedBeforeAndAfterIt() throws Exception {
    RowChecks.Rows before = RowChecks.ofTable(table);
    AtomicInteger commits = new AtomicInteger();
    List<DataFile> failedOutputs = Collections.synchronizedList(new ArrayList<>());
    // fault injection: the third group's commit fails as if storage lost every race
    CompactionResult result = Compaction.rewriteDataFiles(table).maxConcurrentGroups(1)
        .committer((t, inputs, outputs, from, s) -> {
          if (commits.incrementAndGet() == 3) {
            failedOutputs.addAll(outputs);
            throw new CommitFailedException("injected: too many concurrent commits");
          }
          return RewriteDataFiles.TABLE_REWRITE.commit(t, inputs, outputs, from, s);
        })
        .execute();

    assertThat(result.committedGroups()).isEqualTo(4);
    assertThat(result.withStatus(GroupResult.Status.FAILED)).singleElement()
        .satisfies(g -> assertThat(g.message().orElseThrow()).contains("injected"));
    assertThat(failedOutputs).isNotEmpty().allSatisfy(f ->
        assertThat(table.io().newInputFile(f.path()).exists()).as("outputs of a failed group are deleted").isFalse());
    RowChecks.assertSameRows(RowChecks.ofTable(table), before);
    // a second run picks up what is left: the failed group's inputs are rewritten then
    List<DataFile> failedInputs = result.withStatus(GroupResult.Status.FAILED).get(0).group().files();
    assertThat(liveFiles()).containsAll(failedInputs);
    CompactionResult again = compact(Strategy.binPack());
    assertThat(again.uncommittedGroups()).isZero();
    assertThat(liveFiles()).doesNotContainAnyElementsOf(failedInputs);
    RowChecks.assertSameRows(RowChecks.ofTable(table), before);
  }

  @Test
  void theListenerHearsEveryGroupAndEveryRow() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Long> rows = new java.util.concurrent.ConcurrentHashMap<>();
    CompactionResult result = Compaction.rewriteDataFiles(table).listener(new CompactionListener() {
      public void planned(CompactionPlan plan) {
        events.add("planned " + plan.groups().size());
      }

      public void groupStarted(FileGroup group) {
        events.add("started");
      }

      public void rowsWritten(FileGroup group, long n) {
        rows.merge(group.id(), n, Long::sum);
      }

      public void groupFinished(GroupResult r) {
        events.add("finished " + r.status());
      }
    }).execute();
    assertThat(events.get(0)).isEqualTo("planned 5");
    assertThat(events).filteredOn("started"::equals).hasSize(5);
    assertThat(events).filteredOn("finished COMMITTED"::equals).hasSize(5);
    for (FileGroup g : result.plan().groups()) {
      assertThat(rows.get(g.id())).isEqualTo(g.rows());
    }
  }

  @Test
  void compactIfNeededLooksAtSummariesAndCompactsOnlyWhenAsked() {
    CompactionPolicy policy = CompactionPolicy.defaults().withMinNewFiles(100);
    CompactionPolicy.Decision d = Compaction.check(table, policy);
    assertThat(d.needed()).isFalse();
    assertThat(d.newFiles()).isEqualTo(liveFiles().size());
    assertThat(Compaction.compactIfNeeded(table, policy)).isEmpty();

    CompactionPolicy eager = policy.withMinNewFiles(20);
    assertThat(Compaction.check(table, eager.withMaxMeanRowsPerNewFile(10)).needed())
        .as("files of about 150 rows are not small by a 10-row measure").isFalse();
    CompactionResult r = Compaction.compactIfNeeded(table, eager).orElseThrow();
    assertThat(r.committedGroups()).isEqualTo(5);
    assertThat(Compaction.check(table, eager).newFiles()).as("counted from the last rewrite").isZero();
    assertThat(Compaction.compactIfNeeded(table, eager)).isEmpty();
  }
}
