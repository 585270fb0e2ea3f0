package dev.floe.table;

import dev.floe.error.FloeException;
import dev.floe.io.FileIO;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes files for maintenance in batches and tells the report and the listener about each.
 * The one place maintenance deletes through: when FileIO offers a bulk delete (an object store's
 * batch request), {@link #flush()} is where to call it. In a dry run nothing is deleted and every
 * file is reported as it would be.
 */
final class FileDeleter {
  static final int BATCH = 1_000;

  private record Pending(FileKind kind, String location, long bytes) {}

  private final FileIO io;
  private final boolean dryRun;
  private final MaintenanceListener listener;
  private final CleanupReport.Builder report;
  private final List<Pending> pending = new ArrayList<>();

  FileDeleter(FileIO io, boolean dryRun, MaintenanceListener listener, CleanupReport.Builder report) {
    this.io = io;
    this.dryRun = dryRun;
    this.listener = listener;
    this.report = report;
  }

  void delete(FileKind kind, String location, long bytes) {
    pending.add(new Pending(kind, location, bytes));
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  void flush() {
    for (Pending p : pending) {
      if (!dryRun) {
        try {
          io.delete(p.location());
        } catch (FloeException e) {
          // left for a later run: nothing references the file, so nothing breaks meanwhile
          report.failed(p.location());
          continue;
        }
      }
      report.file(p.kind(), p.location(), p.bytes());
      listener.file(p.kind(), p.location(), p.bytes());
    }
    pending.clear();
  }
}
