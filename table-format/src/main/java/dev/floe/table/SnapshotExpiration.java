package dev.floe.table;

import dev.floe.commit.CommitContext;
import dev.floe.commit.CommitResult;
import dev.floe.commit.IdempotencyKey;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileIO;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.TableMetadataBuilder;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Snapshot expiration: decides on every attempt, against the refreshed table, which snapshots
 * go (inline and archived), commits metadata without them — rewriting the history chain from the
 * oldest file that changes up, since each file names the one before it — and only then deletes
 * the manifest lists, manifests and data files nothing retained refers to.
 */
final class SnapshotExpiration implements ExpireSnapshots {
  static final long DEFAULT_MAX_SNAPSHOT_AGE_MS = 5L * 24 * 3600 * 1000;

  private final BaseTable table;
  private Optional<Long> olderThan = Optional.empty();
  private Optional<Integer> retainLast = Optional.empty();
  private final Set<Long> explicit = new LinkedHashSet<>();
  private boolean dryRun;
  private MaintenanceListener listener = MaintenanceListener.NONE;
  private int batchSize = 100_000;
  private boolean committed;
  /** What the attempt that committed decided (the commit loop may apply the change several times). */
  private Plan applied;

  SnapshotExpiration(BaseTable table) {
    this.table = table;
  }

  @Override
  public ExpireSnapshots expireOlderThan(long timestampMillis) {
    olderThan = Optional.of(timestampMillis);
    return this;
  }

  @Override
  public ExpireSnapshots retainLast(int count) {
    if (count < 1) {
      throw new InvalidInputException("retain-last", "must be at least 1 (a branch's current snapshot is never"
          + " expired), got " + count);
    }
    retainLast = Optional.of(count);
    return this;
  }

  @Override
  public ExpireSnapshots expireSnapshotId(long snapshotId) {
    explicit.add(snapshotId);
    return this;
  }

  @Override
  public ExpireSnapshots dryRun() {
    dryRun = true;
    return this;
  }

  @Override
  public ExpireSnapshots listener(MaintenanceListener l) {
    listener = java.util.Objects.requireNonNull(l, "listener");
    return this;
  }

  @Override
  public ExpireSnapshots batchSize(int files) {
    if (files < 1) {
      throw new InvalidInputException("batch-size", "must be positive, got " + files);
    }
    batchSize = files;
    return this;
  }

  /** The snapshots to expire, oldest first, and the refs that expire with them. */
  private record Plan(List<Snapshot> expired, List<String> removedRefs) {
    boolean isEmpty() {
      return expired.isEmpty() && removedRefs.isEmpty();
    }

    Set<Long> ids() {
      Set<Long> ids = new HashSet<>();
      expired.forEach(s -> ids.add(s.snapshotId()));
      return ids;
    }
  }

  private Plan plan(TableMetadata m, long now) {
    listener.phase("reading snapshots", -1);
    History history = new History(table.io(), m);
    Map<Long, Snapshot> byId = new LinkedHashMap<>();
    for (Snapshot s : history.allSnapshots()) {
      byId.put(s.snapshotId(), s);
    }
    long cutoff = olderThan.orElse(now - m.propertyAsLong(MAX_SNAPSHOT_AGE_MS, DEFAULT_MAX_SNAPSHOT_AGE_MS));
    int minKeep = retainLast.orElse((int) Math.max(1, m.propertyAsLong(MIN_SNAPSHOTS_TO_KEEP, 1)));
    long maxRefAge = m.propertyAsLong(MAX_REF_AGE_MS, Long.MAX_VALUE);

    Set<Long> retained = new HashSet<>();
    Set<Long> onBranch = new HashSet<>();
    Map<Long, String> heads = new HashMap<>();
    List<String> removedRefs = new ArrayList<>();
    for (Map.Entry<String, SnapshotRef> e : new TreeMap<>(m.refs()).entrySet()) {
      SnapshotRef ref = e.getValue();
      Snapshot head = byId.get(ref.snapshotId());
      if (head == null) {
        continue; // cannot happen in valid metadata: refs point at inline snapshots
      }
      boolean main = e.getKey().equals(SnapshotRef.MAIN);
      if (!main && now - head.timestampMs() > ref.maxRefAgeMs().orElse(maxRefAge)) {
        removedRefs.add(e.getKey());
        continue;
      }
      heads.putIfAbsent(head.snapshotId(), (ref.isBranch() ? "branch '" : "tag '") + e.getKey() + "'");
      retained.add(head.snapshotId());
      if (!ref.isBranch()) {
        continue;
      }
      int keep = ref.minSnapshotsToKeep().orElse(minKeep);
      long branchCutoff = ref.maxSnapshotAgeMs().map(age -> now - age).orElse(cutoff);
      int k = 0;
      boolean inWindow = true;
      for (Optional<Snapshot> s = Optional.of(head); s.isPresent(); s = s.get().parentId().map(byId::get)) {
        Snapshot snap = s.get();
        onBranch.add(snap.snapshotId());
        inWindow = inWindow && (k < keep || snap.timestampMs() >= branchCutoff);
        if (inWindow) {
          retained.add(snap.snapshotId());
        }
        k++;
      }
    }
    for (Snapshot s : byId.values()) {
      // snapshots on no branch (rolled back, or of a dropped ref) live until the cut-off
      if (!onBranch.contains(s.snapshotId()) && s.timestampMs() >= cutoff) {
        retained.add(s.snapshotId());
      }
    }
    for (long id : explicit) {
      if (!byId.containsKey(id)) {
        throw new InvalidInputException("snapshot", "the table has no snapshot " + id
            + " (it never existed or was expired already)");
      }
      if (heads.containsKey(id)) {
        throw new InvalidInputException("snapshot", "cannot expire snapshot " + id + ": it is the current snapshot"
            + " of " + heads.get(id) + "; move or drop the ref first");
      }
      retained.remove(id);
    }
    List<Snapshot> expired = new ArrayList<>();
    for (Snapshot s : byId.values()) {
      if (!retained.contains(s.snapshotId())) {
        expired.add(s);
      }
    }
    expired.sort(Comparator.comparingLong(Snapshot::sequenceNumber));
    return new Plan(expired, removedRefs);
  }

  /** The metadata without the plan's snapshots and refs, the history chain rewritten where it changed. */
  private TableMetadata apply(TableMetadata m, CommitContext ctx, Plan plan) {
    Set<Long> ids = plan.ids();
    TableMetadataBuilder b = m.toBuilder().lastUpdatedMs(ctx.nowMs());
    for (String ref : plan.removedRefs()) {
      b.removeRef(ref);
    }
    History history = new History(ctx.io(), m);
    List<String> chain = new ArrayList<>(history.chainLocationsNewestFirst());
    java.util.Collections.reverse(chain);

    // The whole log (the chain's files oldest first, then inline) loses everything up to its last
    // entry naming an expired snapshot, so time travel into the gap fails instead of answering
    // with an older snapshot. cutFile == chain.size() means the cut is in the inline log.
    int cutFile = -1;
    int cutEntry = 0;
    for (int i = 0; i < chain.size(); i++) {
      List<HistoryEntry> log = history.load(chain.get(i)).snapshotLog();
      for (int j = 0; j < log.size(); j++) {
        if (ids.contains(log.get(j).snapshotId())) {
          cutFile = i;
          cutEntry = j + 1;
        }
      }
    }
    List<HistoryEntry> inlineLog = m.snapshotLog();
    for (int j = 0; j < inlineLog.size(); j++) {
      if (ids.contains(inlineLog.get(j).snapshotId())) {
        cutFile = chain.size();
        cutEntry = j + 1;
      }
    }

    Map<String, Long> newestSequences = new TreeMap<>(chain.isEmpty() ? Map.of()
        : history.load(chain.get(chain.size() - 1)).writerSequences());
    for (Snapshot s : plan.expired()) {
      // idempotency keys outlive the snapshots that carried them (spec section 15)
      String writer = s.summary().get(IdempotencyKey.WRITER_ID);
      String seq = s.summary().get(IdempotencyKey.WRITER_SEQUENCE);
      if (writer != null && seq != null) {
        newestSequences.merge(writer, Long.parseLong(seq), Math::max);
      }
    }

    String previous = null;
    Map<String, Long> previousSequences = Map.of();
    boolean relinked = false;
    for (int i = 0; i < chain.size(); i++) {
      String location = chain.get(i);
      HistoryFile f = history.load(location);
      List<Snapshot> snapshots = f.snapshots().stream().filter(s -> !ids.contains(s.snapshotId())).toList();
      List<HistoryEntry> log = i < cutFile ? List.of()
          : i == cutFile ? f.snapshotLog().subList(cutEntry, f.snapshotLog().size()) : f.snapshotLog();
      if (!relinked && snapshots.size() == f.snapshots().size() && log.size() == f.snapshotLog().size()) {
        previous = location; // unchanged, and so is everything older: keep the file as it is
        previousSequences = f.writerSequences();
        continue;
      }
      // every newer file names this one (directly or not), so from here on all are written anew
      relinked = true;
      if (snapshots.isEmpty() && log.isEmpty()) {
        continue;
      }
      previous = History.write(m, ctx, new HistoryFile(Optional.ofNullable(previous), snapshots, log,
          f.writerSequences()));
      previousSequences = f.writerSequences();
    }
    if (!newestSequences.equals(previousSequences) && !(previous == null && newestSequences.isEmpty())) {
      // the newest file carries every writer's highest sequence, those of expired snapshots too
      previous = History.write(m, ctx, new HistoryFile(Optional.ofNullable(previous), List.of(), List.of(),
          newestSequences));
    }
    if (previous == null) {
      b.removeProperties(List.of(HistoryFile.LOCATION_PROPERTY));
    } else {
      b.setProperties(Map.of(HistoryFile.LOCATION_PROPERTY, previous));
    }
    List<Snapshot> inline = m.snapshots().stream().filter(s -> !ids.contains(s.snapshotId())).toList();
    List<HistoryEntry> keptLog = cutFile == chain.size() ? inlineLog.subList(cutEntry, inlineLog.size()) : inlineLog;
    b.replaceInlineHistory(inline, keptLog);
    return b.build();
  }

  @Override
  public CleanupReport commit() {
    if (committed) {
      throw new IllegalStateException("this expiration already ran");
    }
    committed = true;
    long now = System.currentTimeMillis();
    TableMetadata current = table.refresh();
    CleanupReport.Builder report = new CleanupReport.Builder(dryRun);
    Plan plan = plan(current, now);
    if (plan.isEmpty()) {
      return report.build();
    }
    List<Snapshot> retained;
    if (dryRun) {
      Set<Long> ids = plan.ids();
      retained = new History(table.io(), current).allSnapshots().stream()
          .filter(s -> !ids.contains(s.snapshotId())).toList();
      applied = plan;
    } else {
      listener.phase("committing", -1);
      CommitResult result = table.submit((fresh, ctx) -> {
        Plan p = fresh == current ? plan : plan(fresh, now);
        applied = p;
        return p.isEmpty() ? fresh : apply(fresh, ctx, p);
      }, Optional.empty(), () -> {});
      retained = new History(table.io(), result.metadata()).allSnapshots();
    }
    report.expired(applied.expired().stream().map(Snapshot::snapshotId).toList(), applied.removedRefs());
    FileDeleter deleter = new FileDeleter(table.io(), dryRun, listener, report);
    deleteUnreferenced(table.refresh(), retained, applied.expired(), deleter);
    deleter.flush();
    return report.build();
  }

  /**
   * Deletes what only expired snapshots referenced. The manifests still live are collected first
   * (their paths, a few per retained snapshot); then each expired snapshot's manifest list is
   * read in commit order, and every manifest on it that is neither live nor on the list before it
   * is streamed: the files it added are candidates, deleted unless a live manifest still lists
   * them. A file enters the table through exactly one "added" entry, so each is judged once.
   * Candidates are checked in batches against the live manifests, reading only those that could
   * list them (same spec, written at or after the file).
   */
  private void deleteUnreferenced(TableMetadata metadata, List<Snapshot> retained, List<Snapshot> expired,
      FileDeleter deleter) {
    FileIO io = table.io();
    MetadataFiles files = new MetadataFiles(io, metadata);
    listener.phase("reading live manifests", retained.size());
    Map<String, ManifestFile> live = new HashMap<>();
    long done = 0;
    for (Snapshot s : retained) {
      for (ManifestFile m : files.readManifests(s)) {
        live.putIfAbsent(m.path(), m);
      }
      listener.progress(++done);
    }

    listener.phase("scanning expired manifests", expired.size());
    Candidates candidates = new Candidates();
    Set<String> previousList = Set.of();
    RecentSet processed = new RecentSet(10_000);
    done = 0;
    for (Snapshot e : expired) {
      List<ManifestFile> list;
      long listBytes;
      try {
        listBytes = io.newInputFile(e.manifestList()).length();
        list = files.readManifests(e);
      } catch (NotFoundException gone) {
        listener.progress(++done);
        continue; // an earlier, interrupted run deleted it; what it named is for orphan removal
      }
      Set<String> thisList = new HashSet<>();
      for (ManifestFile m : list) {
        thisList.add(m.path());
        if (live.containsKey(m.path()) || previousList.contains(m.path()) || !processed.add(m.path())) {
          continue;
        }
        try (CloseableIterator<ManifestEntry> it = files.stream(m)) {
          while (it.hasNext()) {
            ManifestEntry entry = it.next();
            if (entry.status() == ManifestEntry.Status.ADDED) {
              candidates.add(entry);
            }
          }
        } catch (NotFoundException gone) {
          // deleted by an interrupted run; its files are for orphan removal
        }
        deleter.delete(FileKind.MANIFEST, m.path(), m.length());
        if (candidates.size() >= batchSize) {
          resolve(candidates, live, files, deleter);
        }
      }
      deleter.delete(FileKind.MANIFEST_LIST, e.manifestList(), listBytes);
      previousList = thisList;
      listener.progress(++done);
    }
    resolve(candidates, live, files, deleter);
  }

  /** Deletes the candidates no live manifest lists as live. */
  private void resolve(Candidates candidates, Map<String, ManifestFile> live, MetadataFiles files,
      FileDeleter deleter) {
    if (candidates.size() == 0) {
      return;
    }
    listener.phase("checking files against live manifests", live.size());
    long done = 0;
    for (ManifestFile l : live.values()) {
      listener.progress(++done);
      // a manifest written before a file was added cannot list it; nor can one of another spec
      if (!l.hasLiveFiles() || l.sequenceNumber() < candidates.minSequence
          || !candidates.specs.contains(l.specId())) {
        continue;
      }
      try (CloseableIterator<ManifestEntry> it = files.stream(l)) {
        while (it.hasNext() && candidates.size() > 0) {
          ManifestEntry entry = it.next();
          if (entry.isLive()) {
            candidates.byPath.remove(entry.file().path());
          }
        }
      }
    }
    for (Map.Entry<String, Long> c : candidates.byPath.entrySet()) {
      deleter.delete(FileKind.DATA, c.getKey(), c.getValue());
    }
    candidates.clear();
  }

  /** Data files that expired manifests added, by path with their size. */
  private static final class Candidates {
    final Map<String, Long> byPath = new LinkedHashMap<>();
    final Set<Integer> specs = new TreeSet<>();
    long minSequence = Long.MAX_VALUE;

    void add(ManifestEntry e) {
      byPath.put(e.file().path(), e.file().fileSizeBytes());
      specs.add(e.file().specId());
      minSequence = Math.min(minSequence, e.sequenceNumber());
    }

    int size() {
      return byPath.size();
    }

    void clear() {
      byPath.clear();
      specs.clear();
      minSequence = Long.MAX_VALUE;
    }
  }

  /** The last {@code capacity} strings added: remembers recent work without growing with the history. */
  private static final class RecentSet {
    private final int capacity;
    private final LinkedHashMap<String, Boolean> map;

    RecentSet(int capacity) {
      this.capacity = capacity;
      this.map = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > RecentSet.this.capacity;
        }
      };
    }

    /** Adds the string; false if it was already there. */
    boolean add(String s) {
      return map.put(s, Boolean.TRUE) == null;
    }
  }
}
