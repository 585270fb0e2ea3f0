package dev.floe.spark.write;

import dev.floe.commit.CommitResult;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.io.FileIO;
import dev.floe.manifest.DataFile;
import dev.floe.table.AppendFiles;
import dev.floe.table.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's side of a write: one append through Floe's commit loop for all files of a job,
 * and clean-up that never deletes a file a committed snapshot may reference.
 */
final class Commits {
  private Commits() {}

  /** A key that makes a repeated commit of the same batch a no-op. */
  record Key(String writerId, long sequence) {}

  /**
   * Commits the files in one snapshot. With a key, a batch already committed is a no-op and
   * its files (a replay's duplicates) are deleted. An unknown outcome deletes nothing.
   */
  static CommitResult append(Table table, List<DataFile> files, Optional<Key> key, Map<String, String> summary) {
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    key.ifPresent(k -> append.idempotencyKey(k.writerId(), k.sequence()));
    summary.forEach(append::set);
    CommitResult result = append.commit();
    if (result.alreadyCommitted()) {
      delete(table.io(), files);
    }
    return result;
  }

  /**
   * Deletes the files of a job that did not commit: those its tasks reported and those they
   * recorded (a task's report is lost when Spark fails the job first). Nothing is deleted when
   * the commit's outcome is unknown: the snapshot may have landed and reference them.
   */
  static void abort(FileIO io, List<DataFile> reported, PendingFiles pending, Throwable commitFailure) {
    if (commitFailure instanceof CommitStateUnknownException) {
      return;
    }
    delete(io, reported);
    pending.markAborted(io); // first: a task finishing from now on sees it and cleans up itself
    for (String path : pending.recorded(io)) {
      io.delete(path);
    }
    pending.clear(io);
  }

  static void delete(FileIO io, List<DataFile> files) {
    for (DataFile f : files) {
      io.delete(f.path());
    }
  }
}
