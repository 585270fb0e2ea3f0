package dev.floe.spark.read;

import dev.floe.spark.TableContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Builds the readers of a scan's tasks on executors: rows, or columnar batches for flat schemas. */
public final class ReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final TableContext context;
  private final ReadSpec spec;
  private final int batchSize;

  public ReaderFactory(TableContext context, ReadSpec spec, int batchSize) {
    this.context = context;
    this.spec = spec;
    this.batchSize = batchSize;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new RowReader(context, spec, (ReadTask) partition);
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    return new ColumnarReader(context, spec, (ReadTask) partition, batchSize);
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return spec.columnar();
  }
}
