package dev.floe.spark;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.util.CloseableIterator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared set-up: the local SparkSession, a namespace of this test class's own in catalog
 * {@code floe}, an independent Floe catalog over the same warehouse (to check Spark against
 * Floe's own scans) and DuckDB over the same files.
 */
abstract class SparkTestBase {
  static SparkSession spark;
  static StorageCatalog floe;
  String ns = getClass().getSimpleName().toLowerCase(Locale.ROOT);

  @BeforeAll
  static void startSpark() {
    spark = SharedSpark.session();
    floe = StorageCatalog.open(SharedSpark.warehouse().toString(), Map.of());
  }

  @AfterAll
  static void closeFloe() {
    floe.close();
  }

  List<Row> sql(String query, Object... args) {
    return spark.sql(String.format(Locale.ROOT, query, args)).collectAsList();
  }

  /** "floe.<ns>.<name>" */
  String t(String name) {
    return "floe." + ns + "." + name;
  }

  Table floeTable(String name) {
    return floe.loadTable(TableIdentifier.parse(ns + "." + name));
  }

  static List<Record> floeRows(Table table) {
    List<Record> out = new ArrayList<>();
    try (CloseableIterator<Record> it = table.newScan().records()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  static List<String> dataFiles(Table table) {
    return table.newScan().planFiles().stream().map(FileScanTask::file).map(f -> f.path()).toList();
  }

  /** Rows of a DuckDB query over the table's current data files ({@code FILES} in the query). */
  static List<List<Object>> duckdb(Table table, String query) throws SQLException {
    List<String> files = dataFiles(table);
    String list = files.stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query.replace("FILES", "read_parquet(" + list + ")"))) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  static List<List<Object>> rows(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        values.add(r.get(i));
      }
      out.add(values);
    }
    return out;
  }
}
