package dev.floe.spark.write;

import dev.floe.spark.TableContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/** Creates the task writers of a batch or streaming write on executors. */
final class WriterFactory implements DataWriterFactory, StreamingDataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final TableContext context;
  private final int[] inputPositions;
  private final PendingFiles pending;

  WriterFactory(TableContext context, int[] inputPositions, PendingFiles pending) {
    this.context = context;
    this.inputPositions = inputPositions;
    this.pending = pending;
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new SparkDataWriter(context, inputPositions, pending);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
    return new SparkDataWriter(context, inputPositions, pending.forEpoch(epochId));
  }
}
