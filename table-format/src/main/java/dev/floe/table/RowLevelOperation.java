package dev.floe.table;

/** What every operation that removes data files (and so may conflict) can be told. */
public interface RowLevelOperation<T> {
  /** Commits to this branch instead of {@code main}; it must exist, and tags cannot be written to. */
  T toBranch(String branch);

  /** Makes a retried commit a no-op once this key is committed (see {@link AppendFiles#idempotencyKey}). */
  T idempotencyKey(String writerId, long sequence);

  /**
   * The snapshot the caller read when deciding what to change; conflicts are checked against
   * everything committed after it. Defaults to the branch's head when {@code commit()} starts.
   */
  T validateFromSnapshot(long snapshotId);
}
