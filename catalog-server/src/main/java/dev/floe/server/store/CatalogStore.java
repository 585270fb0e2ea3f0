package dev.floe.server.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog remembers: namespaces with properties, and per name a table or view with the
 * location of its current metadata file. Committing is a compare-and-set of that pointer; a
 * multi-table commit swaps several pointers in one database transaction.
 */
public interface CatalogStore extends AutoCloseable {

  enum Kind { TABLE, VIEW }

  /** A table or view: where its current metadata file is, and how many commits it has had. */
  record Entry(List<String> namespace, String name, Kind kind, String metadataLocation, long version) {}

  /** One pointer swap of a commit; {@code expected} empty means "create: the name must be free". */
  record Swap(List<String> namespace, String name, Kind kind, Optional<String> expected, String newLocation) {}

  record Page<T>(List<T> items, Optional<String> nextToken) {}

  /** @throws dev.floe.error.AlreadyExistsException if it exists */
  void createNamespace(List<String> namespace, Map<String, String> properties);

  Optional<Map<String, String>> namespaceProperties(List<String> namespace);

  /** Direct children of {@code parent} (top-level ones for an empty parent), in name order. */
  Page<List<String>> listNamespaces(List<String> parent, Optional<String> pageToken, int pageSize);

  /**
   * @return false if it did not exist
   * @throws dev.floe.error.NamespaceNotEmptyException if it holds tables, views or namespaces
   */
  boolean dropNamespace(List<String> namespace);

  /** Applies removals then updates; returns the removed keys that were absent. */
  List<String> updateNamespaceProperties(List<String> namespace, List<String> removals, Map<String, String> updates);

  Page<String> listEntries(List<String> namespace, Kind kind, Optional<String> pageToken, int pageSize);

  /** The table or view of that name, whichever kind it is. */
  Optional<Entry> entry(List<String> namespace, String name);

  /**
   * Swaps every pointer or none, in one transaction.
   *
   * @throws dev.floe.error.CommitFailedException if any pointer is not as expected (someone else
   *     committed first, or the name was taken)
   */
  void swap(List<Swap> swaps);

  /** @return false if there was no such entry of that kind */
  boolean delete(List<String> namespace, String name, Kind kind);

  /**
   * @throws dev.floe.error.NoSuchTableException / NoSuchViewException if the source is missing
   * @throws dev.floe.error.AlreadyExistsException if the destination name is taken
   */
  void rename(List<String> fromNamespace, String fromName, List<String> toNamespace, String toName, Kind kind);

  /** The metadata file location of every table and view (for the purge overlap check). */
  List<String> metadataLocations();

  /** Whether the store answers (for /healthz). */
  boolean healthy();

  @Override
  void close();
}
