package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.expressions.ExpressionParser;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import dev.floe.util.CloseableIterator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, reading the files Floe plans, must agree with Floe's own scan. */
class DuckDbCrossCheckTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "true",
      "amount > 500 and category = 'cat-07'",
      "id in (1, 2, 3, 4999, 12000)",
      "ts >= '2026-01-01T02:00:00' and ts < '2026-01-01T03:30:00'",
      "category like 'cat-1%' or amount < 10",
      "not (amount >= 100) and id > 3000",
      "payload is null",
      "id != 5 and id <= 6"})
  void duckDbReadsThePlannedFilesAndAgreesOnCountAndSum(String where) throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.events"), Events.SCHEMA,
          PartitionSpec.parse(Events.SCHEMA, "hour(ts), bucket(4, id)"), Map.of());
      for (int c = 0; c < 4; c++) {
        table.newAppend().appendRecords(Events.rows(c * 4000L, (c + 1) * 4000L)).commit();
      }
      List<Snapshot> snapshots = table.snapshots();
      for (Snapshot snapshot : List.of(snapshots.get(1), snapshots.get(3))) {
        TableScan scan = table.newScan().useSnapshot(snapshot.snapshotId()).filter(ExpressionParser.parse(where));
        long floeCount = 0;
        double floeSum = 0;
        try (CloseableIterator<Record> it = scan.select("amount").records()) {
          while (it.hasNext()) {
            floeCount++;
            floeSum += (Double) it.next().get(0);
          }
        }
        assertThat(scan.count()).isEqualTo(floeCount);

        List<FileScanTask> tasks = scan.planFiles();
        long duckCount = 0;
        double duckSum = 0;
        if (!tasks.isEmpty()) {
          String files = tasks.stream().map(t -> "'" + t.file().path() + "'").collect(Collectors.joining(", "));
          try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
               Statement st = c.createStatement();
               ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(amount), 0) FROM read_parquet(["
                   + files + "]) WHERE " + where)) {
            rs.next();
            duckCount = rs.getLong(1);
            duckSum = rs.getDouble(2);
          }
        }
        // Independent of Floe's pruning: DuckDB over every file of the snapshot.
        long duckAllCount;
        String allFiles = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles().stream()
            .map(t -> "'" + t.file().path() + "'").collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet([" + allFiles + "]) WHERE " + where)) {
          rs.next();
          duckAllCount = rs.getLong(1);
        }
        assertThat(floeCount).as("%s at snapshot %s", where, snapshot.snapshotId()).isEqualTo(duckCount);
        assertThat(floeCount).isEqualTo(duckAllCount);
        assertThat(floeSum).isCloseTo(duckSum, within(1e-6 * Math.max(1, Math.abs(duckSum))));
      }
    }
  }
}
