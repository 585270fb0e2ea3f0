package dev.floe.table;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.floe.codec.HistoryJson;
import dev.floe.commit.CommitContext;
import dev.floe.commit.IdempotencyKey;
import dev.floe.io.FileIO;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A table's whole snapshot history: the recent snapshots inline in the metadata, older ones in a
 * chain of immutable history files. Archiving keeps the metadata file, and so each commit, the
 * same size however long the table lives; time travel follows the chain when it must.
 */
public final class History {
  private static final Cache<String, HistoryFile> FILES = Caffeine.newBuilder().maximumSize(1_000).build();

  private final FileIO io;
  private final TableMetadata metadata;

  public History(FileIO io, TableMetadata metadata) {
    this.io = io;
    this.metadata = metadata;
  }

  /** Every snapshot, oldest first. Reads the whole chain. */
  public List<Snapshot> allSnapshots() {
    List<Snapshot> out = new ArrayList<>();
    for (HistoryFile f : chainNewestFirst()) {
      out.addAll(0, f.snapshots());
    }
    out.addAll(metadata.snapshots());
    return out;
  }

  /** The whole snapshot log, oldest first. */
  public List<HistoryEntry> log() {
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryFile f : chainNewestFirst()) {
      out.addAll(0, f.snapshotLog());
    }
    out.addAll(metadata.snapshotLog());
    return out;
  }

  public Optional<Snapshot> snapshot(long snapshotId) {
    Optional<Snapshot> inline = metadata.snapshot(snapshotId);
    if (inline.isPresent()) {
      return inline;
    }
    for (HistoryFile f : chainNewestFirst()) {
      for (Snapshot s : f.snapshots()) {
        if (s.snapshotId() == snapshotId) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /** The snapshot that was current at this time: the last log entry at or before it. */
  public Optional<Long> snapshotIdAsOf(long timestampMillis) {
    List<HistoryEntry> inline = metadata.snapshotLog();
    if (!inline.isEmpty() && inline.get(0).timestampMs() <= timestampMillis) {
      return lastAtOrBefore(inline, timestampMillis);
    }
    for (HistoryFile f : chainNewestFirst()) {
      List<HistoryEntry> log = f.snapshotLog();
      if (!log.isEmpty() && log.get(0).timestampMs() <= timestampMillis) {
        return lastAtOrBefore(log, timestampMillis);
      }
    }
    return Optional.empty();
  }

  /** When the table's first snapshot was made, if it has one. */
  public Optional<Long> firstTimestamp() {
    List<HistoryEntry> log = log();
    return log.isEmpty() ? Optional.empty() : Optional.of(log.get(0).timestampMs());
  }

  private static Optional<Long> lastAtOrBefore(List<HistoryEntry> log, long t) {
    Long found = null;
    for (HistoryEntry e : log) {
      if (e.timestampMs() <= t) {
        found = e.snapshotId();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Whether this idempotency key (or a later one of the same writer) is committed: by a snapshot
   * still in the history, or by one since expired, which the newest history file remembers.
   */
  public boolean isCommitted(IdempotencyKey key) {
    if (key.findIn(metadata).isPresent()) {
      return true;
    }
    String newest = metadata.properties().get(HistoryFile.LOCATION_PROPERTY);
    Long sequence = newest == null ? null : load(newest).writerSequences().get(key.writerId());
    return sequence != null && sequence >= key.sequence();
  }

  /** The snapshot already holding this idempotency key (or a later one of the same writer). */
  public Optional<Snapshot> findCommitted(IdempotencyKey key) {
    Optional<Snapshot> inline = key.findIn(metadata);
    if (inline.isPresent()) {
      return inline;
    }
    Optional<String> newest = metadata.properties().containsKey(HistoryFile.LOCATION_PROPERTY)
        ? Optional.of(metadata.properties().get(HistoryFile.LOCATION_PROPERTY)) : Optional.empty();
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Long sequence = load(newest.get()).writerSequences().get(key.writerId());
    if (sequence == null || sequence < key.sequence()) {
      return Optional.empty();
    }
    // Rare: a writer retrying a commit older than everything inline. Find the very snapshot.
    for (HistoryFile f : chainNewestFirst()) {
      for (int i = f.snapshots().size() - 1; i >= 0; i--) {
        if (key.coveredBy(f.snapshots().get(i))) {
          return Optional.of(f.snapshots().get(i));
        }
      }
    }
    return Optional.empty();
  }

  /** Locations of the chain's files, newest first (cheap: the files are cached). */
  List<String> chainLocationsNewestFirst() {
    List<String> out = new ArrayList<>();
    Optional<String> next = Optional.ofNullable(metadata.properties().get(HistoryFile.LOCATION_PROPERTY));
    Set<String> seen = new HashSet<>();
    while (next.isPresent() && seen.add(next.get())) {
      out.add(next.get());
      next = load(next.get()).previous();
    }
    return out;
  }

  private List<HistoryFile> chainNewestFirst() {
    List<HistoryFile> chain = new ArrayList<>();
    Optional<String> next = Optional.ofNullable(metadata.properties().get(HistoryFile.LOCATION_PROPERTY));
    Set<String> seen = new HashSet<>();
    while (next.isPresent() && seen.add(next.get())) {
      HistoryFile f = load(next.get());
      chain.add(f);
      next = f.previous();
    }
    return chain;
  }

  HistoryFile load(String path) {
    return FILES.get(path, p -> HistoryJson.fromJson(p, io.newInputFile(p).readAllBytes()));
  }

  /** Writes a new history file (fresh name) as an attempt file of this commit and returns its location. */
  static String write(TableMetadata metadata, CommitContext ctx, HistoryFile file) {
    String path = metadata.location() + "/metadata/history-" + UUID.randomUUID() + ".json";
    ctx.attemptFile(path);
    byte[] json = HistoryJson.toJson(file);
    try (OutputStream out = ctx.io().newOutputFile(path).create()) {
      out.write(json);
    } catch (IOException e) {
      throw new dev.floe.error.StorageException("cannot write history file " + path + ": " + e.getMessage(), e);
    }
    FILES.put(path, file);
    return path;
  }

  /**
   * If more than the table's inline limit of snapshots is inline, moves the oldest ones (all but
   * the newest half, and never one a ref points to) into a new history file written as an attempt
   * file of this commit.
   */
  static TableMetadata archiveIfNeeded(TableMetadata metadata, CommitContext ctx) {
    int maxInline = (int) Math.max(2, metadata.propertyAsLong(HistoryFile.MAX_INLINE_PROPERTY,
        HistoryFile.DEFAULT_MAX_INLINE));
    List<Snapshot> snapshots = metadata.snapshots();
    if (snapshots.size() <= maxInline) {
      return metadata;
    }
    Set<Long> referenced = new HashSet<>();
    for (SnapshotRef ref : metadata.refs().values()) {
      referenced.add(ref.snapshotId());
    }
    metadata.currentSnapshotId().ifPresent(referenced::add);
    int moveCount = snapshots.size() - maxInline / 2;
    List<Snapshot> moved = new ArrayList<>();
    List<Snapshot> kept = new ArrayList<>();
    for (int i = 0; i < snapshots.size(); i++) {
      Snapshot s = snapshots.get(i);
      if (i < moveCount && !referenced.contains(s.snapshotId())) {
        moved.add(s);
      } else {
        kept.add(s);
      }
    }
    if (moved.isEmpty()) {
      return metadata; // every candidate is pinned by a ref: nothing to archive
    }
    Set<Long> movedIds = new HashSet<>();
    moved.forEach(s -> movedIds.add(s.snapshotId()));
    // The log moves up to its last entry naming a moved snapshot, whatever the entries before it
    // name (a tagged snapshot that stays inline, an expired one): the log is history either way.
    List<HistoryEntry> log = metadata.snapshotLog();
    int cut = 0;
    for (int i = 0; i < log.size(); i++) {
      if (movedIds.contains(log.get(i).snapshotId())) {
        cut = i + 1;
      }
    }
    List<HistoryEntry> movedLog = log.subList(0, cut);
    List<HistoryEntry> keptLog = log.subList(cut, log.size());

    Optional<String> previous = Optional.ofNullable(metadata.properties().get(HistoryFile.LOCATION_PROPERTY));
    Map<String, Long> writers = new HashMap<>(previous
        .map(p -> new History(ctx.io(), metadata).load(p).writerSequences()).orElse(Map.of()));
    for (Snapshot s : moved) {
      String writer = s.summary().get(IdempotencyKey.WRITER_ID);
      String seq = s.summary().get(IdempotencyKey.WRITER_SEQUENCE);
      if (writer != null && seq != null) {
        writers.merge(writer, Long.parseLong(seq), Math::max);
      }
    }
    String path = write(metadata, ctx, new HistoryFile(previous, moved, movedLog, writers));
    return metadata.toBuilder().lastUpdatedMs(metadata.lastUpdatedMs())
        .replaceInlineHistory(kept, keptLog)
        .setProperties(Map.of(HistoryFile.LOCATION_PROPERTY, path))
        .build();
  }
}
