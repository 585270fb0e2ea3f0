package dev.floe.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NamespaceNotEmptyException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NoSuchViewException;
import dev.floe.error.ServiceFailureException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The catalog in a relational database through JDBC: SQLite (a file, the embedded default) or
 * PostgreSQL (a HikariCP pool, for production). A commit is one {@code UPDATE ... WHERE
 * metadata_location = <expected>} per table inside one transaction: the row count says whether
 * the compare-and-set won.
 */
public final class JdbcCatalogStore implements CatalogStore {
  /** Separates namespace levels in keys; names may not contain control characters. */
  static final String SEP = "\u001f";

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final String url;
  private final boolean sqlite;
  private final HikariDataSource pool;
  private final Connection single;
  /** SQLite allows one writer: the embedded store serializes all access through one connection. */
  private final ReentrantLock singleLock = new ReentrantLock(true);

  private JdbcCatalogStore(String url, String user, String password) {
    this.url = url;
    this.sqlite = url.startsWith("jdbc:sqlite:");
    try {
      if (sqlite) {
        single = DriverManager.getConnection(url);
        try (Statement s = single.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=FULL");
          s.execute("PRAGMA busy_timeout=10000");
        }
        pool = null;
      } else if (url.startsWith("jdbc:postgresql:")) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
          config.setUsername(user);
        }
        if (password != null) {
          config.setPassword(password);
        }
        config.setMaximumPoolSize(16);
        config.setPoolName("floe-catalog");
        config.setAutoCommit(true);
        pool = new HikariDataSource(config);
        single = null;
      } else {
        throw new InvalidInputException("store", "unsupported store URL '" + url
            + "'; use jdbc:sqlite:<file> or jdbc:postgresql://host:port/db");
      }
    } catch (SQLException e) {
      throw new ServiceFailureException("cannot open the catalog database " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the store and brings its schema to the latest version.
   *
   * @param user and password may be null (SQLite needs neither; PostgreSQL may take them from the URL)
   */
  public static JdbcCatalogStore open(String url, String user, String password) {
    JdbcCatalogStore store = new JdbcCatalogStore(url, user, password);
    try {
      store.run(c -> {
        Migrations.migrate(c);
        int version = Migrations.current(c);
        if (version > Migrations.latest()) {
          throw new ServiceFailureException("the catalog database is at schema version " + version
              + ", newer than this server knows (" + Migrations.latest() + "); upgrade the server");
        }
        return null;
      });
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private <T> T run(Work<T> work) {
    try {
      if (sqlite) {
        singleLock.lock();
        try {
          return work.run(single);
        } finally {
          singleLock.unlock();
        }
      }
      try (Connection c = pool.getConnection()) {
        return work.run(c);
      }
    } catch (SQLException e) {
      throw new ServiceFailureException("catalog database error: " + e.getMessage(), e);
    }
  }

  private <T> T transaction(Work<T> work) {
    return run(c -> {
      c.setAutoCommit(false);
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  static String key(List<String> namespace) {
    return String.join(SEP, namespace);
  }

  private static List<String> levels(String key) {
    return key.isEmpty() ? List.of() : List.of(key.split(SEP, -1));
  }

  private static String encodeToken(String last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("pageToken", "not a page token this server issued");
    }
  }

  private static boolean namespaceExists(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM floe_namespaces WHERE name = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public void createNamespace(List<String> namespace, Map<String, String> properties) {
    String key = key(namespace);
    transaction(c -> {
      if (namespaceExists(c, key)) {
        throw new AlreadyExistsException("Namespace already exists: " + String.join(".", namespace));
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO floe_namespaces (name, parent) VALUES (?, ?)")) {
        p.setString(1, key);
        p.setString(2, key(namespace.subList(0, namespace.size() - 1)));
        p.executeUpdate();
      } catch (SQLException e) {
        if (isUniqueViolation(e)) {
          throw new AlreadyExistsException("Namespace already exists: " + String.join(".", namespace));
        }
        throw e;
      }
      putProperties(c, key, properties);
      return null;
    });
  }

  private static void putProperties(Connection c, String key, Map<String, String> properties) throws SQLException {
    if (properties.isEmpty()) {
      return;
    }
    try (PreparedStatement del = c.prepareStatement(
            "DELETE FROM floe_namespace_properties WHERE namespace = ? AND prop_key = ?");
         PreparedStatement ins = c.prepareStatement(
            "INSERT INTO floe_namespace_properties (namespace, prop_key, prop_value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> e : properties.entrySet()) {
        del.setString(1, key);
        del.setString(2, e.getKey());
        del.executeUpdate();
        ins.setString(1, key);
        ins.setString(2, e.getKey());
        ins.setString(3, e.getValue());
        ins.executeUpdate();
      }
    }
  }

  private static Map<String, String> properties(Connection c, String key) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT prop_key, prop_value FROM floe_namespace_properties WHERE namespace = ? ORDER BY prop_key")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  @Override
  public Optional<Map<String, String>> namespaceProperties(List<String> namespace) {
    String key = key(namespace);
    return run(c -> namespaceExists(c, key) ? Optional.of(properties(c, key)) : Optional.empty());
  }

  @Override
  public Page<List<String>> listNamespaces(List<String> parent, Optional<String> pageToken, int pageSize) {
    String parentKey = key(parent);
    return run(c -> {
      if (!parent.isEmpty() && !namespaceExists(c, parentKey)) {
        throw new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", parent));
      }
      String after = pageToken.map(JdbcCatalogStore::decodeToken).orElse("");
      List<List<String>> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT name FROM floe_namespaces WHERE parent = ? AND name > ? ORDER BY name")) {
        p.setString(1, parentKey);
        p.setString(2, after);
        p.setMaxRows(pageSize + 1);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(levels(rs.getString(1)));
          }
        }
      }
      return page(out, pageSize, ns -> key(ns));
    });
  }

  private static <T> Page<T> page(List<T> rows, int pageSize, java.util.function.Function<T, String> keyOf) {
    if (rows.size() <= pageSize) {
      return new Page<>(rows, Optional.empty());
    }
    List<T> items = rows.subList(0, pageSize);
    return new Page<>(List.copyOf(items), Optional.of(encodeToken(keyOf.apply(items.get(pageSize - 1)))));
  }

  @Override
  public boolean dropNamespace(List<String> namespace) {
    String key = key(namespace);
    return transaction(c -> {
      if (!namespaceExists(c, key)) {
        return false;
      }
      try (PreparedStatement p = c.prepareStatement(
          "SELECT (SELECT COUNT(*) FROM floe_entries WHERE namespace = ?),"
              + " (SELECT COUNT(*) FROM floe_namespaces WHERE parent = ?)")) {
        p.setString(1, key);
        p.setString(2, key);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0 || rs.getLong(2) > 0) {
            throw new NamespaceNotEmptyException("Namespace " + String.join(".", namespace)
                + " is not empty: it holds " + rs.getLong(1) + " tables or views and " + rs.getLong(2)
                + " namespaces; drop those first");
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("DELETE FROM floe_namespace_properties WHERE namespace = ?")) {
        p.setString(1, key);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("DELETE FROM floe_namespaces WHERE name = ?")) {
        p.setString(1, key);
        p.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public List<String> updateNamespaceProperties(List<String> namespace, List<String> removals,
      Map<String, String> updates) {
    String key = key(namespace);
    return transaction(c -> {
      if (!namespaceExists(c, key)) {
        throw new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", namespace));
      }
      Map<String, String> existing = properties(c, key);
      List<String> missing = new ArrayList<>();
      try (PreparedStatement del = c.prepareStatement(
          "DELETE FROM floe_namespace_properties WHERE namespace = ? AND prop_key = ?")) {
        for (String r : removals) {
          if (!existing.containsKey(r)) {
            missing.add(r);
            continue;
          }
          del.setString(1, key);
          del.setString(2, r);
          del.executeUpdate();
        }
      }
      putProperties(c, key, updates);
      return missing;
    });
  }

  @Override
  public Page<String> listEntries(List<String> namespace, Kind kind, Optional<String> pageToken, int pageSize) {
    String key = key(namespace);
    return run(c -> {
      if (!namespaceExists(c, key)) {
        throw new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", namespace));
      }
      String after = pageToken.map(JdbcCatalogStore::decodeToken).orElse("");
      List<String> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT name FROM floe_entries WHERE namespace = ? AND kind = ? AND name > ? ORDER BY name")) {
        p.setString(1, key);
        p.setString(2, kind.name());
        p.setString(3, after);
        p.setMaxRows(pageSize + 1);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return page(out, pageSize, s -> s);
    });
  }

  @Override
  public Optional<Entry> entry(List<String> namespace, String name) {
    return run(c -> entry(c, namespace, name));
  }

  private static Optional<Entry> entry(Connection c, List<String> namespace, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT kind, metadata_location, version FROM floe_entries WHERE namespace = ? AND name = ?")) {
      p.setString(1, key(namespace));
      p.setString(2, name);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Entry(namespace, name, Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)));
      }
    }
  }

  @Override
  public void swap(List<Swap> swaps) {
    transaction(c -> {
      for (Swap s : swaps) {
        String ns = key(s.namespace());
        if (s.expected().isEmpty()) {
          if (!namespaceExists(c, ns)) {
            throw new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", s.namespace()));
          }
          Optional<Entry> existing = entry(c, s.namespace(), s.name());
          if (existing.isPresent()) {
            throw new CommitFailedException(describe(s) + " was created by someone else first: a "
                + existing.get().kind().name().toLowerCase(java.util.Locale.ROOT) + " of that name exists");
          }
          try (PreparedStatement p = c.prepareStatement("INSERT INTO floe_entries"
              + " (namespace, name, kind, metadata_location, version) VALUES (?, ?, ?, ?, 1)")) {
            p.setString(1, ns);
            p.setString(2, s.name());
            p.setString(3, s.kind().name());
            p.setString(4, s.newLocation());
            p.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw new CommitFailedException(describe(s) + " was created by someone else first");
            }
            throw e;
          }
        } else {
          try (PreparedStatement p = c.prepareStatement("UPDATE floe_entries SET metadata_location = ?,"
              + " version = version + 1 WHERE namespace = ? AND name = ? AND kind = ? AND metadata_location = ?")) {
            p.setString(1, s.newLocation());
            p.setString(2, ns);
            p.setString(3, s.name());
            p.setString(4, s.kind().name());
            p.setString(5, s.expected().get());
            if (p.executeUpdate() != 1) {
              throw new CommitFailedException(describe(s) + " was changed by another commit first");
            }
          }
        }
      }
      return null;
    });
  }

  private static String describe(Swap s) {
    return s.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(".", s.namespace()) + "." + s.name();
  }

  @Override
  public boolean delete(List<String> namespace, String name, Kind kind) {
    return run(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM floe_entries WHERE namespace = ? AND name = ? AND kind = ?")) {
        p.setString(1, key(namespace));
        p.setString(2, name);
        p.setString(3, kind.name());
        return p.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void rename(List<String> fromNamespace, String fromName, List<String> toNamespace, String toName, Kind kind) {
    transaction(c -> {
      Optional<Entry> source = entry(c, fromNamespace, fromName);
      if (source.isEmpty() || source.get().kind() != kind) {
        String name = String.join(".", fromNamespace) + "." + fromName;
        throw kind == Kind.TABLE ? new NoSuchTableException("Table does not exist: " + name)
            : new NoSuchViewException("View does not exist: " + name);
      }
      if (!namespaceExists(c, key(toNamespace))) {
        throw new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", toNamespace));
      }
      Optional<Entry> target = entry(c, toNamespace, toName);
      if (target.isPresent()) {
        throw new AlreadyExistsException("Cannot rename " + String.join(".", fromNamespace) + "." + fromName
            + " to " + String.join(".", toNamespace) + "." + toName + ". "
            + (target.get().kind() == Kind.TABLE ? "Table" : "View") + " already exists");
      }
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE floe_entries SET namespace = ?, name = ? WHERE namespace = ? AND name = ? AND kind = ?")) {
        p.setString(1, key(toNamespace));
        p.setString(2, toName);
        p.setString(3, key(fromNamespace));
        p.setString(4, fromName);
        p.setString(5, kind.name());
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<String> metadataLocations() {
    return run(c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT metadata_location FROM floe_entries")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  private static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    // PostgreSQL says 23505; SQLite's driver reports constraint failures by error code 19
    return (state != null && state.startsWith("23")) || e.getErrorCode() == 19
        || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
  }

  @Override
  public boolean healthy() {
    try {
      return run(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
          return rs.next();
        }
      });
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      if (single != null) {
        single.close();
      }
    } catch (SQLException ignored) {
      // closing at shutdown: nothing left to protect
    }
    if (pool != null) {
      pool.close();
    }
  }

  @Override
  public String toString() {
    return sqlite ? "sqlite" : "postgresql";
  }
}
