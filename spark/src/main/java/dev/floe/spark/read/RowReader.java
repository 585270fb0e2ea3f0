package dev.floe.spark.read;

import dev.floe.data.Record;
import dev.floe.spark.SparkValues;
import dev.floe.spark.TableContext;
import dev.floe.types.Types;
import dev.floe.util.CloseableIterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/** Rows of one task as Spark internal rows. */
final class RowReader implements PartitionReader<InternalRow> {
  private final CloseableIterator<Record> records;
  private final Types.StructType struct;
  private InternalRow current;

  RowReader(TableContext context, ReadSpec spec, ReadTask task) {
    this.struct = spec.output(context.metadata().schema(spec.schemaId())).asStruct();
    this.records = TaskRecords.open(context, spec, task);
  }

  @Override
  public boolean next() {
    if (!records.hasNext()) {
      return false;
    }
    current = SparkValues.toSparkRow(struct, records.next());
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    records.close();
  }
}
