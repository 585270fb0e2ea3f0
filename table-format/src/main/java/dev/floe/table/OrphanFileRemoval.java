package dev.floe.table;

import dev.floe.codec.TableMetadataJson;
import dev.floe.error.NotFoundException;
import dev.floe.error.ValidationException;
import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.MetadataLogEntry;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.util.CloseableIterator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class OrphanFileRemoval implements RemoveOrphanFiles {
  // v<N>.metadata.json (storage-only tables) or <N>-<uuid>.metadata.json (written by a catalog server)
  private static final Pattern VERSION =
      Pattern.compile(".*/(?:v(\\d+)|(\\d+)-[0-9a-fA-F-]+)\\.metadata\\.json$");

  private final BaseTable table;
  private Optional<Long> olderThan = Optional.empty();
  private boolean dryRun;
  private MaintenanceListener listener = MaintenanceListener.NONE;

  OrphanFileRemoval(BaseTable table) {
    this.table = table;
  }

  @Override
  public RemoveOrphanFiles olderThan(long timestampMillis) {
    olderThan = Optional.of(timestampMillis);
    return this;
  }

  @Override
  public RemoveOrphanFiles dryRun() {
    dryRun = true;
    return this;
  }

  @Override
  public RemoveOrphanFiles listener(MaintenanceListener l) {
    listener = java.util.Objects.requireNonNull(l, "listener");
    return this;
  }

  @Override
  public CleanupReport execute() {
    long cutoff = olderThan.orElse(System.currentTimeMillis() - DEFAULT_OLDER_THAN_MS);
    TableMetadata metadata = table.refresh();
    FileIO io = table.io();
    Optional<String> currentFile = table.operations().currentMetadataLocation();
    long currentVersion = currentFile.map(OrphanFileRemoval::version).orElse(-1L);

    listener.phase("reading metadata", -1);
    Set<String> referenced = new HashSet<>();
    currentFile.ifPresent(referenced::add);
    referenced.add(metadata.location() + "/metadata/version-hint.text");
    Set<String> chains = new HashSet<>();
    walkChain(metadata, chains);
    for (MetadataLogEntry e : metadata.metadataLog()) {
      referenced.add(e.metadataFile());
      try {
        walkChain(TableMetadataJson.fromJson(e.metadataFile(), io.newInputFile(e.metadataFile()).readAllBytes()),
            chains);
      } catch (NotFoundException gone) {
        // deleted by the metadata-log policy: nothing of its own to keep
      }
    }
    referenced.addAll(chains);

    List<Snapshot> snapshots = new History(io, metadata).allSnapshots();
    listener.phase("reading manifests of " + snapshots.size() + " snapshots", snapshots.size());
    MetadataFiles files = new MetadataFiles(io, metadata);
    long done = 0;
    for (Snapshot s : snapshots) {
      referenced.add(s.manifestList());
      for (ManifestFile m : files.readManifests(s)) {
        if (referenced.add(m.path())) {
          try (CloseableIterator<ManifestEntry> it = files.stream(m)) {
            // live entries only: a file a retained snapshot merely records as deleted is in no
            // retained snapshot (a retained parent that still had it lists it live itself)
            it.forEachRemaining(e -> {
              if (e.isLive()) {
                referenced.add(e.file().path());
              }
            });
          }
        }
      }
      listener.progress(++done);
    }

    listener.phase("listing files", -1);
    List<FileInfo> listed = io.list(metadata.location() + "/");
    if (currentFile.isPresent() && listed.stream().noneMatch(f -> f.location().equals(currentFile.get()))) {
      // locations must compare as strings: if storage spells them differently from the metadata,
      // every live file would look like an orphan
      throw new ValidationException("refusing to remove orphan files: listing " + metadata.location()
          + " did not return the current metadata file " + currentFile.get() + " in the same form");
    }
    CleanupReport.Builder report = new CleanupReport.Builder(dryRun);
    FileDeleter deleter = new FileDeleter(io, dryRun, listener, report);
    listener.phase("removing orphans", listed.size());
    done = 0;
    for (FileInfo f : listed) {
      listener.progress(++done);
      String location = f.location();
      if (referenced.contains(location) || f.modifiedMillis() >= cutoff) {
        continue;
      }
      FileKind kind = kind(location);
      if (kind == FileKind.METADATA) {
        long v = version(location);
        // the current version and newer ones (commits since we looked) stay; unknown naming stays
        if (currentVersion < 0 || v < 0 || v >= currentVersion) {
          continue;
        }
      }
      deleter.delete(kind, location, f.size());
    }
    deleter.flush();
    return report.build();
  }

  private void walkChain(TableMetadata m, Set<String> chains) {
    History history = new History(table.io(), m);
    Optional<String> next = Optional.ofNullable(m.properties().get(HistoryFile.LOCATION_PROPERTY));
    while (next.isPresent() && chains.add(next.get())) {
      try {
        next = history.load(next.get()).previous();
      } catch (NotFoundException gone) {
        return;
      }
    }
  }

  private static long version(String location) {
    Matcher m = VERSION.matcher(location);
    return m.matches() ? Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)) : -1;
  }

  static FileKind kind(String location) {
    String name = location.substring(location.lastIndexOf('/') + 1);
    if (location.contains("/data/") && name.endsWith(".parquet")) {
      return FileKind.DATA;
    }
    if (name.endsWith(".metadata.json")) {
      return FileKind.METADATA;
    }
    if (name.startsWith("snap-")) {
      return FileKind.MANIFEST_LIST;
    }
    if (name.startsWith("history-")) {
      return FileKind.HISTORY;
    }
    if (name.matches(".*-m\\d+\\.json(\\.gz|\\.zst)?")) {
      return FileKind.MANIFEST;
    }
    return FileKind.OTHER;
  }
}
