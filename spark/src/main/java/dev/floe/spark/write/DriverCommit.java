package dev.floe.spark.write;

import dev.floe.table.Table;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * The driver's side of one write job (or one micro-batch): runs its commit, remembers how it
 * failed, and aborts by deleting the job's files, unless the commit's outcome is unknown.
 */
final class DriverCommit {
  private final Table table;
  private final PendingFiles pending;
  private Throwable failure;

  DriverCommit(Table table, PendingFiles pending) {
    this.table = table;
    this.pending = pending;
  }

  /** Runs the commit; once it has succeeded, the tasks' records of their files are removed. */
  void run(Runnable commit) {
    failure = null;
    try {
      commit.run();
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
    pending.clear(table.io());
  }

  /** Nothing to commit: only the records go. */
  void skip() {
    pending.clear(table.io());
  }

  void abort(WriterCommitMessage[] messages) {
    Commits.abort(table.io(), WrittenFiles.all(messages), pending, failure);
  }
}
