package dev.floe.server.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.floe.codec.TableMetadataJson;
import dev.floe.codec.ViewMetadataJson;
import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileIO;
import dev.floe.metadata.TableMetadata;
import dev.floe.view.ViewMetadata;
import java.util.UUID;

/**
 * Reads and writes table and view metadata files, and caches parsed ones. A metadata file never
 * changes once written, so the cache needs no invalidation for correctness: a commit writes a new
 * file and moves the pointer, and the old entry simply ages out. Files are named
 * {@code metadata/<version, 5 digits>-<uuid>.metadata.json}: sortable, and unique even when two
 * servers race for the same version.
 */
public final class MetadataFiles {
  private final FileIO io;
  private final Cache<String, TableMetadata> tables;
  private final Cache<String, ViewMetadata> views;

  public MetadataFiles(FileIO io, long maxCached) {
    this.io = io;
    this.tables = Caffeine.newBuilder().maximumSize(maxCached).build();
    this.views = Caffeine.newBuilder().maximumSize(maxCached).build();
  }

  public FileIO io() {
    return io;
  }

  public static String fileName(long version) {
    return String.format("%05d-%s.metadata.json", version, UUID.randomUUID());
  }

  /**
   * The metadata at a location. A cached parse is only served while the file still exists: a
   * deleted metadata file must read as missing, not as the last thing seen.
   *
   * @throws NotFoundException if the file is gone
   */
  public TableMetadata readTable(String location) {
    return cached(tables, location, TableMetadataJson::fromJson);
  }

  public ViewMetadata readView(String location) {
    return cached(views, location, ViewMetadataJson::fromJson);
  }

  private <T> T cached(Cache<String, T> cache, String location, java.util.function.BiFunction<String, byte[], T> parse) {
    T hit = cache.getIfPresent(location);
    if (hit != null && io.newInputFile(location).exists()) {
      return hit;
    }
    T m = parse.apply(location, read(location));
    cache.put(location, m);
    return m;
  }

  /** Parses a file a client named (register): a bad file is the client's mistake, a 400. */
  public TableMetadata readForeignTable(String location) {
    try {
      return TableMetadataJson.fromJson(location, read(location));
    } catch (CorruptFileException e) {
      throw new InvalidInputException("metadata-location", "not a readable table metadata file");
    }
  }

  public ViewMetadata readForeignView(String location) {
    try {
      return ViewMetadataJson.fromJson(location, read(location));
    } catch (CorruptFileException e) {
      throw new InvalidInputException("metadata-location", "not a readable view metadata file");
    }
  }

  /** @throws NotFoundException in the wording Iceberg clients expect when the file is gone */
  private byte[] read(String location) {
    try {
      return io.newInputFile(location).readAllBytes();
    } catch (NotFoundException missing) {
      throw new NotFoundException("Failed to open input stream for file: " + location);
    }
  }

  /** Writes a new file exclusively (never over another's) and caches what it holds. */
  public void writeTable(String location, TableMetadata metadata) {
    io.newOutputFile(location).createExclusive(TableMetadataJson.toJson(metadata));
    tables.put(location, metadata);
  }

  public void writeView(String location, ViewMetadata metadata) {
    io.newOutputFile(location).createExclusive(ViewMetadataJson.toJson(metadata));
    views.put(location, metadata);
  }

  /** Forgets a parsed file that is no longer current (after a commit or drop). */
  public void discardCached(String location) {
    tables.invalidate(location);
    views.invalidate(location);
  }

  /** Removes a file this server wrote for a commit that lost its race. */
  public void discard(String location) {
    tables.invalidate(location);
    views.invalidate(location);
    try {
      io.delete(location);
    } catch (RuntimeException ignored) {
      // an orphan metadata file is harmless: nothing points at it
    }
  }
}
