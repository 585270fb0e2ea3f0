package dev.floe.spark.read;

import dev.floe.data.Record;
import dev.floe.expressions.Expression;
import dev.floe.expressions.ExpressionParser;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.ColumnStats;
import dev.floe.parquet.ColumnBatchReader;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.parquet.ReadStats;
import dev.floe.parquet.RowGroupFilter;
import dev.floe.spark.TableContext;
import dev.floe.table.TaskReader;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one {@link ReadTask} on an executor with Floe's {@link TaskReader}: row groups the
 * residual may match (footer statistics) within the task's split, rows that match, projected to
 * the output columns.
 */
final class TaskRecords {
  private TaskRecords() {}

  static CloseableIterator<Record> open(TableContext ctx, ReadSpec spec, ReadTask task) {
    Schema schema = ctx.metadata().schema(spec.schemaId());
    Expression residual = task.residual() == null ? Expressions.alwaysTrue() : ExpressionParser.parse(task.residual());
    RowGroupFilter split = task.wholeFile() ? null : new RowGroupRange(task.firstRowGroup(), task.rowGroups());
    return TaskReader.read(ctx.io(), schema, task.path(), residual, spec.output(schema), split, ReadStats.none());
  }

  /**
   * The task's rows as column batches, when it has no residual filter (every row of its row
   * groups is returned) and table-format can decode its columns without conversion.
   */
  static Optional<ColumnBatchReader> openColumns(TableContext ctx, ReadSpec spec, ReadTask task) {
    if (task.residual() != null) { // null: true
      return Optional.empty();
    }
    Schema schema = ctx.metadata().schema(spec.schemaId());
    RowGroupFilter split = task.wholeFile() ? null : new RowGroupRange(task.firstRowGroup(), task.rowGroups());
    return ParquetRecordReader.readColumns(ctx.io().newInputFile(task.path()), spec.output(schema), split,
        ReadStats.none());
  }

  /**
   * Selects a run of row groups by position. Relies on the reader asking once per row group, in
   * file order, as {@link RowGroupFilter} promises.
   */
  static final class RowGroupRange implements RowGroupFilter {
    private final int first;
    private final int end;
    private int index;

    RowGroupRange(int first, int count) {
      this.first = first;
      this.end = first + count;
    }

    @Override
    public boolean mightMatch(long rowCount, Map<Integer, ColumnStats> stats) {
      int i = index++;
      return i >= first && i < end;
    }
  }
}
