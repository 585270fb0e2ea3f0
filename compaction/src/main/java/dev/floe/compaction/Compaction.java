package dev.floe.compaction;

import dev.floe.codec.ManifestListJson;
import dev.floe.commit.CommitResult;
import dev.floe.error.StorageException;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.table.Table;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Entry points of the compaction module.
 *
 * <pre>{@code
 * // plan first (a dry run), then run
 * CompactionPlan plan = Compaction.rewriteDataFiles(table).strategy(Strategy.sort()).plan();
 * CompactionResult result = Compaction.rewriteDataFiles(table).strategy(Strategy.sort()).execute();
 *
 * // from a writer or a scheduler, after each commit: cheap unless there is work
 * Compaction.compactIfNeeded(table, CompactionPolicy.defaults());
 * }</pre>
 */
public final class Compaction {
  private Compaction() {}

  /** Compactions this JVM is running, by table location: a second caller does not pile on. */
  private static final ConcurrentHashMap<String, ReentrantLock> RUNNING = new ConcurrentHashMap<>();

  public static RewriteDataFiles rewriteDataFiles(Table table) {
    return new RewriteDataFiles(table);
  }

  /**
   * Rewrites the current snapshot's manifests into ones of {@code commit.manifest.target-size-bytes}
   * clustered by partition ({@link Table#newRewriteManifests()}); every data-file entry is kept
   * with its snapshot id and sequence numbers.
   */
  public static ManifestRewriteResult rewriteManifests(Table table) {
    long start = System.nanoTime();
    table.refresh();
    CommitResult r = table.newRewriteManifests().commit();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (r.snapshot().isEmpty()) {
      long manifests = table.currentSnapshot().isEmpty() ? 0 : manifestCount(table);
      return new ManifestRewriteResult(Optional.empty(), manifests, manifests,
          table.currentSnapshot().map(s -> s.summaryLong("total-data-files")).orElse(0L), millis);
    }
    Snapshot s = r.snapshot().get();
    return new ManifestRewriteResult(Optional.of(s.snapshotId()), s.summaryLong("manifests-replaced"),
        s.summaryLong("manifests-created"), s.summaryLong("entries-processed"), millis);
  }

  private static long manifestCount(Table table) {
    String list = table.currentSnapshot().orElseThrow().manifestList();
    try (java.io.InputStream in = table.io().newInputFile(list).newStream()) {
      // counts only: no partition or column types needed to decode values
      return ManifestListJson.read(list, in, id -> null, id -> null).size();
    } catch (java.io.IOException e) {
      throw new StorageException("cannot read manifest list " + list + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code policy} asks for a compaction now. Reads only the snapshot summaries in the
   * table's metadata as last loaded: no storage access at all.
   */
  public static CompactionPolicy.Decision check(Table table, CompactionPolicy policy) {
    TableMetadata m = table.metadata();
    int files = 0;
    long rows = 0;
    Optional<Snapshot> s = m.currentSnapshot();
    while (s.isPresent() && !s.get().operation().equals("replace")) {
      if (s.get().operation().equals("append") || s.get().operation().equals("overwrite")) {
        files += (int) Math.min(Integer.MAX_VALUE, s.get().summaryLong("added-data-files"));
        rows += s.get().summaryLong("added-records");
      }
      s = s.get().parentId().flatMap(m::snapshot); // inline history only: the check must stay cheap
    }
    if (files < policy.minNewFiles()) {
      return new CompactionPolicy.Decision(false, files, rows, files + " files appended since the last rewrite, "
          + "fewer than " + policy.minNewFiles());
    }
    long mean = rows / files;
    if (mean >= policy.maxMeanRowsPerNewFile()) {
      return new CompactionPolicy.Decision(false, files, rows, "the " + files + " files appended since the last"
          + " rewrite hold " + mean + " rows on average, not fewer than " + policy.maxMeanRowsPerNewFile());
    }
    return new CompactionPolicy.Decision(true, files, rows, files + " files appended since the last rewrite");
  }

  /**
   * Compacts when {@link #check} says so and no other compaction of this table runs in this
   * JVM; returns at once otherwise. Safe to call after every commit.
   *
   * @return the result when a compaction ran
   */
  public static Optional<CompactionResult> compactIfNeeded(Table table, CompactionPolicy policy) {
    if (!check(table, policy).needed()) {
      return Optional.empty();
    }
    ReentrantLock lock = RUNNING.computeIfAbsent(table.location(), k -> new ReentrantLock());
    if (!lock.tryLock()) {
      return Optional.empty();
    }
    try {
      table.refresh();
      if (!check(table, policy).needed()) {
        return Optional.empty(); // someone compacted while we looked
      }
      RewriteDataFiles action = rewriteDataFiles(table).strategy(policy.strategy());
      policy.options().forEach(action::option);
      return Optional.of(action.execute());
    } finally {
      lock.unlock();
    }
  }
}
