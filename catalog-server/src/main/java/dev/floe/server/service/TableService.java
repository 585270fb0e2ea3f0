package dev.floe.server.service;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileInfo;
import dev.floe.metadata.MetadataLogEntry;
import dev.floe.metadata.MetadataUpdate;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.UpdateRequirement;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestMessages.CommitTableRequest;
import dev.floe.rest.RestMessages.CreateTableRequest;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.LoadTableResult;
import dev.floe.rest.RestMessages.RegisterRequest;
import dev.floe.server.store.CatalogStore;
import dev.floe.server.store.CatalogStore.Entry;
import dev.floe.server.store.CatalogStore.Kind;
import dev.floe.server.store.CatalogStore.Swap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tables: create (also staged), load, commit, drop, rename, register. A commit re-checks the
 * client's requirements against the current metadata and applies its updates on top of it
 * through {@link dev.floe.metadata.TableMetadataBuilder}, writes the next metadata file, and
 * compare-and-sets the pointer; when another commit moved the pointer in between it starts over
 * on the new current metadata (server-side retry), so only a real conflict reaches the client.
 */
public final class TableService {
  public static final String PREVIOUS_VERSIONS_MAX = "write.metadata.previous-versions-max";
  public static final String DELETE_AFTER_COMMIT = "write.metadata.delete-after-commit.enabled";
  public static final String METADATA_PATH = "write.metadata.path";
  /** Table properties the catalog interprets instead of storing. */
  static final Set<String> RESERVED = Set.of("format-version");
  static final int MAX_ATTEMPTS = 16;

  /** The outcome of a commit: the file now current and what it holds. */
  public record Committed(String metadataLocation, TableMetadata metadata) {}

  private final CatalogStore store;
  private final MetadataFiles files;
  private final Warehouse warehouse;
  private final CommitListener listener;

  /** Told about commits, for metrics. */
  public interface CommitListener {
    void committed(int attempts);

    void conflicted();
  }

  public TableService(CatalogStore store, MetadataFiles files, Warehouse warehouse, CommitListener listener) {
    this.store = store;
    this.files = files;
    this.warehouse = warehouse;
    this.listener = listener;
  }

  // ------------------------------------------------------------------ create, load

  public LoadTableResult create(List<String> namespace, CreateTableRequest request) {
    String name = Names.name(request.name(), "name");
    namespaceMustExist(namespace);
    Optional<Entry> existing = store.entry(namespace, name);
    if (existing.isPresent()) {
      throw alreadyExists(existing.get(), Kind.TABLE);
    }
    TableMetadata metadata = newTable(namespace, name, request);
    if (request.stageCreate()) {
      // nothing is stored: the client commits the staged table later with assert-create
      return new LoadTableResult(Optional.empty(), metadata, Map.of());
    }
    String location = metadataDir(metadata) + "/" + MetadataFiles.fileName(1);
    files.writeTable(location, metadata);
    try {
      store.swap(List.of(new Swap(namespace, name, Kind.TABLE, Optional.empty(), location)));
    } catch (CommitFailedException e) {
      files.discard(location);
      throw new AlreadyExistsException("Table already exists: " + id(namespace, name));
    } catch (RuntimeException e) {
      files.discard(location);
      throw e;
    }
    listener.committed(1);
    return new LoadTableResult(Optional.of(location), metadata, Map.of());
  }

  private TableMetadata newTable(List<String> namespace, String name, CreateTableRequest request) {
    Map<String, String> props = new LinkedHashMap<>(request.properties());
    int formatVersion = formatVersion(props.remove("format-version"));
    String uuid = UUID.randomUUID().toString();
    String location = request.location().map(l -> stripSlash(warehouse.requireInside(l, "location")))
        .orElseGet(() -> warehouse.defaultLocation(namespace, name, uuid));
    FreshIds ids = FreshIds.forNewTable();
    var schema = ids.schema(request.schema());
    PartitionSpec spec = ids.spec(request.spec().orElse(PartitionSpec.unpartitioned()));
    SortOrder order = ids.sortOrder(request.writeOrder().orElse(SortOrder.unsorted()));
    TableMetadata m = TableMetadata.empty().toBuilder()
        .upgradeFormatVersion(formatVersion)
        .assignUuid(uuid)
        .setLocation(location)
        .addSchema(schema).setCurrentSchema(-1)
        .addPartitionSpec(spec).setDefaultPartitionSpec(-1)
        .addSortOrder(order).setDefaultSortOrder(-1)
        .setProperties(props)
        .build();
    checkLocations(m);
    return m;
  }

  private static int formatVersion(String value) {
    if (value == null) {
      return 2;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("format-version", "must be 1, 2 or 3, got '" + value + "'");
    }
  }

  public LoadTableResult load(List<String> namespace, String name) {
    Entry e = table(namespace, name);
    return new LoadTableResult(Optional.of(e.metadataLocation()), read(e), Map.of());
  }

  public boolean exists(List<String> namespace, String name) {
    return store.entry(namespace, name).filter(e -> e.kind() == Kind.TABLE).isPresent();
  }

  private TableMetadata read(Entry e) {
    return files.readTable(e.metadataLocation());
  }

  // ------------------------------------------------------------------ commit

  public Committed commit(List<String> namespace, String name, CommitTableRequest request) {
    return commitAll(List.of(new Change(namespace, name, request))).get(0);
  }

  /** One table's part of a (multi-table) commit. */
  public record Change(List<String> namespace, String name, CommitTableRequest request) {}

  /** Commits every change or none: the pointers move in one database transaction. */
  public List<Committed> commitAll(List<Change> changes) {
    Set<String> seen = new HashSet<>();
    for (Change c : changes) {
      Names.name(c.name(), "table");
      if (!seen.add(id(c.namespace(), c.name()))) {
        throw new InvalidInputException("table-changes", "table " + id(c.namespace(), c.name())
            + " appears twice in one transaction; send its updates as one change");
      }
    }
    for (int attempt = 1; ; attempt++) {
      List<Prepared> prepared = new ArrayList<>();
      try {
        for (Change c : changes) {
          prepared.add(prepare(c));
        }
        List<Swap> swaps = new ArrayList<>();
        for (Prepared p : prepared) {
          if (p.newLocation != null) {
            swaps.add(new Swap(p.change.namespace(), p.change.name(), Kind.TABLE, p.expected, p.newLocation));
          }
        }
        if (!swaps.isEmpty()) {
          store.swap(swaps);
        }
      } catch (CommitFailedException e) {
        discard(prepared);
        if (e.getCause() instanceof RequirementFailed || attempt >= MAX_ATTEMPTS) {
          listener.conflicted();
          throw e;
        }
        backoff(attempt);
        continue;
      } catch (RuntimeException e) {
        discard(prepared);
        throw e;
      }
      listener.committed(attempt);
      List<Committed> out = new ArrayList<>();
      for (Prepared p : prepared) {
        afterCommit(p);
        out.add(new Committed(p.newLocation != null ? p.newLocation : p.expected.orElseThrow(), p.updated));
      }
      return out;
    }
  }

  /** Marks a requirement that failed against the current metadata: retrying cannot help. */
  private static final class RequirementFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RequirementFailed() {
      super(null, null, false, false);
    }
  }

  private static final class Prepared {
    final Change change;
    final Optional<String> expected;
    final Optional<TableMetadata> base;
    final TableMetadata updated;
    final String newLocation;

    Prepared(Change change, Optional<String> expected, Optional<TableMetadata> base, TableMetadata updated,
        String newLocation) {
      this.change = change;
      this.expected = expected;
      this.base = base;
      this.updated = updated;
      this.newLocation = newLocation;
    }
  }

  private Prepared prepare(Change c) {
    Optional<Entry> entry = store.entry(c.namespace(), c.name());
    if (entry.isPresent() && entry.get().kind() != Kind.TABLE) {
      if (isCreate(c.request())) {
        throw alreadyExists(entry.get(), Kind.TABLE);
      }
      throw new NoSuchTableException("Table does not exist: " + id(c.namespace(), c.name()));
    }
    if (entry.isEmpty() && !isCreate(c.request())) {
      throw new NoSuchTableException("Table does not exist: " + id(c.namespace(), c.name()));
    }
    if (entry.isEmpty()) {
      namespaceMustExist(c.namespace());
    }
    Optional<TableMetadata> base = entry.map(this::read);
    for (UpdateRequirement r : c.request().requirements()) {
      try {
        r.validate(base);
      } catch (CommitFailedException failed) {
        throw new CommitFailedException(failed.getMessage(), new RequirementFailed());
      }
    }
    TableMetadata start = base.orElse(TableMetadata.empty());
    TableMetadata applied = MetadataUpdate.applyAll(start, c.request().updates(), System.currentTimeMillis());
    if (base.isPresent() && applied == base.get()) {
      return new Prepared(c, entry.map(Entry::metadataLocation), base, applied, null);
    }
    checkLocations(applied);
    if (applied.tableUuid().isEmpty() || applied.location().isEmpty() || applied.schemas().isEmpty()) {
      throw new InvalidInputException("updates", "a new table needs assign-uuid, set-location, add-schema"
          + " and set-current-schema");
    }
    TableMetadata withLog = entry.isEmpty() ? applied
        : applied.toBuilder().metadataLog(metadataLog(base.get(), entry.get().metadataLocation(), applied)).build();
    long version = entry.map(e -> e.version() + 1).orElse(1L);
    String location = metadataDir(withLog) + "/" + MetadataFiles.fileName(version);
    files.writeTable(location, withLog);
    return new Prepared(c, entry.map(Entry::metadataLocation), base, withLog, location);
  }

  private static boolean isCreate(CommitTableRequest r) {
    return r.requirements().stream().anyMatch(q -> q instanceof UpdateRequirement.AssertCreate);
  }

  private static List<MetadataLogEntry> metadataLog(TableMetadata base, String baseLocation, TableMetadata updated) {
    int max = (int) Math.max(0, updated.propertyAsLong(PREVIOUS_VERSIONS_MAX, 100));
    List<MetadataLogEntry> log = new ArrayList<>(base.metadataLog());
    log.add(new MetadataLogEntry(base.lastUpdatedMs(), baseLocation));
    return log.size() > max ? List.copyOf(log.subList(log.size() - max, log.size())) : log;
  }

  /** After the pointer moved: delete metadata files that fell off the log, if the table asks for it. */
  private void afterCommit(Prepared p) {
    if (p.newLocation == null || p.base.isEmpty()) {
      return;
    }
    files.discardCached(p.expected.orElseThrow());
    if (!Boolean.parseBoolean(p.updated.property(DELETE_AFTER_COMMIT, "false"))) {
      return;
    }
    Set<String> kept = new HashSet<>();
    p.updated.metadataLog().forEach(e -> kept.add(e.metadataFile()));
    List<String> dropped = new ArrayList<>();
    p.base.get().metadataLog().forEach(e -> dropped.add(e.metadataFile()));
    dropped.add(p.expected.orElseThrow());
    for (String f : dropped) {
      if (!kept.contains(f) && warehouse.contains(f)) {
        files.discard(f);
      }
    }
  }

  private void discard(List<Prepared> prepared) {
    for (Prepared p : prepared) {
      if (p.newLocation != null) {
        files.discard(p.newLocation);
      }
    }
  }

  private static void backoff(int attempt) {
    long max = Math.min(200, 2L << Math.min(attempt, 7));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, max + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommitFailedException("interrupted while retrying a commit");
    }
  }

  // ------------------------------------------------------------------ drop, rename, register

  public boolean drop(List<String> namespace, String name, boolean purge) {
    Optional<Entry> entry = store.entry(namespace, name).filter(e -> e.kind() == Kind.TABLE);
    if (entry.isEmpty()) {
      throw new NoSuchTableException("Table does not exist: " + id(namespace, name));
    }
    Optional<TableMetadata> metadata = Optional.empty();
    if (purge) {
      try {
        metadata = Optional.of(read(entry.get()));
      } catch (RuntimeException unreadable) {
        // purge what can be found; the pointer goes either way
      }
    }
    if (!store.delete(namespace, name, Kind.TABLE)) {
      throw new NoSuchTableException("Table does not exist: " + id(namespace, name));
    }
    files.discardCached(entry.get().metadataLocation());
    if (purge) {
      metadata.ifPresent(this::purge);
      if (warehouse.contains(entry.get().metadataLocation())) {
        files.discard(entry.get().metadataLocation());
      }
    }
    return true;
  }

  /**
   * Deletes everything under the table's location and its metadata directory, inside the
   * warehouse only, and only where no other table or view lives: a client may have chosen a
   * location that holds or sits inside another's, and a purge must not take that one along.
   */
  private void purge(TableMetadata m) {
    List<String> others = store.metadataLocations();
    for (String dir : List.of(m.location(), metadataDir(m))) {
      if (!warehouse.contains(dir) || overlapsAnother(stripSlash(dir), others)) {
        continue;
      }
      for (FileInfo f : warehouse.io().list(stripSlash(dir) + "/")) {
        try {
          warehouse.io().delete(f.location());
        } catch (RuntimeException ignored) {
          // a file left behind by a purge is an orphan, not a correctness problem
        }
      }
    }
  }

  private static boolean overlapsAnother(String dir, List<String> otherMetadataLocations) {
    for (String other : otherMetadataLocations) {
      // another's metadata lies under this directory, or this directory lies under another's table directory
      String otherTableDir = parentOf(parentOf(other));
      if (other.startsWith(dir + "/") || dir.equals(otherTableDir) || dir.startsWith(otherTableDir + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String parentOf(String location) {
    int slash = location.lastIndexOf('/');
    return slash <= 0 ? location : location.substring(0, slash);
  }

  public void rename(Identifier from, Identifier to) {
    List<String> fromNs = Names.namespace(from.namespace());
    List<String> toNs = Names.namespace(to.namespace());
    store.rename(fromNs, Names.name(from.name(), "source"), toNs, Names.name(to.name(), "destination"), Kind.TABLE);
  }

  public LoadTableResult register(List<String> namespace, RegisterRequest request) {
    String name = Names.name(request.name(), "name");
    namespaceMustExist(namespace);
    String location = warehouse.requireInside(request.metadataLocation(), "metadata-location");
    TableMetadata metadata;
    try {
      metadata = files.readForeignTable(location);
    } catch (NotFoundException e) {
      throw new NotFoundException("no metadata file at the given metadata-location");
    }
    Optional<Entry> existing = store.entry(namespace, name);
    if (existing.isPresent() && (!request.overwrite() || existing.get().kind() != Kind.TABLE)) {
      throw alreadyExists(existing.get(), Kind.TABLE);
    }
    store.swap(List.of(new Swap(namespace, name, Kind.TABLE, existing.map(Entry::metadataLocation), location)));
    return new LoadTableResult(Optional.of(location), metadata, Map.of());
  }

  // ------------------------------------------------------------------ helpers

  /** Where the server writes a table's metadata files: never outside the warehouse. */
  String metadataDir(TableMetadata m) {
    String custom = m.properties().get(METADATA_PATH);
    return stripSlash(custom != null ? custom : m.location() + "/metadata");
  }

  private void checkLocations(TableMetadata m) {
    if (!m.location().isEmpty()) {
      warehouse.requireInside(m.location(), "location");
    }
    String custom = m.properties().get(METADATA_PATH);
    if (custom != null) {
      warehouse.requireInside(custom, METADATA_PATH);
    }
  }

  private Entry table(List<String> namespace, String name) {
    return store.entry(namespace, name).filter(e -> e.kind() == Kind.TABLE)
        .orElseThrow(() -> new NoSuchTableException("Table does not exist: " + id(namespace, name)));
  }

  private void namespaceMustExist(List<String> namespace) {
    if (store.namespaceProperties(namespace).isEmpty()) {
      throw NamespaceService.missing(namespace);
    }
  }

  static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static String id(List<String> namespace, String name) {
    return String.join(".", namespace) + "." + name;
  }

  /** A name is taken, by an entry of the kind being created or of the other kind (Iceberg's wording). */
  static AlreadyExistsException alreadyExists(Entry existing, Kind creating) {
    String id = id(existing.namespace(), existing.name());
    if (existing.kind() == creating) {
      return new AlreadyExistsException((creating == Kind.TABLE ? "Table" : "View") + " already exists: " + id);
    }
    return new AlreadyExistsException((existing.kind() == Kind.TABLE ? "Table" : "View")
        + " with same name already exists: " + id);
  }
}
