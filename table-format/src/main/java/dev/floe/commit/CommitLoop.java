package dev.floe.commit;

import dev.floe.error.CommitFailedException;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The one commit loop. Every operation and transaction commits through here: refresh, check the
 * idempotency key, apply the changes to fresh metadata (they re-check their conflict rules),
 * swap atomically, and on a lost race back off and go again — within the table's
 * {@link RetryPolicy}. Files written by attempts that certainly failed are deleted; when the
 * outcome is unknown nothing is.
 */
public final class CommitLoop {

  /** Waits between attempts; tests substitute one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Finds the snapshot that already holds an idempotency key, in whatever history the table keeps. */
  @FunctionalInterface
  public interface CommittedKeys {
    Optional<Snapshot> find(TableMetadata metadata, IdempotencyKey key);

    /**
     * Whether the key is committed, also when the snapshot that carried it has been expired since
     * (the table remembers each writer's highest sequence beyond its snapshots).
     */
    default boolean committed(TableMetadata metadata, IdempotencyKey key) {
      return find(metadata, key).isPresent();
    }
  }

  /**
   * Writers in one JVM take turns per table (fair, first come first served): they would only
   * race each other through storage and lose most attempts. Writers in other processes still
   * meet through the atomic swap and retry.
   */
  private static final ConcurrentHashMap<String, ReentrantLock> TURNS = new ConcurrentHashMap<>();

  private final TableOperations ops;
  private final CommittedKeys committedKeys;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public CommitLoop(TableOperations ops, CommittedKeys committedKeys) {
    this(ops, committedKeys, System::currentTimeMillis, Thread::sleep, RandomGenerator.of("L64X128MixRandom"));
  }

  public CommitLoop(TableOperations ops, CommittedKeys committedKeys, LongSupplier clock, Sleeper sleeper,
      RandomGenerator random) {
    this.ops = ops;
    this.committedKeys = committedKeys;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /**
   * Commits the changes, in order, as one atomic step.
   *
   * @param cleanupOnFailure called with no arguments when the commit certainly failed, to delete
   *     files the operation wrote before the loop (data files, manifests)
   */
  public CommitResult commit(List<MetadataChange> changes, Optional<IdempotencyKey> key,
      Runnable cleanupOnFailure) {
    long start = clock.getAsLong();
    CommitContext context = new CommitContext(ops.io(), clock, key);
    ReentrantLock turn = TURNS.computeIfAbsent(ops.current().location(), k -> new ReentrantLock(true));
    List<String> failedAttemptFiles = new ArrayList<>();
    RetryPolicy policy = null;
    for (int attempt = 1; ; attempt++) {
      CommitFailedException lost;
      String location;
      turn.lock();
      try {
        TableMetadata base = ops.refresh();
        location = base.location();
        if (policy == null) {
          policy = RetryPolicy.from(base);
        }
        Optional<Snapshot> already = key.flatMap(k -> committedKeys.find(base, k));
        if (already.isPresent() || key.filter(k -> committedKeys.committed(base, k)).isPresent()) {
          deleteQuietly(failedAttemptFiles);
          deleteQuietly(context.drainAttemptFiles());
          cleanupOnFailure.run();
          return new CommitResult(base, already, attempt, true);
        }
        TableMetadata updated = base;
        try {
          for (MetadataChange change : changes) {
            updated = change.apply(updated, context);
          }
        } catch (RuntimeException e) {
          // A conflict (ValidationException) or bad input: nothing was swapped, all is ours to delete.
          failedAttemptFiles.addAll(context.drainAttemptFiles());
          deleteQuietly(failedAttemptFiles);
          cleanupOnFailure.run();
          throw e;
        }
        try {
          ops.commit(base, updated);
          deleteQuietly(failedAttemptFiles);
          context.drainAttemptFiles();
          TableMetadata committed = ops.current();
          return new CommitResult(committed, newSnapshot(base, committed, context), attempt, false);
        } catch (CommitFailedException e) {
          // Another writer won this version: this attempt's files are certainly unreferenced.
          // (CommitStateUnknownException passes through untouched: the swap may have happened.)
          lost = e;
          failedAttemptFiles.addAll(context.drainAttemptFiles());
        }
      } finally {
        turn.unlock();
      }
      long elapsed = clock.getAsLong() - start;
      if (attempt > policy.numRetries() || elapsed >= policy.totalTimeoutMs()) {
        deleteQuietly(failedAttemptFiles);
        cleanupOnFailure.run();
        throw new CommitFailedException("commit to " + location + " failed after " + attempt
            + " attempts in " + elapsed + " ms: other writers kept committing first; raise "
            + RetryPolicy.NUM_RETRIES + " or reduce contention", lost);
      }
      sleep(Math.min(policy.backoffMs(attempt, random), Math.max(0, policy.totalTimeoutMs() - elapsed)));
    }
  }

  private static Optional<Snapshot> newSnapshot(TableMetadata base, TableMetadata committed, CommitContext context) {
    // a commit to another branch than main made a snapshot that is not main's current one
    Optional<Snapshot> made = context.lastProduced().flatMap(committed::snapshot);
    if (made.isPresent()) {
      return made;
    }
    Optional<Snapshot> current = committed.currentSnapshot();
    if (current.isPresent() && !current.map(Snapshot::snapshotId).equals(base.currentSnapshotId())) {
      return current;
    }
    return Optional.empty();
  }

  private void sleep(long millis) {
    try {
      sleeper.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommitFailedException("interrupted while waiting to retry a commit", e);
    }
  }

  private void deleteQuietly(List<String> files) {
    for (String f : files) {
      try {
        ops.io().delete(f);
      } catch (RuntimeException ignored) {
        // Leftovers are harmless: orphan cleanup removes unreferenced files later.
      }
    }
  }
}
