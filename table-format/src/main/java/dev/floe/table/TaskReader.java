package dev.floe.table;

import dev.floe.data.Record;
import dev.floe.expressions.Binder;
import dev.floe.expressions.Evaluator;
import dev.floe.expressions.Expression;
import dev.floe.expressions.InclusiveMetricsEvaluator;
import dev.floe.io.FileIO;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.parquet.ReadStats;
import dev.floe.parquet.RowGroupFilter;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the rows of one planned data file: the row groups whose footer statistics may match the
 * residual filter, the rows that do match it, projected to the output columns. Columns only the
 * residual needs are read and dropped after filtering. Scans read their tasks with it, and so do
 * engines that run tasks elsewhere (a Spark executor has the file's path, the residual and the
 * schema, not the scan).
 */
public final class TaskReader {
  private TaskReader() {}

  /**
   * @param schema the schema the data was planned with (its field ids)
   * @param residual the task's residual filter; {@code true} reads every row
   * @param restrict further row groups to skip (e.g. those outside an engine's split), or null;
   *     asked first, once per row group in file order, so it may select row groups by position
   */
  public static CloseableIterator<Record> read(FileIO io, Schema schema, String path, Expression residual,
      Schema output, RowGroupFilter restrict, ReadStats stats) {
    Set<Integer> needed = new LinkedHashSet<>();
    for (NestedField f : output.columns()) {
      needed.add(f.id());
    }
    for (int id : Binder.boundReferences(Binder.bind(schema.asStruct(), residual, false))) {
      topLevelFieldId(schema, id).ifPresent(needed::add);
    }
    List<NestedField> readColumns = new ArrayList<>();
    for (NestedField f : schema.columns()) {
      if (needed.contains(f.id())) {
        readColumns.add(f);
      }
    }
    Schema readSchema = new Schema(schema.schemaId(), readColumns);
    boolean filtered = !(residual instanceof Expression.True);
    Evaluator rowFilter = filtered ? new Evaluator(readSchema.asStruct(), residual) : null;
    RowGroupFilter groups = filtered ? new InclusiveMetricsEvaluator(readSchema, residual)::mightMatch : null;
    if (restrict != null) {
      RowGroupFilter byStats = groups;
      groups = (rowCount, columnStats) -> restrict.mightMatch(rowCount, columnStats)
          && (byStats == null || byStats.mightMatch(rowCount, columnStats));
    }
    CloseableIterator<Record> rows = ParquetRecordReader.read(io.newInputFile(path), readSchema,
        groups == null ? RowGroupFilter.ALL : groups,
        filtered ? rowFilter::eval : null, stats); // null: no per-row test at all
    if (readColumns.equals(output.columns())) {
      return rows;
    }
    int[] positions = new int[output.columns().size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = readColumns.indexOf(output.columns().get(i));
    }
    return new CloseableIterator<>() {
      public boolean hasNext() { return rows.hasNext(); }

      public Record next() {
        Record r = rows.next();
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
          values[i] = r.get(positions[i]);
        }
        return Record.wrap(output.asStruct(), values);
      }

      public void close() { rows.close(); }
    };
  }

  private static Optional<Integer> topLevelFieldId(Schema schema, int fieldId) {
    Optional<String> name = schema.findColumnName(fieldId);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String top = name.get().split("\\.", 2)[0];
    return schema.findField(top).map(NestedField::id);
  }
}
