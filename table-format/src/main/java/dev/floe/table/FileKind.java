package dev.floe.table;

/** What a file of a table is, as maintenance reports count them. */
public enum FileKind {
  DATA, MANIFEST, MANIFEST_LIST, HISTORY, METADATA, OTHER;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
