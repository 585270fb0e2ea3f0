package dev.floe.server.service;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.NoSuchViewException;
import dev.floe.error.NotFoundException;
import dev.floe.rest.RestMessages.CommitViewRequest;
import dev.floe.rest.RestMessages.CreateViewRequest;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.LoadViewResult;
import dev.floe.rest.RestMessages.RegisterRequest;
import dev.floe.server.store.CatalogStore;
import dev.floe.server.store.CatalogStore.Entry;
import dev.floe.server.store.CatalogStore.Kind;
import dev.floe.server.store.CatalogStore.Swap;
import dev.floe.view.ViewMetadata;
import dev.floe.view.ViewMetadataBuilder;
import dev.floe.view.ViewRequirement;
import dev.floe.view.ViewUpdate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Views: the same pointer-swap commits as tables, over view metadata. */
public final class ViewService {
  private final CatalogStore store;
  private final MetadataFiles files;
  private final Warehouse warehouse;

  public ViewService(CatalogStore store, MetadataFiles files, Warehouse warehouse) {
    this.store = store;
    this.files = files;
    this.warehouse = warehouse;
  }

  public LoadViewResult create(List<String> namespace, CreateViewRequest request) {
    String name = Names.name(request.name(), "name");
    if (store.namespaceProperties(namespace).isEmpty()) {
      throw NamespaceService.missing(namespace);
    }
    Optional<Entry> existing = store.entry(namespace, name);
    if (existing.isPresent()) {
      throw TableService.alreadyExists(existing.get(), Kind.VIEW);
    }
    String uuid = UUID.randomUUID().toString();
    String location = request.location().map(l -> TableService.stripSlash(warehouse.requireInside(l, "location")))
        .orElseGet(() -> warehouse.defaultLocation(namespace, name, uuid));
    ViewMetadata metadata = ViewMetadata.empty().toBuilder()
        .assignUuid(uuid)
        .setLocation(location)
        .setProperties(request.properties())
        .addSchema(request.schema())
        .addVersion(request.viewVersion().withIds(request.viewVersion().versionId(), ViewMetadataBuilder.LAST_ADDED))
        .setCurrentVersion(ViewMetadataBuilder.LAST_ADDED)
        .build();
    String file = metadataFile(metadata, 1);
    files.writeView(file, metadata);
    try {
      store.swap(List.of(new Swap(namespace, name, Kind.VIEW, Optional.empty(), file)));
    } catch (CommitFailedException e) {
      files.discard(file);
      throw new AlreadyExistsException("View already exists: " + TableService.id(namespace, name));
    } catch (RuntimeException e) {
      files.discard(file);
      throw e;
    }
    return new LoadViewResult(file, metadata, Map.of());
  }

  public LoadViewResult load(List<String> namespace, String name) {
    Entry e = view(namespace, name);
    return new LoadViewResult(e.metadataLocation(), read(e), Map.of());
  }

  public boolean exists(List<String> namespace, String name) {
    return store.entry(namespace, name).filter(e -> e.kind() == Kind.VIEW).isPresent();
  }

  public LoadViewResult commit(List<String> namespace, String name, CommitViewRequest request) {
    for (int attempt = 1; ; attempt++) {
      Entry e = view(namespace, name);
      ViewMetadata base = read(e);
      for (ViewRequirement r : request.requirements()) {
        r.validate(Optional.of(base));
      }
      ViewMetadataBuilder b = base.toBuilder();
      for (ViewUpdate u : request.updates()) {
        u.applyTo(b);
      }
      ViewMetadata updated = b.build();
      warehouse.requireInside(updated.location(), "location");
      String file = metadataFile(updated, e.version() + 1);
      files.writeView(file, updated);
      try {
        store.swap(List.of(new Swap(namespace, name, Kind.VIEW, Optional.of(e.metadataLocation()), file)));
        files.discardCached(e.metadataLocation());
        return new LoadViewResult(file, updated, Map.of());
      } catch (CommitFailedException lost) {
        files.discard(file);
        if (attempt >= TableService.MAX_ATTEMPTS) {
          throw lost;
        }
      } catch (RuntimeException other) {
        files.discard(file);
        throw other;
      }
    }
  }

  public void drop(List<String> namespace, String name) {
    if (!store.delete(namespace, name, Kind.VIEW)) {
      throw new NoSuchViewException("View does not exist: " + TableService.id(namespace, name));
    }
  }

  public void rename(Identifier from, Identifier to) {
    store.rename(Names.namespace(from.namespace()), Names.name(from.name(), "source"),
        Names.namespace(to.namespace()), Names.name(to.name(), "destination"), Kind.VIEW);
  }

  public LoadViewResult register(List<String> namespace, RegisterRequest request) {
    String name = Names.name(request.name(), "name");
    if (store.namespaceProperties(namespace).isEmpty()) {
      throw NamespaceService.missing(namespace);
    }
    String location = warehouse.requireInside(request.metadataLocation(), "metadata-location");
    ViewMetadata metadata;
    try {
      metadata = files.readForeignView(location);
    } catch (NotFoundException e) {
      throw new NotFoundException("no metadata file at the given metadata-location");
    }
    Optional<Entry> existing = store.entry(namespace, name);
    if (existing.isPresent()) {
      throw TableService.alreadyExists(existing.get(), Kind.VIEW);
    }
    store.swap(List.of(new Swap(namespace, name, Kind.VIEW, Optional.empty(), location)));
    return new LoadViewResult(location, metadata, Map.of());
  }

  private String metadataFile(ViewMetadata m, long version) {
    String custom = m.properties().get(TableService.METADATA_PATH);
    String dir = custom != null ? warehouse.requireInside(custom, TableService.METADATA_PATH) : m.location() + "/metadata";
    return TableService.stripSlash(dir) + "/" + MetadataFiles.fileName(version);
  }

  private ViewMetadata read(Entry e) {
    return files.readView(e.metadataLocation());
  }

  private Entry view(List<String> namespace, String name) {
    return store.entry(namespace, name).filter(e -> e.kind() == Kind.VIEW)
        .orElseThrow(() -> new NoSuchViewException("View does not exist: " + TableService.id(namespace, name)));
  }
}
