package dev.floe.commit;

import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  }

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
    TableMetadata base = ops.refresh();
    RetryPolicy policy = RetryPolicy.from(base);
    List<String> failedAttemptFiles = new ArrayList<>();
    int attempt = 0;
    while (true) {
      attempt++;
      Optional<Snapshot> already = key.flatMap(k -> committedKeys.find(ops.current(), k));
      if (already.isPresent()) {
        deleteQuietly(failedAttemptFiles);
        deleteQuietly(context.drainAttemptFiles());
        cleanupOnFailure.run();
        return new CommitResult(ops.current(), already, attempt, true);
      }
      TableMetadata updated;
      try {
        updated = base;
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
        return new CommitResult(committed, newSnapshot(base, committed), attempt, false);
      } catch (CommitFailedException lost) {
        failedAttemptFiles.addAll(context.drainAttemptFiles());
        long elapsed = clock.getAsLong() - start;
        if (attempt > policy.numRetries() || elapsed >= policy.totalTimeoutMs()) {
          deleteQuietly(failedAttemptFiles);
          cleanupOnFailure.run();
          throw new CommitFailedException("commit to " + base.location() + " failed after "
              + attempt + " attempts in " + elapsed + " ms: other writers kept committing first;"
              + " raise " + RetryPolicy.NUM_RETRIES + " or reduce contention", lost);
        }
        sleep(Math.min(policy.backoffMs(attempt, random), Math.max(0, policy.totalTimeoutMs() - elapsed)));
        base = ops.refresh();
      } catch (CommitStateUnknownException unknown) {
        // The swap may have happened: the files may be referenced now. Keep everything.
        throw unknown;
      }
    }
  }

  private static Optional<Snapshot> newSnapshot(TableMetadata base, TableMetadata committed) {
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
