package dev.floe.spark.write;

import dev.floe.data.Record;
import dev.floe.spark.SparkValues;
import dev.floe.spark.TableContext;
import dev.floe.table.TableWriter;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types.NestedField;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * Writes one Spark task's rows into new data files with Floe's {@link TableWriter} (one open file
 * per partition, rolled at the target size). The files stay invisible until the driver commits
 * them; an aborted task deletes them.
 */
final class SparkDataWriter implements DataWriter<InternalRow> {
  private final TableWriter writer;
  private final Schema schema;
  private final Type[] types;
  private final String[] names;
  private final int[] inputPositions;
  private final TableContext context;
  private final PendingFiles pending;
  private boolean done;

  SparkDataWriter(TableContext context, int[] inputPositions, PendingFiles pending) {
    this.context = context;
    this.pending = pending;
    this.writer = new TableWriter(context.io(), context.metadata());
    this.schema = writer.schema();
    List<NestedField> cols = schema.columns();
    this.types = new Type[cols.size()];
    this.names = new String[cols.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = cols.get(i).type();
      names[i] = cols.get(i).name();
    }
    this.inputPositions = inputPositions;
  }

  @Override
  public void write(InternalRow row) {
    Object[] values = new Object[types.length];
    for (int i = 0; i < values.length; i++) {
      int pos = inputPositions[i];
      values[i] = pos < 0 ? null : SparkValues.fromSpark(types[i], row, pos, names[i]);
    }
    writer.write(Record.wrap(schema.asStruct(), values));
  }

  @Override
  public WriterCommitMessage commit() {
    done = true;
    List<dev.floe.manifest.DataFile> files = writer.complete();
    if (!files.isEmpty()) {
      pending.record(context.io(), files);
    }
    return WrittenFiles.of(files);
  }

  @Override
  public void abort() {
    done = true;
    writer.abort();
  }

  @Override
  public void close() {
    if (!done) {
      // closed without commit or abort (the task failed before either): leave nothing behind
      writer.abort();
    }
  }
}
