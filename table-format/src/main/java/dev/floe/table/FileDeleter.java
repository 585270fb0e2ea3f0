package dev.floe.table;

import dev.floe.error.BulkDeleteException;
import dev.floe.error.FloeException;
import dev.floe.io.FileIO;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes files for maintenance in batches and tells the report and the listener about each.
 * The one place maintenance deletes through, a batch at a time through {@link FileIO#deleteAll}
 * (one request per thousand keys on an object store). In a dry run nothing is deleted and every
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
    Set<String> failed = Set.of();
    if (!dryRun && !pending.isEmpty()) {
      List<String> locations = new ArrayList<>(pending.size());
      pending.forEach(p -> locations.add(p.location()));
      try {
        io.deleteAll(locations);
      } catch (BulkDeleteException e) {
        // left for a later run: nothing references these files, so nothing breaks meanwhile
        failed = new HashSet<>(e.failedLocations());
      } catch (FloeException e) {
        failed = new HashSet<>(locations);
      }
    }
    for (Pending p : pending) {
      if (failed.contains(p.location())) {
        report.failed(p.location());
        continue;
      }
      report.file(p.kind(), p.location(), p.bytes());
      listener.file(p.kind(), p.location(), p.bytes());
    }
    pending.clear();
  }
}
