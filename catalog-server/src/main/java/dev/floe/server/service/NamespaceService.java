package dev.floe.server.service;

import dev.floe.error.NoSuchNamespaceException;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.ListIdentifiersResponse;
import dev.floe.rest.RestMessages.ListNamespacesResponse;
import dev.floe.rest.RestMessages.NamespaceBody;
import dev.floe.rest.RestMessages.UpdateNamespacePropertiesRequest;
import dev.floe.rest.RestMessages.UpdateNamespacePropertiesResponse;
import dev.floe.server.store.CatalogStore;
import dev.floe.server.store.CatalogStore.Kind;
import dev.floe.server.store.CatalogStore.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Namespaces and the listing of what they hold. */
public final class NamespaceService {
  public static final int DEFAULT_PAGE_SIZE = 1000;
  public static final int MAX_PAGE_SIZE = 10_000;

  private final CatalogStore store;

  public NamespaceService(CatalogStore store) {
    this.store = store;
  }

  public NamespaceBody create(NamespaceBody request) {
    List<String> ns = Names.namespace(request.namespace());
    for (String key : request.properties().keySet()) {
      if (key.isEmpty()) {
        throw new dev.floe.error.InvalidInputException("properties", "property keys must not be empty");
      }
    }
    if (ns.size() > 1 && store.namespaceProperties(ns.subList(0, ns.size() - 1)).isEmpty()) {
      throw new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", ns.subList(0, ns.size() - 1))
          + " (create the parent first)");
    }
    store.createNamespace(ns, request.properties());
    return new NamespaceBody(ns, request.properties());
  }

  public NamespaceBody load(List<String> namespace) {
    Map<String, String> props = store.namespaceProperties(namespace)
        .orElseThrow(() -> missing(namespace));
    return new NamespaceBody(namespace, props);
  }

  public boolean exists(List<String> namespace) {
    return store.namespaceProperties(namespace).isPresent();
  }

  public ListNamespacesResponse list(List<String> parent, Optional<String> pageToken, int pageSize) {
    Page<List<String>> page = store.listNamespaces(parent, pageToken, pageSize);
    return new ListNamespacesResponse(page.items(), page.nextToken());
  }

  public void drop(List<String> namespace) {
    if (!store.dropNamespace(namespace)) {
      throw missing(namespace);
    }
  }

  public UpdateNamespacePropertiesResponse updateProperties(List<String> namespace,
      UpdateNamespacePropertiesRequest request) {
    for (String key : request.removals()) {
      if (request.updates().containsKey(key)) {
        throw new dev.floe.error.InvalidInputException("updates", "property '" + key
            + "' is both updated and removed");
      }
    }
    List<String> missing = store.updateNamespaceProperties(namespace, request.removals(), request.updates());
    List<String> removed = new ArrayList<>(request.removals());
    removed.removeAll(missing);
    return new UpdateNamespacePropertiesResponse(List.copyOf(request.updates().keySet()), removed, missing);
  }

  public ListIdentifiersResponse list(List<String> namespace, Kind kind, Optional<String> pageToken, int pageSize) {
    Page<String> page = store.listEntries(namespace, kind, pageToken, pageSize);
    List<Identifier> ids = page.items().stream().map(n -> new Identifier(namespace, n)).toList();
    return new ListIdentifiersResponse(ids, page.nextToken());
  }

  static NoSuchNamespaceException missing(List<String> namespace) {
    return new NoSuchNamespaceException("Namespace does not exist: " + String.join(".", namespace));
  }
}
