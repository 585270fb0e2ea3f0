package dev.floe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.iceberg.LocationProviders;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * The leanest file-based Iceberg commit we could write: {@code metadata/v<N>.metadata.json}
 * published by hard-linking a fully written temp file (link fails if the name exists: the
 * compare-and-swap), plain java.nio, no fsync, no version-hint file, no lock, no re-read of the
 * file just written. Iceberg itself does the rest (snapshot, manifests, retries). This is
 * Iceberg at its best on a local disk; HadoopTables is measured separately.
 */
final class LeanTableOperations implements TableOperations {
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.metadata\\.json");

  private final Path location;
  private final Path metadataDir;
  private final FileIO io;
  private final AtomicLong conflicts;
  private TableMetadata current;
  private long version;

  LeanTableOperations(Path location, FileIO io, AtomicLong conflicts) {
    this.location = location;
    this.metadataDir = location.resolve("metadata");
    this.io = io;
    this.conflicts = conflicts;
  }

  @Override
  public synchronized TableMetadata current() {
    return current == null ? refresh() : current;
  }

  @Override
  public synchronized TableMetadata refresh() {
    long v = version == 0 ? highestVersion() : version;
    if (v == 0) {
      throw new NoSuchTableException("no Iceberg table at %s", location);
    }
    while (Files.exists(file(v + 1))) {
      v++;
    }
    if (v != version || current == null) {
      current = TableMetadataParser.read(io, file(v).toString());
      version = v;
    }
    return current;
  }

  private long highestVersion() {
    if (!Files.isDirectory(metadataDir)) {
      return 0;
    }
    long max = 0;
    try (Stream<Path> files = Files.list(metadataDir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Long.parseLong(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return max;
  }

  private Path file(long v) {
    return metadataDir.resolve("v" + v + ".metadata.json");
  }

  @Override
  public synchronized void commit(TableMetadata base, TableMetadata metadata) {
    if (base != null && base != current) {
      conflicts.incrementAndGet();
      throw new CommitFailedException("table %s changed since this commit began", location);
    }
    long next = base == null ? 1 : version + 1;
    Path target = file(next);
    Path temp = metadataDir.resolve(".v" + next + "-" + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(metadataDir);
      Files.write(temp, TableMetadataParser.toJson(metadata).getBytes(StandardCharsets.UTF_8));
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException lost) {
        conflicts.incrementAndGet();
        throw new CommitFailedException("version %d of %s was committed by another writer", next, location);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    current = TableMetadata.buildFrom(metadata).discardChanges().withMetadataLocation(target.toString()).build();
    version = next;
  }

  @Override
  public FileIO io() {
    return io;
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return metadataDir.resolve(fileName).toString();
  }

  @Override
  public LocationProvider locationProvider() {
    TableMetadata m = current();
    return LocationProviders.locationsFor(m.location(), m.properties());
  }
}
