package dev.floe.spark;

import dev.floe.codec.TableMetadataJson;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import dev.floe.metadata.TableMetadata;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an executor needs to read or write files of a table, shipped with each task: the table's
 * schemas, specs and properties (its metadata without the snapshot history, as Floe's own JSON)
 * and the catalog's storage properties. Floe's values are not Java-serializable on purpose; the
 * metadata JSON is the one wire form.
 */
public final class TableContext implements Serializable {
  private static final long serialVersionUID = 1L;
  /** One FileIO per storage configuration and executor JVM: S3 clients are costly to build. */
  private static final Map<String, FileIO> IOS = new ConcurrentHashMap<>();

  private final String name;
  private final String location;
  private final byte[] metadataJson;
  private final HashMap<String, String> storageProperties;
  private transient TableMetadata metadata;

  private TableContext(String name, String location, byte[] metadataJson, Map<String, String> storageProperties) {
    this.name = name;
    this.location = location;
    this.metadataJson = metadataJson;
    this.storageProperties = new HashMap<>(storageProperties);
  }

  public static TableContext of(String name, TableMetadata m, Map<String, String> storageProperties) {
    TableMetadata trimmed = new TableMetadata(m.formatVersion(), m.tableUuid(), m.location(),
        m.lastSequenceNumber(), m.lastUpdatedMs(), m.lastColumnId(), m.schemas(), m.currentSchemaId(), m.specs(),
        m.defaultSpecId(), m.lastPartitionId(), m.sortOrders(), m.defaultSortOrderId(), m.properties(),
        Optional.empty(), List.of(), List.of(), List.of(), Map.of());
    TableContext c = new TableContext(name, m.location(), TableMetadataJson.toJson(trimmed), storageProperties);
    c.metadata = trimmed;
    return c;
  }

  public String name() {
    return name;
  }

  /** The table's schemas, specs and properties; no snapshots. */
  public TableMetadata metadata() {
    if (metadata == null) {
      metadata = TableMetadataJson.fromJson(location + " (task context)", metadataJson);
    }
    return metadata;
  }

  public Map<String, String> storageProperties() {
    return storageProperties;
  }

  /** The storage of the table's files; shared, do not close. */
  public FileIO io() {
    String key = FileIOs.scheme(location) + new java.util.TreeMap<>(storageProperties);
    return IOS.computeIfAbsent(key, k -> FileIOs.forLocation(location, storageProperties));
  }
}
