package dev.floe.table;

import dev.floe.data.Record;
import dev.floe.expressions.Evaluator;
import dev.floe.expressions.Expression;
import dev.floe.expressions.StrictMetricsEvaluator;
import dev.floe.io.FileIO;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Row-level changes by rewriting files: finds the files of a snapshot a filter touches, drops
 * those it matches entirely, and writes new versions of the others with the matched rows deleted
 * or changed. New files go through {@link TableWriter} (sorted and partitioned as the table says)
 * and stay invisible until the operation commits; {@link #abort()} deletes every one of them.
 */
final class CopyOnWrite {
  private final FileIO io;
  private final TableMetadata metadata;
  private final Schema schema;
  private final List<TableWriter> writers = new ArrayList<>();
  private final List<DataFile> removed = new ArrayList<>();
  private final List<DataFile> added = new ArrayList<>();
  private long changedRows;

  CopyOnWrite(FileIO io, TableMetadata metadata) {
    this.io = io;
    this.metadata = metadata;
    this.schema = metadata.schema();
  }

  /**
   * Applies the change to the rows of {@code snapshot} that match {@code filter}.
   *
   * @param change what happens to a matched row: null deletes it, otherwise its new version. A
   *     delete (a change that is always null) drops wholly matched files without reading them.
   */
  void apply(Snapshot snapshot, Expression filter, UnaryOperator<Record> change, boolean isDelete) {
    List<FileScanTask> tasks = new ScanPlanner(io, metadata, schema, filter).plan(snapshot);
    for (FileScanTask task : tasks) {
      Expression residual = task.residual();
      if (residual instanceof Expression.False) {
        continue;
      }
      DataFile file = task.file();
      boolean whole = residual instanceof Expression.True
          || new StrictMetricsEvaluator(schema, residual).allMatch(file.recordCount(), file.columnStats());
      if (whole && isDelete) {
        removed.add(file);
        changedRows += file.recordCount();
        continue;
      }
      rewrite(file, whole ? null : new Evaluator(schema.asStruct(), residual), change);
    }
  }

  /** Rewrites one file: rows the evaluator matches (all rows when it is null) go through the change. */
  private void rewrite(DataFile file, Evaluator matches, UnaryOperator<Record> change) {
    TableWriter writer = new TableWriter(io, metadata);
    writers.add(writer);
    long changed = 0;
    try (CloseableIterator<Record> rows = ParquetRecordReader.read(io.newInputFile(file.path()), schema)) {
      while (rows.hasNext()) {
        Record row = rows.next();
        if (matches == null || matches.eval(row)) {
          changed++;
          Record out = change.apply(row);
          if (out != null) {
            writer.write(out);
          }
        } else {
          writer.write(row);
        }
      }
    }
    if (changed == 0) {
      // statistics could not rule the file out, but no row matched: leave it as it is
      writer.abort();
      writers.remove(writer);
      return;
    }
    removed.add(file);
    added.addAll(writer.complete());
    changedRows += changed;
  }

  List<DataFile> removed() {
    return List.copyOf(removed);
  }

  List<DataFile> added() {
    return List.copyOf(added);
  }

  /** Rows deleted or changed. */
  long changedRows() {
    return changedRows;
  }

  /** Deletes every file this rewrite wrote. */
  void abort() {
    for (TableWriter w : writers) {
      w.abort();
    }
    writers.clear();
    added.clear();
  }
}
