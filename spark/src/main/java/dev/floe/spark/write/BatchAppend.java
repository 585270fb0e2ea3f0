package dev.floe.spark.write;

import dev.floe.manifest.DataFile;
import dev.floe.spark.SparkTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** INSERT INTO and {@code writeTo(...).append()}: every task's files in one Floe append. */
final class BatchAppend implements BatchWrite {
  private final SparkTable table;
  private final String queryId;
  private final WriterFactory factory;
  private final DriverCommit job;

  BatchAppend(SparkTable table, String queryId, WriterFactory factory, PendingFiles pending) {
    this.table = table;
    this.queryId = queryId;
    this.factory = factory;
    this.job = new DriverCommit(table.floeTable(), pending);
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return factory;
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    List<DataFile> files = WrittenFiles.all(messages);
    if (files.isEmpty()) {
      job.skip(); // nothing written: no empty snapshot
      return;
    }
    job.run(() -> Commits.append(table.floeTable(), files, Optional.empty(), Map.of("spark.query-id", queryId)));
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    job.abort(messages);
  }
}
