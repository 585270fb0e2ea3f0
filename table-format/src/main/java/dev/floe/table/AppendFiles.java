package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.manifest.DataFile;

/**
 * Adds data to a table in one snapshot. Appends never conflict with other commits: a lost race is
 * retried on top of the new state. With {@link #idempotencyKey}, a repeated commit of the same
 * batch is a no-op that reports success.
 */
public interface AppendFiles {
  /** Adds an already-written data file (its stats and partition as given). */
  AppendFiles appendFile(DataFile file);

  /** Writes these records into new data files when {@link #commit()} runs. */
  AppendFiles appendRecords(Iterable<Record> records);

  AppendFiles idempotencyKey(String writerId, long sequence);

  /** Commits to this branch instead of {@code main}; it must exist, and tags cannot be written to. */
  AppendFiles toBranch(String branch);

  /** Adds a string pair to the snapshot summary. */
  AppendFiles set(String key, String value);

  CommitResult commit();
}
