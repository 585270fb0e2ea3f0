package dev.floe.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One version of a view: its SQL per dialect, the schema it produces, and how to resolve names in it. */
public record ViewVersion(int versionId, long timestampMs, int schemaId, Map<String, String> summary,
    List<Representation> representations, Optional<String> defaultCatalog, List<String> defaultNamespace) {

  public ViewVersion {
    summary = Map.copyOf(summary);
    representations = List.copyOf(representations);
    Objects.requireNonNull(defaultCatalog, "defaultCatalog");
    defaultNamespace = List.copyOf(defaultNamespace);
  }

  public ViewVersion withIds(int newVersionId, int newSchemaId) {
    return new ViewVersion(newVersionId, timestampMs, newSchemaId, summary, representations, defaultCatalog,
        defaultNamespace);
  }

  /** Whether two versions say the same thing, ignoring their ids and timestamps. */
  public boolean sameContent(ViewVersion other) {
    return schemaId == other.schemaId && summary.equals(other.summary)
        && representations.equals(other.representations) && defaultCatalog.equals(other.defaultCatalog)
        && defaultNamespace.equals(other.defaultNamespace);
  }

  /** A view's query in one SQL dialect ({@code type} is "sql", the only kind the spec defines). */
  public record Representation(String type, String sql, String dialect) {
    public Representation {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(dialect, "dialect");
    }
  }
}
