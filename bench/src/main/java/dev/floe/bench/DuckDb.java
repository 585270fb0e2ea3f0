package dev.floe.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DuckDB through JDBC, one thread: the speed a native vectorised reader reaches here on the same
 * Parquet files. It reads Floe's W1 files (both systems write zstd Parquet of the same rows).
 * Aggregates run inside DuckDB, so the figures are its scan speed, not JDBC's row transfer.
 */
final class DuckDb implements AutoCloseable {
  static final String ID = "duckdb";

  private final Connection connection;

  DuckDb() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute("SET threads TO 1");
      }
    } catch (SQLException | ClassNotFoundException e) {
      throw new BenchException("cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  private static String files(List<String> paths) {
    return "read_parquet([" + paths.stream().map(p -> "'" + p.replace("'", "''") + "'")
        .collect(Collectors.joining(", ")) + "])";
  }

  /** W1 reference: COPY of generated rows (DuckDB's own random, same shapes) to one zstd file. */
  long write(Path file, long rows) {
    String sql = "COPY (SELECT range AS id, TIMESTAMP '2026-01-01 00:00:00' + to_seconds(range) AS ts,"
        + " 'cat-' || lpad(CAST(floor(random() * 100) AS INTEGER)::VARCHAR, 2, '0') AS category,"
        + " random() * 1000 AS amount,"
        + " array_to_string(list_transform(range(20), x -> chr(97 + CAST(floor(random() * 26) AS INTEGER))), '')"
        + " AS payload FROM range(" + rows + ")) TO '" + file + "' (FORMAT parquet, COMPRESSION zstd)";
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
      return file.toFile().length();
    } catch (SQLException e) {
      throw new BenchException("DuckDB COPY failed: " + e.getMessage(), e);
    }
  }

  /** W2: every column of every row folded into a hash sum inside DuckDB; returns the row count. */
  long scanAll(List<String> paths) {
    return queryLong("SELECT count(*), sum(hash(id, ts, category, amount, payload)) FROM " + files(paths));
  }

  /** W3: id and amount; returns the row count, and the sum of amount through {@link #lastSum}. */
  long scanTwo(List<String> paths) {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(id), sum(amount) FROM " + files(paths))) {
      rs.next();
      lastSum = rs.getDouble(2);
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new BenchException("DuckDB scan failed: " + e.getMessage(), e);
    }
  }

  double lastSum;

  /** W7: the rows with id = key, all columns fetched through JDBC. */
  PreparedStatement prepareLookup(List<String> paths) {
    try {
      return connection.prepareStatement("SELECT * FROM " + files(paths) + " WHERE id = ?");
    } catch (SQLException e) {
      throw new BenchException("DuckDB prepare failed: " + e.getMessage(), e);
    }
  }

  static long lookup(PreparedStatement statement, long key) {
    try {
      statement.setLong(1, key);
      long rows = 0;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rs.getObject(5);
          rows++;
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new BenchException("DuckDB lookup failed: " + e.getMessage(), e);
    }
  }

  private long queryLong(String sql) {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new BenchException("DuckDB query failed: " + e.getMessage(), e);
    }
  }

  String version() {
    try {
      return connection.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing to keep
    }
  }
}
