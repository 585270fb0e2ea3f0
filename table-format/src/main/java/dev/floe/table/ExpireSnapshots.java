package dev.floe.table;

/**
 * Removes old snapshots from the table and then deletes the files only they referenced. Which
 * snapshots stay (Iceberg's rules): the head of every branch and every tag; on each branch, its
 * newest ancestors up to {@code min-snapshots-to-keep} and any younger than
 * {@code max-snapshot-age-ms} (the ref's own settings, else the table properties
 * {@code history.expire.min-snapshots-to-keep} / {@code history.expire.max-snapshot-age-ms},
 * else {@link #retainLast} / {@link #expireOlderThan}); snapshots on no branch that are younger
 * than the cut-off. Refs older than their {@code max-ref-age-ms} go (never {@code main}).
 * Snapshots archived in the history chain expire like inline ones.
 *
 * <p>The metadata without the expired snapshots is committed first; files are deleted only after
 * that succeeded, so a crash in the middle leaves a readable table and at worst files for
 * {@link RemoveOrphanFiles}. Memory stays bounded by a batch of candidate files (at least one
 * manifest's worth), not by the size of the history: expired manifests are streamed one at a
 * time and their files checked against the manifests still live.
 *
 * <pre>{@code
 * CleanupReport r = table.expireSnapshots()
 *     .expireOlderThan(System.currentTimeMillis() - Duration.ofDays(7).toMillis())
 *     .retainLast(10)
 *     .commit();
 * }</pre>
 */
public interface ExpireSnapshots {
  /** Table property: default maximum age of a branch's ancestors (Iceberg's name; 5 days). */
  String MAX_SNAPSHOT_AGE_MS = "history.expire.max-snapshot-age-ms";
  /** Table property: default number of ancestors each branch keeps (Iceberg's name; 1). */
  String MIN_SNAPSHOTS_TO_KEEP = "history.expire.min-snapshots-to-keep";
  /** Table property: default maximum age of refs other than main (Iceberg's name; forever). */
  String MAX_REF_AGE_MS = "history.expire.max-ref-age-ms";

  /** Expires snapshots committed before this time (epoch millis) that no retention rule keeps. */
  ExpireSnapshots expireOlderThan(long timestampMillis);

  /** Each branch keeps at least this many of its newest snapshots (at least 1), unless the ref says otherwise. */
  ExpireSnapshots retainLast(int count);

  /** Expires this snapshot as well; the current snapshot of a branch or a tagged one is refused. */
  ExpireSnapshots expireSnapshotId(long snapshotId);

  /** Works out and reports what would be expired and deleted, changing nothing. */
  ExpireSnapshots dryRun();

  ExpireSnapshots listener(MaintenanceListener listener);

  /**
   * Candidate data files held at once while checking them against the live manifests (a
   * manifest's entries are always taken whole); default 100,000.
   */
  ExpireSnapshots batchSize(int files);

  /** Commits the expiration, deletes the files, and reports what was removed. */
  CleanupReport commit();
}
