package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema evolution on a real disk: schema changes racing appends in threads and in another JVM
 * lose nothing, and DuckDB, reading the very Parquet files by their own column names, agrees with
 * what Floe reads by field id after renames, drops and added defaults.
 */
class SchemaEvolutionIntegrationTest {
  private static final TableIdentifier ID = TableIdentifier.parse("db.events");
  private static final Map<String, String> PATIENT = Map.of("commit.retry.num-retries", "1000",
      "commit.retry.min-wait-ms", "1", "commit.retry.max-wait-ms", "50", "commit.retry.total-timeout-ms", "600000");

  @TempDir Path dir;

  @Test
  void schemaChangesRacingAppendsInThreadsLoseNothing() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      catalog.createTable(ID, Events.SCHEMA, PartitionSpec.parse(Events.SCHEMA, "bucket(4, id)"), PATIENT);
      int appends = 30;
      int columns = 10;
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<?> appender = pool.submit(() -> {
        Table t = catalog.loadTable(ID);
        start.await();
        for (int k = 0; k < appends; k++) {
          t.newAppend().appendRecords(Events.rows(k * 10L, k * 10L + 10)).commit();
        }
        return null;
      });
      Future<?> evolver = pool.submit(() -> {
        Table t = catalog.loadTable(ID);
        start.await();
        for (int c = 0; c < columns; c++) {
          t.refresh();
          t.updateSchema().addColumn("extra_" + c, Types.INT, c).commit();
        }
        return null;
      });
      appender.get(5, TimeUnit.MINUTES);
      evolver.get(5, TimeUnit.MINUTES);
      pool.shutdown();

      Table table = catalog.loadTable(ID);
      assertThat(table.schema().columns()).hasSize(Events.SCHEMA.columns().size() + columns);
      List<Long> ids = TableChecks.ids(table);
      assertThat(new HashSet<>(ids)).hasSize(appends * 10).hasSize(ids.size());
      // every row reads every added column: its default (the writers' schema had the column or not)
      try (CloseableIterator<Record> it = table.newScan().select("extra_0", "extra_9").records()) {
        while (it.hasNext()) {
          Record r = it.next();
          assertThat(r.get(0)).isEqualTo(0);
          assertThat(r.get(1)).isEqualTo(9);
        }
      }
      TableChecks.assertNothingMissing(table);
    }
  }

  @Test
  void schemaChangesWhileAnotherProcessAppendsLoseNothing() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      catalog.createTable(ID, Events.SCHEMA, PartitionSpec.unpartitioned(), PATIENT);
    }
    int commits = 10;
    Process child = Children.start(AppendWorker.class, dir.toString(), ID.toString(), "2", String.valueOf(commits), "5");
    List<String> lines = new ArrayList<>();
    int added = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
         StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.loadTable(ID);
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("committed ") && added < 5) {
          table.refresh();
          table.updateSchema().addColumn("col_" + added, Types.STRING).commit();
          added++;
        }
      }
    }
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as("worker output %s", lines).isZero();
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.loadTable(ID);
      assertThat(table.schema().findField("col_4")).isPresent();
      Set<Long> expected = new HashSet<>();
      for (long i = 0; i < commits * 5L; i++) {
        expected.add(2_000_000L + i);
      }
      assertThat(new HashSet<>(TableChecks.ids(table))).isEqualTo(expected);
    }
  }

  @Test
  void duckDbReadsTheFilesByTheirOwnNamesAndAgreesAfterRenameDropAndAdd() throws Exception {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(ID, Events.SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      table.newAppend().appendRecords(Events.rows(0, 500)).commit();
      List<String> oldFiles = paths(table);

      table.updateSchema().renameColumn("amount", "price").deleteColumn("payload")
          .addRequiredColumn("extra", Types.INT, 3).renameColumn("category", "kind").commit();
      Types.StructType now = table.schema().asStruct();
      List<Record> newRows = new ArrayList<>();
      for (Record r : Events.rows(500, 700)) {
        newRows.add(Record.of(now, r.get(0), r.get(1), r.get(2), r.get(3), 4));
      }
      table.newAppend().appendRecords(newRows).commit();
      List<String> newFiles = new ArrayList<>(paths(table));
      newFiles.removeAll(oldFiles);

      Map<Long, Record> floe = new HashMap<>();
      try (CloseableIterator<Record> it = table.newScan().records()) {
        it.forEachRemaining(r -> floe.put((Long) r.get("id"), r));
      }
      assertThat(floe).hasSize(700);
      assertThat(table.schema().columns()).extracting(NestedField::name)
          .containsExactly("id", "ts", "kind", "price", "extra");

      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
        // the files written before keep their old column names; Floe maps them by field id
        int seen = 0;
        try (ResultSet rs = st.executeQuery("SELECT id, category, amount, payload FROM read_parquet(["
            + quoted(oldFiles) + "])")) {
          while (rs.next()) {
            Record r = floe.get(rs.getLong(1));
            assertThat(r.get("kind")).isEqualTo(rs.getString(2));
            assertThat((Double) r.get("price")).isEqualTo(rs.getDouble(3));
            assertThat(r.get("extra")).isEqualTo(3);
            assertThat(rs.getString(4)).isNotNull(); // still in the file, gone from the table
            seen++;
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT id, kind, price, extra FROM read_parquet(["
            + quoted(newFiles) + "])")) {
          while (rs.next()) {
            Record r = floe.get(rs.getLong(1));
            assertThat(r.get("kind")).isEqualTo(rs.getString(2));
            assertThat((Double) r.get("price")).isEqualTo(rs.getDouble(3));
            assertThat(r.get("extra")).isEqualTo(rs.getInt(4));
            seen++;
          }
        }
        assertThat(seen).isEqualTo(700);
      }
    }
  }

  private static List<String> paths(Table table) {
    table.refresh();
    return table.newScan().planFiles().stream().map(FileScanTask::file).map(f -> f.path()).toList();
  }

  private static String quoted(List<String> files) {
    return files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
  }
}
