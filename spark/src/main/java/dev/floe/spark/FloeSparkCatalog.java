package dev.floe.spark;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidInputException;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestCatalog;
import dev.floe.spark.meta.MetadataTable;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.CatalogV2Util;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Floe's catalog plugin for Spark:
 *
 * <pre>
 * spark.sql.catalog.floe            = dev.floe.spark.FloeSparkCatalog
 * spark.sql.catalog.floe.warehouse  = /data/warehouse          (or s3://bucket/warehouse)
 * spark.sql.catalog.floe.s3.region  = ...                      (storage settings, passed through)
 * </pre>
 *
 * Tables are {@code floe.<namespace>.<table>}; their metadata tables are
 * {@code floe.<namespace>.<table>.snapshots}, {@code .history} and {@code .files}. See
 * {@link CatalogOptions} for every option.
 */
public class FloeSparkCatalog implements TableCatalog, SupportsNamespaces {
  /** Spark's own table properties, which Floe does not store. */
  private static final Set<String> SPARK_PROPERTIES = Set.of(TableCatalog.PROP_PROVIDER, TableCatalog.PROP_OWNER,
      TableCatalog.PROP_EXTERNAL, TableCatalog.PROP_IS_MANAGED_LOCATION, TableCatalog.PROP_LOCATION);

  private String name;
  private CatalogOptions options;
  private Catalog catalog;
  private Namespaces namespaces;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap sparkOptions) {
    this.name = name;
    this.options = CatalogOptions.parse(sparkOptions.asCaseSensitiveMap());
    switch (options.type()) {
      case CatalogOptions.STORAGE -> {
        String warehouse = options.warehouse().orElseThrow(() -> new IllegalArgumentException(
            "Floe catalog '" + name + "' needs a warehouse: set spark.sql.catalog." + name + ".warehouse"));
        StorageCatalog storage = StorageCatalog.open(warehouse, options.storageProperties());
        this.catalog = storage;
        this.namespaces = new StorageNamespaces(storage.warehouse(), storage.io());
      }
      case CatalogOptions.REST -> {
        String uri = options.uri().orElseThrow(() -> new IllegalArgumentException(
            "Floe catalog '" + name + "' of type rest needs a uri: set spark.sql.catalog." + name + ".uri"));
        RestCatalog.Options rest = RestCatalog.Options.defaults().withStorage(options.storageProperties());
        if (options.token().isPresent()) {
          rest = rest.withToken(options.token().get());
        }
        if (options.credential().isPresent()) {
          rest = rest.withCredential(options.credential().get());
        }
        RestCatalog restCatalog = RestCatalog.connect(uri, rest);
        this.catalog = restCatalog;
        this.namespaces = Namespaces.of(restCatalog);
      }
      default -> throw new IllegalArgumentException("Floe catalog '" + name + "': unknown type '"
          + options.type() + "'; expected storage or rest");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String[] defaultNamespace() {
    return new String[] {options.defaultNamespace()};
  }

  /** The Floe catalog behind this plugin. */
  public Catalog floeCatalog() {
    return catalog;
  }

  private String qualified(Identifier ident) {
    return name + "." + String.join(".", ident.namespace()) + "." + ident.name();
  }

  private static TableIdentifier floeId(Identifier ident) {
    return new TableIdentifier(Arrays.asList(ident.namespace()), ident.name());
  }

  // ---------------------------------------------------------------- tables

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    List<TableIdentifier> ids;
    try {
      ids = catalog.listTables(Arrays.asList(namespace));
    } catch (InvalidInputException e) {
      throw new NoSuchNamespaceException(namespace);
    }
    return ids.stream().map(id -> Identifier.of(id.namespace().toArray(new String[0]), id.name()))
        .toArray(Identifier[]::new);
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident) throws NoSuchTableException {
    Optional<Table> table = find(ident);
    if (table.isPresent()) {
      return new SparkTable(qualified(ident), table.get(), Optional.empty(), options.storageProperties());
    }
    // db.t.snapshots: a metadata table of db.t
    Optional<MetadataTable.Kind> kind = MetadataTable.Kind.of(ident.name());
    if (kind.isPresent() && ident.namespace().length >= 2) {
      String[] ns = ident.namespace();
      Identifier base = Identifier.of(Arrays.copyOf(ns, ns.length - 1), ns[ns.length - 1]);
      Optional<Table> baseTable = find(base);
      if (baseTable.isPresent()) {
        return new MetadataTable(qualified(base), baseTable.get(), kind.get());
      }
    }
    throw new NoSuchTableException(ident);
  }

  private Optional<Table> find(Identifier ident) {
    try {
      return Optional.of(catalog.loadTable(floeId(ident)));
    } catch (dev.floe.error.NoSuchTableException | InvalidInputException e) {
      return Optional.empty();
    }
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident, String version)
      throws NoSuchTableException {
    SparkTable table = dataTable(ident, "VERSION AS OF");
    return table.atSnapshot(table.snapshotForVersion(version));
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident, long timestampMicros)
      throws NoSuchTableException {
    SparkTable table = dataTable(ident, "TIMESTAMP AS OF");
    return table.atSnapshot(table.snapshotAsOf(Math.floorDiv(timestampMicros, 1000)));
  }

  private SparkTable dataTable(Identifier ident, String what) throws NoSuchTableException {
    if (loadTable(ident) instanceof SparkTable t) {
      return t;
    }
    throw SparkErrors.raise(SparkErrors.analysis(what + " needs a Floe data table; " + qualified(ident)
        + " is a metadata table, which shows the current state"));
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table createTable(Identifier ident, Column[] columns,
      Transform[] partitions, Map<String, String> properties) throws TableAlreadyExistsException {
    return createTable(ident, CatalogV2Util.v2ColumnsToStructType(columns), partitions, properties);
  }

  @Override
  @SuppressWarnings("deprecation")
  public org.apache.spark.sql.connector.catalog.Table createTable(Identifier ident, StructType sparkSchema,
      Transform[] partitions, Map<String, String> properties) throws TableAlreadyExistsException {
    String provider = properties.get(TableCatalog.PROP_PROVIDER);
    if (provider != null && !provider.equalsIgnoreCase("floe")) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot create " + qualified(ident) + " USING " + provider
          + ": catalog " + name + " holds Floe tables; write USING floe or leave USING out"));
    }
    if (properties.containsKey(TableCatalog.PROP_LOCATION)) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot create " + qualified(ident) + " with LOCATION: a"
          + " Floe storage catalog places each table at <warehouse>/<namespace>/<table>"));
    }
    TableIdentifier id = parseIdentifier(ident);
    Schema schema = SparkSchemas.toFloe(sparkSchema);
    PartitionSpec spec = SparkPartitioning.toFloe(schema, partitions);
    try {
      Table table = catalog.createTable(id, schema, spec, tableProperties(properties));
      return new SparkTable(qualified(ident), table, Optional.empty(), options.storageProperties());
    } catch (AlreadyExistsException e) {
      throw new TableAlreadyExistsException(ident);
    } catch (FloeException e) {
      throw SparkErrors.raise(SparkErrors.fromFloe(e));
    }
  }

  private TableIdentifier parseIdentifier(Identifier ident) {
    try {
      return floeId(ident);
    } catch (InvalidInputException e) {
      throw SparkErrors.raise(SparkErrors.analysis("Invalid Floe table name " + qualified(ident) + ": "
          + e.getMessage(), e));
    }
  }

  /** Table properties to store: Spark's bookkeeping dropped, OPTIONS (option.k) stored as k. */
  static Map<String, String> tableProperties(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String key = e.getKey();
      if (SPARK_PROPERTIES.contains(key.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (key.startsWith(TableCatalog.OPTION_PREFIX)) {
        key = key.substring(TableCatalog.OPTION_PREFIX.length());
      }
      out.put(key, e.getValue());
    }
    return out;
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table alterTable(Identifier ident, TableChange... changes)
      throws NoSuchTableException {
    if (!(loadTable(ident) instanceof SparkTable table)) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot alter " + qualified(ident) + ": it is a metadata table"));
    }
    try {
      SchemaChanges.apply(table.floeTable(), qualified(ident), changes);
    } catch (FloeException e) {
      throw SparkErrors.raise(SparkErrors.analysis("ALTER TABLE " + qualified(ident) + " failed: "
          + e.getMessage(), e));
    }
    return loadTable(ident);
  }

  /**
   * Drops the table with its files: in a storage-only warehouse a table's files live under its
   * own path, where nothing else refers to them, and a later table of the same name would
   * otherwise inherit them.
   */
  @Override
  public boolean dropTable(Identifier ident) {
    return drop(ident, true);
  }

  @Override
  public boolean purgeTable(Identifier ident) {
    return drop(ident, true);
  }

  private boolean drop(Identifier ident, boolean purge) {
    try {
      return catalog.dropTable(floeId(ident), purge);
    } catch (InvalidInputException e) {
      return false;
    }
  }

  @Override
  public void renameTable(Identifier from, Identifier to) {
    throw SparkErrors.notYet("ALTER TABLE " + qualified(from) + " RENAME TO " + to,
        "a storage-only warehouse finds tables by path; rename needs the REST catalog");
  }

  // ---------------------------------------------------------------- namespaces

  @Override
  public String[][] listNamespaces() {
    return array(namespaces.children(List.of()));
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return array(namespaces.children(List.of(namespace)));
  }

  private static String[][] array(List<List<String>> namespaces) {
    return namespaces.stream().map(n -> n.toArray(new String[0])).toArray(String[][]::new);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length > 0 && namespaces.exists(List.of(namespace));
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return namespaces.properties(List.of(namespace));
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata)
      throws NamespaceAlreadyExistsException {
    try {
      new TableIdentifier(Arrays.asList(namespace), "probe");
    } catch (InvalidInputException e) {
      throw SparkErrors.raise(SparkErrors.analysis("Invalid Floe namespace " + String.join(".", namespace)
          + ": " + e.getMessage(), e));
    }
    try {
      namespaces.create(List.of(namespace), tableProperties(metadata));
    } catch (AlreadyExistsException e) {
      throw new NamespaceAlreadyExistsException(namespace);
    }
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw SparkErrors.notYet("ALTER NAMESPACE", "Floe's Spark catalog does not change namespace properties");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) throws NoSuchNamespaceException,
      NonEmptyNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    Identifier[] tables = listTables(namespace);
    List<List<String>> children = namespaces.children(List.of(namespace));
    if (!cascade && (tables.length > 0 || !children.isEmpty())) {
      throw new NonEmptyNamespaceException(namespace);
    }
    for (List<String> child : children) {
      dropNamespace(child.toArray(new String[0]), true);
    }
    for (Identifier t : tables) {
      dropTable(t);
    }
    return namespaces.drop(List.of(namespace));
  }
}
