package dev.floe.catalog;

import dev.floe.codec.TableMetadataJson;
import dev.floe.commit.TableOperations;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.io.OutputFile;
import dev.floe.metadata.MetadataLogEntry;
import dev.floe.metadata.TableMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metadata of a storage-only table: {@code metadata/v<N>.metadata.json} files, the next one
 * created exclusively (the atomic commit step), and a {@code version-hint.text} that only
 * shortens the search: readers probe forward from it until a version is missing.
 */
public final class StorageTableOperations implements TableOperations {
  public static final String PREVIOUS_VERSIONS_MAX = "write.metadata.previous-versions-max";
  static final int HINT_INTERVAL = 8;
  private static final Pattern VERSION_FILE = Pattern.compile(".*/v(\\d+)\\.metadata\\.json$");

  private final FileIO io;
  private final String location;
  private final String tableName;
  private TableMetadata current;
  private long currentVersion;

  public StorageTableOperations(FileIO io, String location, String tableName) {
    this.io = io;
    this.location = stripTrailingSlash(location);
    this.tableName = tableName;
  }

  static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  String metadataFile(long version) {
    return location + "/metadata/v" + version + ".metadata.json";
  }

  private String hintFile() {
    return location + "/metadata/version-hint.text";
  }

  @Override
  public synchronized TableMetadata current() {
    if (current == null) {
      return refresh();
    }
    return current;
  }

  @Override
  public synchronized TableMetadata refresh() {
    long version = Math.max(currentVersion, readHint());
    if (version == 0) {
      version = highestListedVersion();
    }
    if (version == 0 || !io.newInputFile(metadataFile(version)).exists()) {
      long listed = highestListedVersion();
      if (listed == 0) {
        throw new NoSuchTableException("table " + tableName + " does not exist (no metadata under "
            + location + "/metadata)");
      }
      version = listed;
    }
    while (io.newInputFile(metadataFile(version + 1)).exists()) {
      version++;
    }
    if (version != currentVersion || current == null) {
      current = load(version);
      currentVersion = version;
    }
    return current;
  }

  private TableMetadata load(long version) {
    String path = metadataFile(version);
    byte[] bytes;
    try {
      bytes = io.newInputFile(path).readAllBytes();
    } catch (NotFoundException e) {
      throw new NoSuchTableException("metadata file " + path + " of table " + tableName + " is missing");
    }
    TableMetadata m = TableMetadataJson.fromJson(path, bytes);
    if (!m.isFloeTable()) {
      throw new InvalidInputException("table", tableName + " at " + location + " is an Apache Iceberg"
          + " table (no " + TableMetadata.FLOE_FORMAT_VERSION + " property; its manifests are Avro);"
          + " Floe reads only Floe tables");
    }
    return m;
  }

  private long readHint() {
    try {
      String text = new String(io.newInputFile(hintFile()).readAllBytes(), StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (NotFoundException | NumberFormatException e) {
      return 0; // the hint is only a shortcut; a missing or torn one means "search"
    }
  }

  private long highestListedVersion() {
    long max = 0;
    for (FileInfo f : io.list(location + "/metadata/")) {
      Matcher m = VERSION_FILE.matcher(f.location());
      if (m.matches()) {
        max = Math.max(max, Long.parseLong(m.group(1)));
      }
    }
    return max;
  }

  /** Writes version 1 of a new table. */
  public synchronized void create(TableMetadata metadata) {
    if (highestListedVersion() > 0) {
      throw new AlreadyExistsException("table " + tableName + " already exists at " + location);
    }
    try {
      io.newOutputFile(metadataFile(1)).createExclusive(TableMetadataJson.toJson(metadata));
    } catch (AlreadyExistsException e) {
      throw new AlreadyExistsException("table " + tableName + " already exists at " + location);
    }
    current = metadata;
    currentVersion = 1;
    writeHint(1);
  }

  @Override
  public synchronized void commit(TableMetadata base, TableMetadata updated) {
    if (base != current) {
      throw new CommitFailedException("table " + tableName + " changed since the commit began");
    }
    long next = currentVersion + 1;
    TableMetadata withLog = updated.toBuilder().metadataLog(metadataLog(base, updated)).build();
    OutputFile out = io.newOutputFile(metadataFile(next));
    try {
      out.createExclusive(TableMetadataJson.toJson(withLog));
    } catch (AlreadyExistsException lost) {
      throw new CommitFailedException("another writer committed version " + next + " of " + tableName + " first");
    }
    if (!baseStillExists(next)) {
      // Our base version was deleted: the name we won may have been used and freed already, and no
      // reader would follow our file. Withdraw it and retry on fresh metadata (spec section 13.5).
      io.delete(metadataFile(next));
      throw new CommitFailedException("base version " + currentVersion + " of " + tableName
          + " disappeared during the commit; retrying on the latest metadata");
    }
    current = withLog;
    currentVersion = next;
    if (next % HINT_INTERVAL == 0) {
      // The hint only shortens the search; readers probe forward from it, so refreshing it every
      // few versions saves a durable write on most commits at the cost of a few existence checks.
      writeHint(next);
    }
  }

  /**
   * The post-create check of spec section 13.5. Our file is there by now, so a check that cannot
   * be made leaves the commit's outcome unknown (a stray no reader follows, or a real commit),
   * not failed: reporting it as failed could make a caller apply the same change twice.
   */
  private boolean baseStillExists(long created) {
    try {
      return io.newInputFile(metadataFile(currentVersion)).exists();
    } catch (FloeException e) {
      throw new CommitStateUnknownException("created version " + created + " of " + tableName
          + " but could not check that its base version " + currentVersion + " still exists: " + e.getMessage(), e);
    }
  }

  private List<MetadataLogEntry> metadataLog(TableMetadata base, TableMetadata updated) {
    int max = (int) base.propertyAsLong(PREVIOUS_VERSIONS_MAX, 100);
    List<MetadataLogEntry> log = new ArrayList<>(base.metadataLog());
    log.add(new MetadataLogEntry(base.lastUpdatedMs(), metadataFile(currentVersion)));
    return log.size() > max ? log.subList(log.size() - max, log.size()) : log;
  }

  private void writeHint(long version) {
    try (OutputStream out = io.newOutputFile(hintFile()).create()) {
      out.write(Long.toString(version).getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // Best effort: readers fall back to probing and listing.
    }
  }

  @Override
  public FileIO io() {
    return io;
  }

  @Override
  public synchronized java.util.Optional<String> currentMetadataLocation() {
    current();
    return java.util.Optional.of(metadataFile(currentVersion));
  }

  /** The version number of the current metadata file. */
  public synchronized long currentVersion() {
    current();
    return currentVersion;
  }
}
