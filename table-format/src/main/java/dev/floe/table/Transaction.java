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

  /** Attaches an idempotency key to the transaction as a whole. */
  Transaction idempotencyKey(String writerId, long sequence);

  CommitResult commitTransaction();
}
