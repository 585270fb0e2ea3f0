package dev.floe.table;

import dev.floe.commit.CommitResult;

/**
 * Several operations committed as one atomic step. Operations created from the transaction
 * stage their changes when their own {@code commit()} is called; nothing is visible to others
 * until {@link #commitTransaction()} succeeds.
 */
public interface Transaction {
  AppendFiles newAppend();

  DeleteFiles newDelete();

  OverwriteFiles newOverwrite();

  UpdateRows newUpdateRows();

  RewriteFiles newRewrite();

  UpdateProperties updateProperties();

  /** Evolves the schema: add, drop, rename, move and widen columns, defaults, identifier fields. */
  UpdateSchema updateSchema();

  /** Changes how new data is partitioned (partition evolution). */
  UpdatePartitionSpec updateSpec();

  /** Sets the order writers sort rows in within files. */
  ReplaceSortOrder replaceSortOrder();

  /** Creates, moves and drops branches and tags; rolls main back. */
  ManageSnapshots manageSnapshots();

  /** Attaches an idempotency key to the transaction as a whole. */
  Transaction idempotencyKey(String writerId, long sequence);

  CommitResult commitTransaction();
}
