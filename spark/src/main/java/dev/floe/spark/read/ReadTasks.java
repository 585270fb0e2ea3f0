package dev.floe.spark.read;

import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;
import dev.floe.table.FileScanTask;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns planned file tasks into Spark input partitions: one per file, and for a file larger than
 * the split size with several row groups, one per run of row groups of about that size (the
 * row groups' start offsets are the file's split offsets).
 */
final class ReadTasks {
  private ReadTasks() {}

  static List<ReadTask> split(List<FileScanTask> planned, long splitSize) {
    List<ReadTask> out = new ArrayList<>();
    for (FileScanTask t : planned) {
      DataFile f = t.file();
      String residual = t.residual() instanceof Expression.True ? null : t.residual().toString();
      List<Long> offsets = f.splitOffsets();
      if (f.fileSizeBytes() <= splitSize || offsets.size() < 2) {
        out.add(new ReadTask(f.path(), 0, -1, residual, f.recordCount(), f.fileSizeBytes()));
        continue;
      }
      int first = 0;
      long start = offsets.get(0);
      for (int i = 1; i <= offsets.size(); i++) {
        long end = i < offsets.size() ? offsets.get(i) : f.fileSizeBytes();
        if (end - start >= splitSize || i == offsets.size()) {
          long rows = Math.round((double) f.recordCount() * (end - start) / f.fileSizeBytes());
          out.add(new ReadTask(f.path(), first, i - first, residual, rows, end - start));
          first = i;
          start = end;
        }
      }
    }
    return out;
  }
}
