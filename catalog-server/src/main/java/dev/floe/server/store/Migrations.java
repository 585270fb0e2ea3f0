package dev.floe.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, hand-rolled: a one-row version table and an ordered list of steps,
 * each applied once in its own transaction. Small enough that a migration library would weigh more
 * than the schema it manages.
 */
final class Migrations {
  private Migrations() {}

  /** Step N brings the schema from version N to N+1. Never edit a released step; append one. */
  private static final List<List<String>> STEPS = List.of(
      List.of(
          "CREATE TABLE floe_namespaces (name VARCHAR(4000) PRIMARY KEY, parent VARCHAR(4000) NOT NULL)",
          "CREATE INDEX floe_namespaces_parent ON floe_namespaces (parent, name)",
          "CREATE TABLE floe_namespace_properties (namespace VARCHAR(4000) NOT NULL, prop_key VARCHAR(4000) NOT NULL,"
              + " prop_value TEXT NOT NULL, PRIMARY KEY (namespace, prop_key))",
          // tables and views share one name space per namespace: the primary key forbids a view
          // and a table of the same name
          "CREATE TABLE floe_entries (namespace VARCHAR(4000) NOT NULL, name VARCHAR(1000) NOT NULL,"
              + " kind VARCHAR(8) NOT NULL, metadata_location TEXT NOT NULL, version BIGINT NOT NULL,"
              + " PRIMARY KEY (namespace, name))",
          "CREATE INDEX floe_entries_kind ON floe_entries (namespace, kind, name)"));

  static int latest() {
    return STEPS.size();
  }

  static void migrate(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS floe_schema_version (version INTEGER NOT NULL)");
      }
      c.commit();
      int version = current(c);
      for (int step = version; step < STEPS.size(); step++) {
        try (Statement s = c.createStatement()) {
          for (String sql : STEPS.get(step)) {
            s.execute(sql);
          }
          s.execute("DELETE FROM floe_schema_version");
          s.execute("INSERT INTO floe_schema_version (version) VALUES (" + (step + 1) + ")");
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM floe_schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
