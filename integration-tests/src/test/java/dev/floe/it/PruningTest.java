package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.expressions.Expressions;
import dev.floe.expressions.InclusiveMetricsEvaluator;
import dev.floe.manifest.DataFile;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.parquet.ReadStats;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import dev.floe.util.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruningTest {
  @TempDir Path dir;

  @Test
  void aOnePercentFilterPlansOneFileOfAHundred() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.unpartitioned(), Map.of());
      List<DataFile> files = new ArrayList<>();
      for (int f = 0; f < 100; f++) {
        try (TableWriter w = table.newWriter()) {
          w.writeAll(Events.rows(f * 1000L, (f + 1) * 1000L));
          files.addAll(w.complete());
        }
      }
      var append = table.newAppend();
      files.forEach(append::appendFile);
      append.commit();

      List<FileScanTask> all = table.newScan().planFiles();
      assertThat(all).hasSize(100);
      List<FileScanTask> one = table.newScan()
          .filter(Expressions.and(Expressions.greaterThanOrEqual("id", 42_000), Expressions.lessThan("id", 43_000)))
          .planFiles();
      assertThat(one).hasSize(1);
      assertThat(one.get(0).file().columnStats().get(1).lowerBound()).contains(42_000L);
      assertThat(table.newScan().filter(Expressions.equal("id", 99_999)).planFiles()).hasSize(1);
      assertThat(table.newScan().filter(Expressions.greaterThan("id", 100_000)).planFiles()).isEmpty();
      assertThat(table.newScan().filter(Expressions.in("id", 5, 50_005, 99_005)).planFiles()).hasSize(3);
      assertThat(table.newScan().filter(Expressions.greaterThanOrEqual("id", 42_000))
          .filter(Expressions.lessThan("id", 43_000)).count()).isEqualTo(1000);
    }
  }

  @Test
  void rowGroupPruningSkipsRowGroupsInsideAFile() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      // Tiny row groups: one file, many row groups with disjoint id ranges.
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA,
          PartitionSpec.unpartitioned(), Map.of("write.parquet.row-group-size-bytes", "65536"));
      table.newAppend().appendRecords(Events.rows(0, 100_000)).commit();
      List<FileScanTask> tasks = table.newScan().planFiles();
      assertThat(tasks).hasSize(1);
      DataFile file = tasks.get(0).file();
      assertThat(file.splitOffsets()).as("row groups").hasSizeGreaterThan(4);

      ReadStats stats = new ReadStats();
      var filter = Expressions.equal("id", 77_777L);
      InclusiveMetricsEvaluator rowGroups = new InclusiveMetricsEvaluator(Events.SCHEMA, filter);
      List<Record> rows = new ArrayList<>();
      try (CloseableIterator<Record> it = ParquetRecordReader.read(table.io().newInputFile(file.path()),
          Events.SCHEMA, rowGroups::mightMatch, r -> (Long) r.get(0) == 77_777L, stats)) {
        it.forEachRemaining(rows::add);
      }
      assertThat(rows).containsExactly(Events.row(77_777));
      assertThat(stats.rowGroupsRead()).isEqualTo(1);
      assertThat(stats.rowGroupsSkipped()).isEqualTo(file.splitOffsets().size() - 1);
      assertThat(table.newScan().filter(filter).count()).isEqualTo(1);
    }
  }
}
