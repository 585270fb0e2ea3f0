package dev.floe.spark.write;

import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionData;
import dev.floe.spark.SparkTable;
import dev.floe.table.FileScanTask;
import dev.floe.table.OverwriteFiles;
import dev.floe.table.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * INSERT OVERWRITE: the job's new files and the removal of the rows they replace, in one Floe
 * overwrite. Static (a filter, or the whole table) removes the rows the filter matches; dynamic
 * removes every file of the partitions the new files fall in. Conflicts are the core's: the
 * overwrite validates against the snapshot the job started from, so a concurrent commit that
 * touched what it replaces fails it (and the job's files are deleted).
 */
final class BatchOverwrite implements BatchWrite {
  private final SparkTable table;
  private final String queryId;
  private final WriterFactory factory;
  private final DriverCommit job;
  private final WriteMode mode;
  private final Optional<Long> startSnapshot;

  BatchOverwrite(SparkTable table, String queryId, WriterFactory factory, PendingFiles pending, WriteMode mode) {
    this.table = table;
    this.queryId = queryId;
    this.factory = factory;
    this.job = new DriverCommit(table.floeTable(), pending);
    this.mode = mode;
    this.startSnapshot = table.floeTable().currentSnapshot().map(Snapshot::snapshotId);
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return factory;
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    List<DataFile> files = WrittenFiles.all(messages);
    Table t = table.floeTable();
    OverwriteFiles overwrite = t.newOverwrite().set("spark.query-id", queryId);
    startSnapshot.ifPresent(overwrite::validateFromSnapshot);
    if (mode instanceof WriteMode.OverwriteWhere where) {
      overwrite.overwriteWhere(where.filter());
    } else {
      replacePartitions(overwrite, files);
    }
    files.forEach(overwrite::addFile);
    job.run(overwrite::commit);
  }

  /** Removes the files, as of the job's start, of every partition a new file falls in. */
  private void replacePartitions(OverwriteFiles overwrite, List<DataFile> files) {
    if (startSnapshot.isEmpty()) {
      return;
    }
    Set<Partition> replaced = new HashSet<>();
    for (DataFile f : files) {
      replaced.add(new Partition(f.specId(), f.partition()));
    }
    for (FileScanTask task : table.floeTable().newScan().useSnapshot(startSnapshot.get()).planFiles()) {
      DataFile old = task.file();
      if (replaced.contains(new Partition(old.specId(), old.partition()))) {
        overwrite.deleteFile(old);
      }
    }
  }

  private record Partition(int specId, PartitionData values) {}

  @Override
  public void abort(WriterCommitMessage[] messages) {
    job.abort(messages);
  }
}
