package dev.floe.spark.write;

import dev.floe.manifest.DataFile;
import dev.floe.spark.SparkTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;

/**
 * The exactly-once streaming sink: each micro-batch is one Floe append whose idempotency key is
 * (query id, batch id). The query id survives restarts from a checkpoint, so a batch Spark runs
 * again after a crash between Floe's commit and Spark's own commit log finds its key in the
 * table's history: the commit is a no-op and the replay's files are deleted.
 */
final class StreamingAppend implements StreamingWrite {
  private final SparkTable table;
  private final String queryId;
  private final WriterFactory factory;
  private final PendingFiles pending;
  /** The batch being committed: its abort must know how its commit failed. */
  private DriverCommit current;
  private long currentEpoch = -1;

  StreamingAppend(SparkTable table, String queryId, WriterFactory factory, PendingFiles pending) {
    this.table = table;
    this.queryId = queryId;
    this.factory = factory;
    this.pending = pending;
  }

  @Override
  public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
    return factory;
  }

  private DriverCommit batch(long epochId) {
    if (current == null || currentEpoch != epochId) {
      current = new DriverCommit(table.floeTable(), pending.forEpoch(epochId));
      currentEpoch = epochId;
    }
    return current;
  }

  @Override
  public void commit(long epochId, WriterCommitMessage[] messages) {
    List<DataFile> files = WrittenFiles.all(messages);
    if (files.isEmpty()) {
      batch(epochId).skip(); // an empty batch adds nothing, and a replay of it adds nothing either
      return;
    }
    batch(epochId).run(() -> Commits.append(table.floeTable(), files,
        Optional.of(new Commits.Key(queryId, epochId)),
        Map.of("spark.query-id", queryId, "spark.batch-id", Long.toString(epochId))));
  }

  @Override
  public void abort(long epochId, WriterCommitMessage[] messages) {
    batch(epochId).abort(messages);
  }

  @Override
  public String toString() {
    return "floe streaming append into " + table.name();
  }
}
