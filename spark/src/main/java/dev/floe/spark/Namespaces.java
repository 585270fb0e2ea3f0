package dev.floe.spark;

import java.util.List;
import java.util.Map;

/**
 * The namespaces of the catalog behind the plugin: the REST catalog keeps them itself, a
 * storage-only warehouse derives them from paths ({@link StorageNamespaces}).
 */
interface Namespaces {
  /** The namespaces directly under {@code parent} (the top level for an empty list). */
  List<List<String>> children(List<String> parent);

  boolean exists(List<String> namespace);

  Map<String, String> properties(List<String> namespace);

  /** @throws dev.floe.error.AlreadyExistsException if it exists */
  void create(List<String> namespace, Map<String, String> properties);

  /** Drops an empty namespace; false if it did not exist. */
  boolean drop(List<String> namespace);

  /** The catalog's own namespaces, when it has them. */
  static Namespaces of(dev.floe.catalog.SupportsNamespaces catalog) {
    return new Namespaces() {
      @Override
      public List<List<String>> children(List<String> parent) {
        return catalog.listNamespaces(parent);
      }

      @Override
      public boolean exists(List<String> namespace) {
        return catalog.namespaceExists(namespace);
      }

      @Override
      public Map<String, String> properties(List<String> namespace) {
        return catalog.namespaceProperties(namespace);
      }

      @Override
      public void create(List<String> namespace, Map<String, String> properties) {
        catalog.createNamespace(namespace, properties);
      }

      @Override
      public boolean drop(List<String> namespace) {
        return catalog.dropNamespace(namespace);
      }
    };
  }
}
