package dev.floe.catalog;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.NoSuchTableException;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import dev.floe.io.FileInfo;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.BaseTable;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A catalog that needs nothing but storage: table {@code ns.t} lives at
 * {@code <warehouse>/ns/t}, and commits create the next metadata file exclusively. Works on any
 * FileIO with an atomic exclusive create (local disk, S3 with conditional writes).
 */
public final class StorageCatalog implements Catalog {
  private final String warehouse;
  private final FileIO io;

  public StorageCatalog(String warehouse, FileIO io) {
    this.warehouse = StorageTableOperations.stripTrailingSlash(warehouse);
    this.io = io;
  }

  /** A catalog over the warehouse, with the storage module its location's scheme calls for. */
  public static StorageCatalog open(String warehouse, Map<String, String> properties) {
    return new StorageCatalog(warehouse, FileIOs.forLocation(warehouse, properties));
  }

  public String warehouse() {
    return warehouse;
  }

  public FileIO io() {
    return io;
  }

  public String tableLocation(TableIdentifier id) {
    return warehouse + "/" + String.join("/", id.namespace()) + "/" + id.name();
  }

  private StorageTableOperations ops(TableIdentifier id) {
    return new StorageTableOperations(io, tableLocation(id), id.toString());
  }

  @Override
  public Table createTable(TableIdentifier id, Schema schema, PartitionSpec spec, Map<String, String> properties) {
    StorageTableOperations ops = ops(id);
    TableMetadata metadata = TableMetadata.newTable(UUID.randomUUID().toString(), tableLocation(id),
        schema, spec, properties, System.currentTimeMillis());
    ops.create(metadata);
    return new BaseTable(id.toString(), ops);
  }

  @Override
  public Table loadTable(TableIdentifier id) {
    StorageTableOperations ops = ops(id);
    ops.refresh();
    return new BaseTable(id.toString(), ops);
  }

  @Override
  public boolean tableExists(TableIdentifier id) {
    try {
      ops(id).refresh();
      return true;
    } catch (NoSuchTableException e) {
      return false;
    }
  }

  @Override
  public List<TableIdentifier> listTables(List<String> namespace) {
    String prefix = warehouse + "/" + String.join("/", namespace) + "/";
    TreeSet<String> names = new TreeSet<>();
    for (FileInfo f : io.list(prefix)) {
      String rest = f.location().substring(prefix.length());
      String[] parts = rest.split("/");
      if (parts.length == 3 && parts[1].equals("metadata") && parts[2].matches("v\\d+\\.metadata\\.json")) {
        names.add(parts[0]);
      }
    }
    List<TableIdentifier> out = new ArrayList<>();
    for (String n : names) {
      out.add(new TableIdentifier(namespace, n));
    }
    return out;
  }

  @Override
  public boolean dropTable(TableIdentifier id, boolean purge) {
    if (!tableExists(id)) {
      return false;
    }
    String location = tableLocation(id) + "/";
    List<String> metadata = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (FileInfo f : io.list(location)) {
      (f.location().contains("/metadata/") ? metadata : data).add(f.location());
    }
    // Metadata first, so a half-finished drop leaves no table that points at deleted data; in
    // bulk, so dropping a table on an object store costs a request per thousand files.
    io.deleteAll(metadata);
    if (purge) {
      io.deleteAll(data);
    }
    return true;
  }

  /** Fails if the table exists; used by callers that want a clear message before doing work. */
  public void requireAbsent(TableIdentifier id) {
    if (tableExists(id)) {
      throw new AlreadyExistsException("table " + id + " already exists");
    }
  }

  @Override
  public void close() {
    io.close();
  }
}
