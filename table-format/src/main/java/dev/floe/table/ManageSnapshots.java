package dev.floe.table;

import dev.floe.commit.CommitResult;

/**
 * Branches, tags and the main branch's position, changed in one commit. A branch moves with the
 * commits made to it ({@code toBranch(name)} on the write operations); a tag names one snapshot
 * for good and cannot be written to. {@code main} is the branch readers see by default; it cannot
 * be dropped. Changes apply in the order called.
 *
 * <p>Each change is checked against the refreshed table when it commits: a ref it changes or
 * drops must still point where it did when the change was made (else another writer moved it,
 * and this commit fails rather than undo that), and a ref it creates must still not exist.
 *
 * <pre>{@code
 * table.manageSnapshots().createBranch("audit").createTag("eod-2026-03-01", snapshotId).commit();
 * table.newAppend().toBranch("audit").appendRecords(rows).commit();   // invisible on main
 * table.manageSnapshots().fastForwardBranch("main", "audit").commit(); // now visible
 * }</pre>
 */
public interface ManageSnapshots {
  /** A branch at main's current snapshot. */
  ManageSnapshots createBranch(String name);

  ManageSnapshots createBranch(String name, long snapshotId);

  ManageSnapshots createTag(String name, long snapshotId);

  /** Points an existing branch at another snapshot (any snapshot, unlike a fast-forward). */
  ManageSnapshots replaceBranch(String name, long snapshotId);

  ManageSnapshots replaceTag(String name, long snapshotId);

  ManageSnapshots removeBranch(String name);

  ManageSnapshots removeTag(String name);

  ManageSnapshots renameBranch(String name, String newName);

  /**
   * Moves branch {@code target} to the head of {@code source} (a branch or tag), which must be a
   * descendant of the target's snapshot: the target gains the source's commits and loses none of
   * its own.
   */
  ManageSnapshots fastForwardBranch(String target, String source);

  /** Moves main back to one of its ancestors. */
  ManageSnapshots rollbackTo(long snapshotId);

  /** Makes any snapshot of the table main's current one (an ancestor or not). */
  ManageSnapshots setCurrentSnapshot(long snapshotId);

  /** Expiry keeps at least this many of the branch's newest ancestors (the head included). */
  ManageSnapshots setMinSnapshotsToKeep(String branch, int count);

  /** Expiry keeps the branch's ancestors younger than this. */
  ManageSnapshots setMaxSnapshotAgeMs(String branch, long ageMs);

  /** Expiry drops the ref itself once its snapshot is older than this (never main). */
  ManageSnapshots setMaxRefAgeMs(String ref, long ageMs);

  CommitResult commit();
}
