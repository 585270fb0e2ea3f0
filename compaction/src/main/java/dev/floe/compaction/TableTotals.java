package dev.floe.compaction;

import dev.floe.table.FileScanTask;
import java.util.List;

/** What a table's live data files add up to at one moment. */
public record TableTotals(int files, long bytes, long rows) {
  static TableTotals of(List<FileScanTask> tasks) {
    long bytes = 0;
    long rows = 0;
    for (FileScanTask t : tasks) {
      bytes += t.file().fileSizeBytes();
      rows += t.file().recordCount();
    }
    return new TableTotals(tasks.size(), bytes, rows);
  }
}
