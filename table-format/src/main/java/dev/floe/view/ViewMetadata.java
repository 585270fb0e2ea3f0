package dev.floe.view;

import dev.floe.types.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A view's state in the Apache Iceberg view-metadata shape: its versions (each a SQL text per
 * dialect over a schema), which one is current, and the log of when each became current.
 * Immutable; {@link ViewMetadataBuilder} makes the next one.
 */
public record ViewMetadata(String viewUuid, int formatVersion, String location, int currentVersionId,
    List<ViewVersion> versions, List<VersionLogEntry> versionLog, List<Schema> schemas,
    Map<String, String> properties) {

  public static final int FORMAT_VERSION = 1;
  /** View property: how many versions to keep (the current one always stays). */
  public static final String VERSION_HISTORY_SIZE = "version.history.num-entries";
  /** View property: whether a new version may drop a SQL dialect the current version has. */
  public static final String REPLACE_DROP_DIALECT_ALLOWED = "replace.drop-dialect.allowed";

  public ViewMetadata {
    Objects.requireNonNull(viewUuid, "viewUuid");
    Objects.requireNonNull(location, "location");
    versions = List.copyOf(versions);
    versionLog = List.copyOf(versionLog);
    schemas = List.copyOf(schemas);
    properties = Map.copyOf(properties);
  }

  /** The blank a view is created from by updates. */
  public static ViewMetadata empty() {
    return new ViewMetadata("", FORMAT_VERSION, "", -1, List.of(), List.of(), List.of(), Map.of());
  }

  public Optional<ViewVersion> version(int versionId) {
    return versions.stream().filter(v -> v.versionId() == versionId).findFirst();
  }

  public Optional<ViewVersion> currentVersion() {
    return version(currentVersionId);
  }

  public Optional<Schema> schema(int schemaId) {
    return schemas.stream().filter(s -> s.schemaId() == schemaId).findFirst();
  }

  public ViewMetadataBuilder toBuilder() {
    return new ViewMetadataBuilder(this);
  }

  /** When a version became the view's current one. */
  public record VersionLogEntry(long timestampMs, int versionId) {}
}
