package dev.floe.view;

import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place view metadata changes, as {@code TableMetadataBuilder} is for tables: schema and
 * version id assignment ({@code -1} = the last one added here), the version log, and how many
 * old versions are kept.
 */
public final class ViewMetadataBuilder {
  public static final int LAST_ADDED = -1;

  private final ViewMetadata base;
  private String uuid;
  private int formatVersion;
  private String location;
  private int currentVersionId;
  private final List<ViewVersion> versions;
  private final List<ViewMetadata.VersionLogEntry> versionLog;
  private final List<Schema> schemas;
  private final Map<String, String> properties;
  private Integer lastAddedSchemaId;
  private Integer lastAddedVersionId;
  private final Set<Integer> addedVersionIds = new HashSet<>();
  private long nowMs = System.currentTimeMillis();

  ViewMetadataBuilder(ViewMetadata base) {
    this.base = base;
    this.uuid = base.viewUuid();
    this.formatVersion = base.formatVersion();
    this.location = base.location();
    this.currentVersionId = base.currentVersionId();
    this.versions = new ArrayList<>(base.versions());
    this.versionLog = new ArrayList<>(base.versionLog());
    this.schemas = new ArrayList<>(base.schemas());
    this.properties = new LinkedHashMap<>(base.properties());
  }

  public ViewMetadataBuilder nowMs(long millis) {
    nowMs = millis;
    return this;
  }

  public ViewMetadataBuilder assignUuid(String newUuid) {
    if (newUuid == null || newUuid.isBlank()) {
      throw new InvalidInputException("uuid", "must not be blank");
    }
    if (!uuid.isEmpty() && !uuid.equals(newUuid)) {
      throw new ValidationException("cannot reassign the view uuid from " + uuid + " to " + newUuid);
    }
    uuid = newUuid;
    return this;
  }

  public ViewMetadataBuilder upgradeFormatVersion(int version) {
    if (version < formatVersion) {
      throw new ValidationException("cannot downgrade the view format-version from " + formatVersion
          + " to " + version);
    }
    if (version > ViewMetadata.FORMAT_VERSION) {
      throw new InvalidInputException("format-version", "unsupported view format version " + version
          + "; at most " + ViewMetadata.FORMAT_VERSION);
    }
    formatVersion = version;
    return this;
  }

  public ViewMetadataBuilder setLocation(String newLocation) {
    if (newLocation == null || newLocation.isBlank()) {
      throw new InvalidInputException("location", "must not be blank");
    }
    location = newLocation;
    return this;
  }

  public ViewMetadataBuilder setProperties(Map<String, String> updates) {
    properties.putAll(updates);
    return this;
  }

  public ViewMetadataBuilder removeProperties(Collection<String> keys) {
    keys.forEach(properties::remove);
    return this;
  }

  /** Adds a schema with the next id, or reuses the id of an equal one. */
  public ViewMetadataBuilder addSchema(Schema schema) {
    java.util.OptionalInt same = dev.floe.metadata.TableMetadataBuilder.sameSchemaId(schemas, schema);
    if (same.isPresent()) {
      lastAddedSchemaId = same.getAsInt();
      return this;
    }
    int id = schemas.stream().mapToInt(Schema::schemaId).max().orElse(-1) + 1;
    schemas.add(schema.withSchemaId(id));
    lastAddedSchemaId = id;
    return this;
  }

  /**
   * Adds a version with the next id (or reuses the id of an existing version that says the same).
   * Its schema id {@code -1} means the schema added last here.
   */
  public ViewMetadataBuilder addVersion(ViewVersion version) {
    int schemaId = version.schemaId();
    if (schemaId == LAST_ADDED) {
      if (lastAddedSchemaId == null) {
        throw new InvalidInputException("schema-id", "-1 means the last added schema, but none was added");
      }
      schemaId = lastAddedSchemaId;
    }
    int sid = schemaId;
    if (schemas.stream().noneMatch(s -> s.schemaId() == sid)) {
      throw new InvalidInputException("schema-id", "view version refers to schema " + sid + ", which does not exist");
    }
    Set<String> dialects = new HashSet<>();
    for (ViewVersion.Representation r : version.representations()) {
      if (!dialects.add(r.dialect().toLowerCase(java.util.Locale.ROOT))) {
        throw new InvalidInputException("representations", "Invalid view version: Cannot add multiple queries"
            + " for dialect " + r.dialect().toLowerCase(java.util.Locale.ROOT));
      }
    }
    ViewVersion candidate = version.withIds(0, schemaId);
    for (ViewVersion existing : versions) {
      if (existing.sameContent(candidate)) {
        lastAddedVersionId = existing.versionId();
        return this;
      }
    }
    int id = versions.stream().mapToInt(ViewVersion::versionId).max().orElse(0) + 1;
    versions.add(version.withIds(id, schemaId));
    addedVersionIds.add(id);
    lastAddedVersionId = id;
    return this;
  }

  public ViewMetadataBuilder setCurrentVersion(int versionId) {
    int id = versionId;
    if (id == LAST_ADDED) {
      if (lastAddedVersionId == null) {
        throw new InvalidInputException("view-version-id", "-1 means the last added version, but none was added");
      }
      id = lastAddedVersionId;
    }
    int vid = id;
    ViewVersion v = versions.stream().filter(x -> x.versionId() == vid).findFirst().orElseThrow(() ->
        new InvalidInputException("view-version-id", "the view has no version " + vid));
    if (id != currentVersionId) {
      currentVersionId = id;
      long at = addedVersionIds.contains(id) ? v.timestampMs() : nowMs;
      versionLog.add(new ViewMetadata.VersionLogEntry(at, id));
    }
    return this;
  }

  public ViewMetadata build() {
    if (uuid.isEmpty()) {
      throw new InvalidInputException("view-uuid", "a view needs a uuid");
    }
    if (location.isEmpty()) {
      throw new InvalidInputException("location", "a view needs a location");
    }
    if (versions.isEmpty() || currentVersionId < 0) {
      throw new InvalidInputException("current-version-id", "a view needs a current version");
    }
    checkNoDroppedDialect();
    int keep = Math.max(1, parseInt(properties.get(ViewMetadata.VERSION_HISTORY_SIZE), 10));
    List<ViewVersion> kept = new ArrayList<>(versions);
    while (kept.size() > keep) {
      // the oldest version that is not current leaves first
      ViewVersion oldest = kept.stream().filter(v -> v.versionId() != currentVersionId).findFirst().orElseThrow();
      kept.remove(oldest);
    }
    Set<Integer> keptIds = new HashSet<>();
    kept.forEach(v -> keptIds.add(v.versionId()));
    List<ViewMetadata.VersionLogEntry> log = versionLog.stream().filter(e -> keptIds.contains(e.versionId())).toList();
    return new ViewMetadata(uuid, formatVersion, location, currentVersionId, kept, log, schemas, properties);
  }

  private void checkNoDroppedDialect() {
    if (Boolean.parseBoolean(properties.getOrDefault(ViewMetadata.REPLACE_DROP_DIALECT_ALLOWED, "false"))) {
      return;
    }
    ViewVersion previous = base.currentVersion().orElse(null);
    ViewVersion next = versions.stream().filter(v -> v.versionId() == currentVersionId).findFirst().orElse(null);
    if (previous == null || next == null || previous.versionId() == next.versionId()) {
      return;
    }
    Set<String> now = new HashSet<>();
    next.representations().forEach(r -> now.add(r.dialect().toLowerCase(java.util.Locale.ROOT)));
    for (ViewVersion.Representation r : previous.representations()) {
      if (!now.contains(r.dialect().toLowerCase(java.util.Locale.ROOT))) {
        throw new ValidationException("cannot replace the view: the new version drops the SQL for dialect "
            + r.dialect() + " (set " + ViewMetadata.REPLACE_DROP_DIALECT_ALLOWED + "=true to allow it)");
      }
    }
  }

  private static int parseInt(String v, int dflt) {
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(ViewMetadata.VERSION_HISTORY_SIZE, "must be a whole number, got '" + v + "'");
    }
  }
}
