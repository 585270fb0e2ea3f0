package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.io.FileIO;
import dev.floe.manifest.DataFile;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Row-for-row comparisons: Floe's own reader, and DuckDB as an independent one. */
final class RowChecks {
  private RowChecks() {}

  /** Rows with how often each occurs (records compare by value; NaN equals NaN here). */
  record Rows(Map<Record, Integer> counts, long count, long checksum) {
    static Rows of(Iterable<Record> rows) {
      Map<Record, Integer> counts = new HashMap<>();
      long n = 0;
      long sum = 0;
      for (Record r : rows) {
        counts.merge(r, 1, Integer::sum);
        n++;
        sum += r.hashCode(); // order-independent: a sum over every column of every row
      }
      return new Rows(counts, n, sum);
    }
  }

  static Rows ofTable(Table table) {
    List<Record> all = new java.util.ArrayList<>();
    try (CloseableIterator<Record> it = table.newScan().records()) {
      it.forEachRemaining(all::add);
    }
    return Rows.of(all);
  }

  static Rows ofFiles(FileIO io, Schema schema, Collection<DataFile> files) {
    List<Record> all = new java.util.ArrayList<>();
    for (DataFile f : files) {
      try (CloseableIterator<Record> it = ParquetRecordReader.read(io.newInputFile(f.path()), schema)) {
        it.forEachRemaining(all::add);
      }
    }
    return Rows.of(all);
  }

  static void assertSameRows(Rows actual, Rows expected) {
    assertThat(actual.count()).as("row count").isEqualTo(expected.count());
    assertThat(actual.checksum()).as("checksum of all columns").isEqualTo(expected.checksum());
    assertThat(actual.counts()).as("rows, each as often").isEqualTo(expected.counts());
  }

  /**
   * DuckDB reads both sets of Parquet files and finds no row in one that is not in the other, as
   * many times (EXCEPT ALL both ways), and the same count.
   */
  static void assertDuckDbSameRows(Collection<String> before, Collection<String> after) throws SQLException {
    String a = scan(before);
    String b = scan(after);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = c.createStatement()) {
      assertThat(single(st, "SELECT count(*) FROM " + b)).isEqualTo(single(st, "SELECT count(*) FROM " + a));
      assertThat(single(st, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"))
          .as("rows only before").isZero();
      assertThat(single(st, "SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")"))
          .as("rows only after").isZero();
    }
  }

  static long duckDbCount(Collection<String> files, String where) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = c.createStatement()) {
      return single(st, "SELECT count(*) FROM " + scan(files) + " WHERE " + where);
    }
  }

  /** The files as one DuckDB table; partition directories are not read as columns. */
  private static String scan(Collection<String> files) {
    return "read_parquet(" + files.stream().map(f -> "'" + f.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "[", "]")) + ", hive_partitioning = false)";
  }

  private static long single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> paths(Collection<DataFile> files) {
    return files.stream().map(DataFile::path).toList();
  }
}
