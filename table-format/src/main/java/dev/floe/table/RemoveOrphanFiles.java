package dev.floe.table;

/**
 * Deletes files under the table's location that no metadata refers to — data files, manifests,
 * manifest lists and history files left by failed or interrupted writers and maintenance runs,
 * and metadata versions older than the ones {@code metadata-log} keeps — if they are older than
 * a safety age (default 3 days, as Iceberg's): a concurrent writer's files look exactly like
 * orphans until it commits, so the age must exceed the longest commit a writer may take.
 *
 * <p>Referenced are: the current metadata file, every file in its metadata log and any newer
 * version, the history chains those reach, and the manifest lists, manifests and data files of
 * every retained snapshot (files live in it; one it records only as deleted is not in it).
 */
public interface RemoveOrphanFiles {
  long DEFAULT_OLDER_THAN_MS = 3L * 24 * 3600 * 1000;

  /** Only files last modified before this time (epoch millis) are removed. */
  RemoveOrphanFiles olderThan(long timestampMillis);

  /** Reports what would be deleted, deleting nothing. */
  RemoveOrphanFiles dryRun();

  RemoveOrphanFiles listener(MaintenanceListener listener);

  CleanupReport execute();
}
