package dev.floe.spark.read;

import dev.floe.data.Record;
import dev.floe.expressions.Binder;
import dev.floe.expressions.Evaluator;
import dev.floe.expressions.Expression;
import dev.floe.expressions.ExpressionParser;
import dev.floe.expressions.InclusiveMetricsEvaluator;
import dev.floe.manifest.ColumnStats;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.parquet.ReadStats;
import dev.floe.parquet.RowGroupFilter;
import dev.floe.spark.TableContext;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@link ReadTask} on an executor: its row groups that the residual filter may match
 * (footer statistics), its rows that match (the residual, row by row), projected to the output
 * columns. Columns only the residual needs are read and dropped after filtering.
 */
final class TaskRecords {
  private TaskRecords() {}

  static CloseableIterator<Record> open(TableContext ctx, ReadSpec spec, ReadTask task) {
    Schema schema = ctx.metadata().schema(spec.schemaId());
    Schema output = spec.output(schema);
    Expression residual = task.residual() == null ? null
        : Binder.bind(schema.asStruct(), ExpressionParser.parse(task.residual()), false);
    Set<Integer> needed = new LinkedHashSet<>();
    for (NestedField f : output.columns()) {
      needed.add(f.id());
    }
    if (residual != null) {
      for (int id : Binder.boundReferences(residual)) {
        needed.add(topLevelId(schema, id));
      }
    }
    List<NestedField> readColumns = new ArrayList<>();
    for (NestedField f : schema.columns()) {
      if (needed.contains(f.id())) {
        readColumns.add(f);
      }
    }
    Schema readSchema = new Schema(schema.schemaId(), readColumns);
    RowGroupFilter groups = residual == null ? null : new InclusiveMetricsEvaluator(readSchema, residual)::mightMatch;
    if (!task.wholeFile()) {
      groups = new RowGroupRange(task.firstRowGroup(), task.rowGroups(), groups);
    }
    Evaluator rows = residual == null ? null : new Evaluator(readSchema.asStruct(), residual);
    CloseableIterator<Record> records = ParquetRecordReader.read(ctx.io().newInputFile(task.path()), readSchema,
        groups == null ? RowGroupFilter.ALL : groups, rows == null ? null : rows::eval, ReadStats.none());
    if (readColumns.equals(output.columns())) {
      return records;
    }
    int[] positions = new int[output.columns().size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = readColumns.indexOf(output.columns().get(i));
    }
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Record next() {
        Record r = records.next();
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
          values[i] = r.get(positions[i]);
        }
        return Record.wrap(output.asStruct(), values);
      }

      @Override
      public void close() {
        records.close();
      }
    };
  }

  private static int topLevelId(Schema schema, int fieldId) {
    String name = schema.findColumnName(fieldId).orElseThrow();
    return schema.findField(name.split("\\.", 2)[0]).orElseThrow().id();
  }

  /**
   * Restricts a read to a run of row groups. Relies on the reader asking once per row group, in
   * file order, as {@link RowGroupFilter} promises.
   */
  static final class RowGroupRange implements RowGroupFilter {
    private final int first;
    private final int end;
    private final RowGroupFilter inner;
    private int index;

    RowGroupRange(int first, int count, RowGroupFilter inner) {
      this.first = first;
      this.end = first + count;
      this.inner = inner;
    }

    @Override
    public boolean mightMatch(long rowCount, Map<Integer, ColumnStats> stats) {
      int i = index++;
      return i >= first && i < end && (inner == null || inner.mightMatch(rowCount, stats));
    }
  }
}
