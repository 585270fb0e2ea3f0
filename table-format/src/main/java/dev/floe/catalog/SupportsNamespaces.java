package dev.floe.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A catalog whose namespaces exist on their own, with properties (the REST catalog). The
 * storage-only catalog has none: its namespaces are just directories.
 */
public interface SupportsNamespaces {

  /** @throws dev.floe.error.AlreadyExistsException if it exists */
  void createNamespace(List<String> namespace, Map<String, String> properties);

  /** The namespaces directly under {@code parent} (the top level for an empty list). */
  List<List<String>> listNamespaces(List<String> parent);

  /** @throws dev.floe.error.NoSuchNamespaceException if it does not exist */
  Map<String, String> namespaceProperties(List<String> namespace);

  boolean namespaceExists(List<String> namespace);

  /**
   * @return false if it did not exist
   * @throws dev.floe.error.NamespaceNotEmptyException if it still holds tables or namespaces
   */
  boolean dropNamespace(List<String> namespace);

  void updateNamespaceProperties(List<String> namespace, Map<String, String> updates, Set<String> removals);
}
