package dev.floe.bench;

/**
 * A metadata-only data file for the commit and planning workloads: rows {@code idLow ..
 * idLow + rows - 1}, registered with full column statistics but never written. Each system turns
 * it into its own data-file entry with the same statistics (see {@link #stats()}).
 */
record FileEntry(String path, long idLow, long rows, long sizeBytes) {
  static final String LOWEST_PAYLOAD = "a".repeat(RowGenerator.PAYLOAD_LENGTH);
  static final String HIGHEST_PAYLOAD = "z".repeat(RowGenerator.PAYLOAD_LENGTH);

  long idHigh() {
    return idLow + rows - 1;
  }

  /** Per-column (field id 1..5) bounds as a writer would have collected them, internal form. */
  Object[][] stats() {
    return new Object[][] {
        {idLow, idHigh()},
        {RowGenerator.tsMicros(idLow), RowGenerator.tsMicros(idHigh())},
        {RowGenerator.CATEGORIES[0], RowGenerator.CATEGORIES[99]},
        {0.0, 999.99},
        {LOWEST_PAYLOAD, HIGHEST_PAYLOAD}};
  }

  /** Estimated on-disk bytes of a column, so size stats look like a real file's. */
  long columnSize(int fieldId) {
    return switch (fieldId) {
      case 1, 2 -> rows * 2;
      case 3 -> rows;
      case 4 -> rows * 8;
      default -> rows * 16;
    };
  }
}
