package dev.floe.manifest;

/** Data file formats. Floe v1 writes Parquet only. */
public enum FileFormat {
  PARQUET;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static FileFormat fromId(String id) {
    for (FileFormat f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new dev.floe.error.InvalidInputException("file-format", "unknown file format '" + id + "'");
  }
}
