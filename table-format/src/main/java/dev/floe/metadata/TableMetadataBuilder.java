package dev.floe.metadata;

import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where table metadata changes: every operation, the commit loop's history
 * archiving and the catalog server's REST updates go through these methods, so the rules (id
 * assignment, what a removed snapshot takes with it, when the snapshot log grows) live once.
 * Obtain one with {@link TableMetadata#toBuilder()}.
 *
 * <p>Ids of added schemas, specs and sort orders are assigned here: adding one that equals an
 * existing one reuses that id. {@code -1} as the id to make current means "the last one added by
 * this builder", as in the Iceberg REST protocol.
 */
public final class TableMetadataBuilder {
  /** In set-current/default calls: the schema, spec or sort order added last by this builder. */
  public static final int LAST_ADDED = -1;
  private static final long UPDATE_TIME = Long.MIN_VALUE;

  private final TableMetadata base;
  private int formatVersion;
  private String tableUuid;
  private String location;
  private long lastSequenceNumber;
  private Optional<Long> lastUpdatedMs = Optional.empty();
  private int lastColumnId;
  private final List<Schema> schemas;
  private int currentSchemaId;
  private final List<PartitionSpec> specs;
  private int defaultSpecId;
  private int lastPartitionId;
  private final List<SortOrder> sortOrders;
  private int defaultSortOrderId;
  private final Map<String, String> properties;
  private final List<Snapshot> snapshots;
  private List<HistoryEntry> snapshotLog;
  private List<MetadataLogEntry> metadataLog;
  private final Map<String, SnapshotRef> refs;
  private long nextRowId;
  private final List<StatisticsFile> statistics;
  private final List<PartitionStatisticsFile> partitionStatistics;
  private final List<EncryptedKey> encryptionKeys;
  private final Set<Long> addedSnapshotIds = new HashSet<>();
  private Integer lastAddedSchemaId;
  private Integer lastAddedSpecId;
  private Integer lastAddedSortOrderId;
  private boolean changed;

  TableMetadataBuilder(TableMetadata base) {
    this.base = base;
    this.formatVersion = base.formatVersion();
    this.tableUuid = base.tableUuid();
    this.location = base.location();
    this.lastSequenceNumber = base.lastSequenceNumber();
    this.lastColumnId = base.lastColumnId();
    this.schemas = new ArrayList<>(base.schemas());
    this.currentSchemaId = base.currentSchemaId();
    this.specs = new ArrayList<>(base.specs());
    this.defaultSpecId = base.defaultSpecId();
    this.lastPartitionId = base.lastPartitionId();
    this.sortOrders = new ArrayList<>(base.sortOrders());
    this.defaultSortOrderId = base.defaultSortOrderId();
    this.properties = new LinkedHashMap<>(base.properties());
    this.snapshots = new ArrayList<>(base.snapshots());
    this.snapshotLog = new ArrayList<>(base.snapshotLog());
    this.metadataLog = new ArrayList<>(base.metadataLog());
    this.refs = new LinkedHashMap<>(base.refs());
    this.nextRowId = base.nextRowId();
    this.statistics = new ArrayList<>(base.statistics());
    this.partitionStatistics = new ArrayList<>(base.partitionStatistics());
    this.encryptionKeys = new ArrayList<>(base.encryptionKeys());
  }

  public TableMetadata base() {
    return base;
  }

  /** The time the new metadata records as its last update; defaults to now when anything changed. */
  public TableMetadataBuilder lastUpdatedMs(long millis) {
    lastUpdatedMs = Optional.of(millis);
    return this;
  }

  public TableMetadataBuilder assignUuid(String uuid) {
    if (uuid == null || uuid.isBlank()) {
      throw new InvalidInputException("uuid", "must not be blank");
    }
    if (!tableUuid.isEmpty() && !tableUuid.equals(uuid)) {
      throw new ValidationException("cannot reassign the table uuid from " + tableUuid + " to " + uuid);
    }
    if (!tableUuid.equals(uuid)) {
      tableUuid = uuid;
      changed = true;
    }
    return this;
  }

  public TableMetadataBuilder upgradeFormatVersion(int version) {
    if (version < formatVersion) {
      throw new ValidationException("cannot downgrade format-version from " + formatVersion + " to " + version);
    }
    if (version > TableMetadata.MAX_FORMAT_VERSION) {
      throw new InvalidInputException("format-version", "unsupported format version " + version
          + "; at most " + TableMetadata.MAX_FORMAT_VERSION);
    }
    if (version != formatVersion) {
      formatVersion = version;
      changed = true;
    }
    return this;
  }

  public TableMetadataBuilder setLocation(String newLocation) {
    if (newLocation == null || newLocation.isBlank()) {
      throw new InvalidInputException("location", "must not be blank");
    }
    if (!newLocation.equals(location)) {
      location = newLocation;
      changed = true;
    }
    return this;
  }

  /**
   * Adds a schema, assigning it the next schema id, or reusing the id of an existing schema with
   * the same fields. The schema's own id is ignored.
   */
  public TableMetadataBuilder addSchema(Schema schema) {
    java.util.OptionalInt same = sameSchemaId(schemas, schema);
    if (same.isPresent()) {
      lastAddedSchemaId = same.getAsInt();
      return this;
    }
    int id = schemas.stream().mapToInt(Schema::schemaId).max().orElse(-1) + 1;
    schemas.add(schema.withSchemaId(id));
    lastColumnId = Math.max(lastColumnId, schema.highestFieldId());
    lastAddedSchemaId = id;
    changed = true;
    return this;
  }

  /**
   * The id of a schema among these with the same fields, if any: adding an equal schema reuses
   * its id (tables and views number their schemas alike).
   */
  public static java.util.OptionalInt sameSchemaId(List<Schema> schemas, Schema schema) {
    return schemas.stream().filter(existing -> existing.sameStructure(schema)).mapToInt(Schema::schemaId).findFirst();
  }

  public TableMetadataBuilder setCurrentSchema(int schemaId) {
    int id = resolveLastAdded(schemaId, lastAddedSchemaId, "schema");
    if (schemas.stream().noneMatch(s -> s.schemaId() == id)) {
      throw new InvalidInputException("schema-id", "no schema with id " + id);
    }
    if (id != currentSchemaId) {
      currentSchemaId = id;
      changed = true;
    }
    return this;
  }

  /**
   * Adds a partition spec, assigning the next spec id (or reusing the id of an equal spec).
   * Every source column must exist in the current schema.
   */
  public TableMetadataBuilder addPartitionSpec(PartitionSpec spec) {
    Schema schema = currentSchema();
    for (PartitionField f : spec.fields()) {
      if (schema.findField(f.sourceId()).isEmpty()) {
        throw new InvalidInputException("partition-spec", "partition field '" + f.name()
            + "' refers to column id " + f.sourceId() + ", which the current schema does not have");
      }
    }
    for (PartitionSpec existing : specs) {
      if (existing.fields().equals(spec.fields())) {
        lastAddedSpecId = existing.specId();
        return this;
      }
    }
    int id = specs.stream().mapToInt(PartitionSpec::specId).max().orElse(-1) + 1;
    specs.add(new PartitionSpec(id, spec.fields()));
    lastPartitionId = Math.max(lastPartitionId, spec.lastAssignedFieldId());
    lastAddedSpecId = id;
    changed = true;
    return this;
  }

  public TableMetadataBuilder setDefaultPartitionSpec(int specId) {
    int id = resolveLastAdded(specId, lastAddedSpecId, "partition spec");
    if (specs.stream().noneMatch(s -> s.specId() == id)) {
      throw new InvalidInputException("spec-id", "no partition spec with id " + id);
    }
    if (id != defaultSpecId) {
      defaultSpecId = id;
      changed = true;
    }
    return this;
  }

  /** Adds a sort order, assigning the next order id (0 stays "unsorted"), or reusing an equal one's. */
  public TableMetadataBuilder addSortOrder(SortOrder order) {
    for (SortOrder existing : sortOrders) {
      if (existing.fields().equals(order.fields())) {
        lastAddedSortOrderId = existing.orderId();
        return this;
      }
    }
    Schema schema = currentSchema();
    for (SortOrder.SortField f : order.fields()) {
      if (schema.findField(f.sourceId()).isEmpty()) {
        throw new InvalidInputException("sort-order", "sort field refers to column id "
            + f.sourceId() + ", which the current schema does not have");
      }
    }
    int id = order.isUnsorted() ? 0
        : Math.max(1, sortOrders.stream().mapToInt(SortOrder::orderId).max().orElse(0) + 1);
    sortOrders.add(new SortOrder(id, order.fields()));
    lastAddedSortOrderId = id;
    changed = true;
    return this;
  }

  public TableMetadataBuilder setDefaultSortOrder(int orderId) {
    int id = resolveLastAdded(orderId, lastAddedSortOrderId, "sort order");
    if (sortOrders.stream().noneMatch(s -> s.orderId() == id)) {
      throw new InvalidInputException("sort-order-id", "no sort order with id " + id);
    }
    if (id != defaultSortOrderId) {
      defaultSortOrderId = id;
      changed = true;
    }
    return this;
  }

  /**
   * Adds a snapshot without making it current; {@link #setRef} (or {@link #setBranchSnapshot})
   * puts it on a branch.
   */
  public TableMetadataBuilder addSnapshot(Snapshot snapshot) {
    if (snapshots.stream().anyMatch(s -> s.snapshotId() == snapshot.snapshotId())) {
      throw new ValidationException("snapshot " + snapshot.snapshotId() + " already exists");
    }
    if (formatVersion > 1 && snapshot.sequenceNumber() <= lastSequenceNumber
        && snapshot.parentId().isPresent()) {
      throw new ValidationException("snapshot " + snapshot.snapshotId() + " has sequence number "
          + snapshot.sequenceNumber() + ", not above the table's last sequence number " + lastSequenceNumber);
    }
    if (formatVersion >= 3) {
      // Iceberg v3 row lineage: a snapshot's rows take ids from the table's next row id on
      long first = snapshot.firstRowId().orElseThrow(() -> new InvalidInputException("snapshot",
          "snapshot " + snapshot.snapshotId() + " of a format version 3 table needs a first-row-id"));
      if (first < nextRowId) {
        throw new ValidationException("snapshot " + snapshot.snapshotId() + " has first-row-id " + first
            + ", below the table's next-row-id " + nextRowId);
      }
      nextRowId = first + snapshot.addedRows().orElseThrow(() -> new InvalidInputException("snapshot",
          "snapshot " + snapshot.snapshotId() + " of a format version 3 table needs added-rows"));
    }
    snapshots.add(snapshot);
    addedSnapshotIds.add(snapshot.snapshotId());
    lastSequenceNumber = Math.max(lastSequenceNumber, snapshot.sequenceNumber());
    changed = true;
    return this;
  }

  /**
   * Points a branch or tag at a snapshot. Moving {@code main} changes the current snapshot and
   * adds a snapshot-log entry (timestamped with the snapshot's own time when it was added by this
   * builder, otherwise with the update time).
   */
  public TableMetadataBuilder setRef(String name, SnapshotRef ref) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("ref-name", "must not be blank");
    }
    Snapshot snapshot = snapshots.stream().filter(s -> s.snapshotId() == ref.snapshotId()).findFirst()
        .orElseThrow(() -> new InvalidInputException("snapshot-id", "ref '" + name
            + "' cannot point at snapshot " + ref.snapshotId() + ": the table has no such snapshot"));
    if (name.equals(SnapshotRef.MAIN) && ref.type() != SnapshotRef.Type.BRANCH) {
      throw new InvalidInputException("ref-name", "'main' must be a branch");
    }
    SnapshotRef existing = refs.get(name);
    if (ref.equals(existing)) {
      return this;
    }
    refs.put(name, ref);
    changed = true;
    if (name.equals(SnapshotRef.MAIN)) {
      // an existing snapshot made current again is logged at the update time, known at build()
      long at = addedSnapshotIds.contains(snapshot.snapshotId()) ? snapshot.timestampMs() : UPDATE_TIME;
      snapshotLog.add(new HistoryEntry(at, snapshot.snapshotId()));
    }
    return this;
  }

  /** Moves a branch to a snapshot, keeping the branch's retention settings (creating it if new). */
  public TableMetadataBuilder setBranchSnapshot(String branch, long snapshotId) {
    SnapshotRef existing = refs.get(branch);
    if (existing != null && existing.type() != SnapshotRef.Type.BRANCH) {
      throw new InvalidInputException("branch", "'" + branch + "' is a tag, not a branch");
    }
    return setRef(branch, existing == null ? SnapshotRef.branch(snapshotId) : existing.withSnapshotId(snapshotId));
  }

  /** Removes a branch or tag; removing {@code main} leaves the table with no current snapshot. */
  public TableMetadataBuilder removeRef(String name) {
    if (refs.remove(name) != null) {
      changed = true;
    }
    return this;
  }

  /**
   * Removes snapshots from the metadata, with the refs that point at them. The snapshot log loses
   * every entry up to and including the last one that names a removed snapshot (Iceberg's rule):
   * keeping earlier entries would make time travel to a moment when a removed snapshot was
   * current answer with an older snapshot instead of failing. Their files are not touched:
   * deleting files is expiration's business.
   */
  public TableMetadataBuilder removeSnapshots(Collection<Long> snapshotIds) {
    Set<Long> ids = new HashSet<>(snapshotIds);
    if (snapshots.removeIf(s -> ids.contains(s.snapshotId()))) {
      changed = true;
    }
    if (refs.values().removeIf(r -> ids.contains(r.snapshotId()))) {
      changed = true;
    }
    int cut = 0;
    for (int i = 0; i < snapshotLog.size(); i++) {
      if (ids.contains(snapshotLog.get(i).snapshotId())) {
        cut = i + 1;
      }
    }
    if (cut > 0) {
      snapshotLog = new ArrayList<>(snapshotLog.subList(cut, snapshotLog.size()));
      changed = true;
    }
    // statistics describe snapshots; they leave with them
    if (statistics.removeIf(f -> ids.contains(f.snapshotId()))
        | partitionStatistics.removeIf(f -> ids.contains(f.snapshotId()))) {
      changed = true;
    }
    return this;
  }

  /** Sets the statistics file of its snapshot, replacing one the snapshot had. */
  public TableMetadataBuilder setStatistics(StatisticsFile file) {
    statistics.removeIf(f -> f.snapshotId() == file.snapshotId());
    statistics.add(file);
    changed = true;
    return this;
  }

  public TableMetadataBuilder removeStatistics(long snapshotId) {
    if (statistics.removeIf(f -> f.snapshotId() == snapshotId)) {
      changed = true;
    }
    return this;
  }

  public TableMetadataBuilder setPartitionStatistics(PartitionStatisticsFile file) {
    partitionStatistics.removeIf(f -> f.snapshotId() == file.snapshotId());
    partitionStatistics.add(file);
    changed = true;
    return this;
  }

  public TableMetadataBuilder removePartitionStatistics(long snapshotId) {
    if (partitionStatistics.removeIf(f -> f.snapshotId() == snapshotId)) {
      changed = true;
    }
    return this;
  }

  public TableMetadataBuilder addEncryptionKey(EncryptedKey key) {
    if (encryptionKeys.stream().anyMatch(k -> k.keyId().equals(key.keyId()))) {
      throw new ValidationException("encryption key " + key.keyId() + " already exists");
    }
    encryptionKeys.add(key);
    changed = true;
    return this;
  }

  public TableMetadataBuilder removeEncryptionKey(String keyId) {
    if (encryptionKeys.removeIf(k -> k.keyId().equals(keyId))) {
      changed = true;
    }
    return this;
  }

  public TableMetadataBuilder setProperties(Map<String, String> updates) {
    for (Map.Entry<String, String> e : updates.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new InvalidInputException("properties", "keys and values must not be null");
      }
      if (!e.getValue().equals(properties.put(e.getKey(), e.getValue()))) {
        changed = true;
      }
    }
    return this;
  }

  public TableMetadataBuilder removeProperties(Collection<String> keys) {
    for (String k : keys) {
      if (properties.containsKey(k)) {
        properties.remove(k);
        changed = true;
      }
    }
    return this;
  }

  /** Replaces all properties (the ones not named are removed). */
  public TableMetadataBuilder replaceProperties(Map<String, String> newProperties) {
    List<String> gone = new ArrayList<>(properties.keySet());
    gone.removeAll(newProperties.keySet());
    removeProperties(gone);
    return setProperties(newProperties);
  }

  public TableMetadataBuilder removePartitionSpecs(Collection<Integer> specIds) {
    if (specIds.contains(defaultSpecId)) {
      throw new ValidationException("cannot remove the default partition spec " + defaultSpecId);
    }
    if (specs.removeIf(s -> specIds.contains(s.specId()))) {
      changed = true;
    }
    return this;
  }

  public TableMetadataBuilder removeSchemas(Collection<Integer> schemaIds) {
    if (schemaIds.contains(currentSchemaId)) {
      throw new ValidationException("cannot remove the current schema " + currentSchemaId);
    }
    if (schemas.removeIf(s -> schemaIds.contains(s.schemaId()))) {
      changed = true;
    }
    return this;
  }

  /**
   * Floe's history archiving: keeps only these snapshots and snapshot-log entries inline (the
   * rest now live in history files named by properties). Refs must still point at inline snapshots.
   */
  public TableMetadataBuilder replaceInlineHistory(List<Snapshot> inlineSnapshots, List<HistoryEntry> inlineLog) {
    Set<Long> kept = new HashSet<>();
    inlineSnapshots.forEach(s -> kept.add(s.snapshotId()));
    for (Map.Entry<String, SnapshotRef> r : refs.entrySet()) {
      if (!kept.contains(r.getValue().snapshotId())) {
        throw new ValidationException("ref '" + r.getKey() + "' points at snapshot "
            + r.getValue().snapshotId() + ", which would leave the metadata");
      }
    }
    snapshots.clear();
    snapshots.addAll(inlineSnapshots);
    snapshotLog = new ArrayList<>(inlineLog);
    changed = true;
    return this;
  }

  /** The metadata log is kept by the table's operations (the previous metadata files). */
  public TableMetadataBuilder metadataLog(List<MetadataLogEntry> log) {
    metadataLog = new ArrayList<>(log);
    return this;
  }

  public TableMetadata build() {
    if (!changed && lastUpdatedMs.isEmpty() && metadataLog.equals(base.metadataLog())) {
      return base;
    }
    long updatedAt = lastUpdatedMs.orElseGet(() -> changed ? System.currentTimeMillis() : base.lastUpdatedMs());
    SnapshotRef main = refs.get(SnapshotRef.MAIN);
    List<HistoryEntry> log = snapshotLog.stream()
        .map(h -> h.timestampMs() == UPDATE_TIME ? new HistoryEntry(updatedAt, h.snapshotId()) : h)
        .toList();
    return new TableMetadata(formatVersion, tableUuid, location, lastSequenceNumber, updatedAt,
        lastColumnId, schemas, currentSchemaId, specs, defaultSpecId, lastPartitionId, sortOrders,
        defaultSortOrderId, properties, Optional.ofNullable(main).map(SnapshotRef::snapshotId),
        snapshots, log, metadataLog, refs, nextRowId, statistics, partitionStatistics, encryptionKeys);
  }

  private Schema currentSchema() {
    return schemas.stream().filter(s -> s.schemaId() == currentSchemaId).findFirst()
        .orElseThrow(() -> new InvalidInputException("schema", "the table has no current schema yet: "
            + "add a schema and make it current first"));
  }

  private static int resolveLastAdded(int id, Integer lastAdded, String what) {
    if (id != LAST_ADDED) {
      return id;
    }
    if (lastAdded == null) {
      throw new InvalidInputException(what + "-id", "-1 means the last added " + what
          + ", but none was added in this change");
    }
    return lastAdded;
  }
}
