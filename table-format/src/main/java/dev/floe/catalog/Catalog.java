package dev.floe.catalog;

import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import java.util.List;
import java.util.Map;

/** Names tables and finds them. */
public interface Catalog extends AutoCloseable {

  /**
   * Creates a table. The partition spec's source ids refer to the given schema.
   *
   * @throws dev.floe.error.AlreadyExistsException if the table exists
   */
  Table createTable(TableIdentifier id, Schema schema, PartitionSpec spec, Map<String, String> properties);

  /** @throws dev.floe.error.NoSuchTableException if it does not exist */
  Table loadTable(TableIdentifier id);

  boolean tableExists(TableIdentifier id);

  List<TableIdentifier> listTables(List<String> namespace);

  /** Forgets the table; with purge, also deletes every file under its location. */
  boolean dropTable(TableIdentifier id, boolean purge);

  @Override
  default void close() {}
}
