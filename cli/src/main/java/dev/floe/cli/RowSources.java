package dev.floe.cli;

import dev.floe.error.InvalidInputException;
import dev.floe.error.NotFoundException;
import dev.floe.error.StorageException;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Picks the reader for an input file by its extension. */
final class RowSources {
  enum Format { CSV, JSON, PARQUET }

  private RowSources() {}

  static Format formatOf(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
      return Format.JSON;
    }
    if (lower.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    throw new InvalidInputException(file, "unknown input format; expected a .csv, .jsonl, .json or .parquet file");
  }

  /** Checks the file before anything is written: known format, exists, readable. Returns its size. */
  static long check(String file) {
    formatOf(file);
    Path p = Path.of(file);
    if (!Files.exists(p)) {
      throw new NotFoundException(file + ": no such file");
    }
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new InvalidInputException(file, "not a readable file");
    }
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static RowSource open(String file, RowShape shape, Map<String, String> conf) {
    Path p = Path.of(file);
    switch (formatOf(file)) {
      case PARQUET: {
        String location = p.toAbsolutePath().normalize().toString();
        FileIO io = FileIOs.forLocation(location, conf);
        return new ParquetRowSource(file, io.newInputFile(location), shape);
      }
      case CSV:
        return new CsvRowSource(file, stream(file, p), shape);
      default:
        return new JsonRowSource(file, stream(file, p), shape);
    }
  }

  private static InputStream stream(String file, Path p) {
    try {
      return Files.newInputStream(p);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }
}
