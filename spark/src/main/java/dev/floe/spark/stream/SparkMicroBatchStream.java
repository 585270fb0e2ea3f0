package dev.floe.spark.stream;

import dev.floe.expressions.Expression;
import dev.floe.metadata.Snapshot;
import dev.floe.spark.ReadOptions;
import dev.floe.spark.SparkTable;
import dev.floe.spark.read.SparkScan;
import dev.floe.table.History;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;

/**
 * A Floe table as a stream source: each micro-batch reads the rows appended by the snapshots
 * committed since the previous batch (Floe's incremental scan), with offsets that are snapshot
 * ids, so a query restarted from its checkpoint goes on after the last snapshot it finished.
 * Without {@code stream-from-snapshot-id}, the first batch reads the table as it is then.
 * {@code max-snapshots-per-batch} caps how many snapshots one batch covers.
 */
public final class SparkMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl {
  private final SparkTable table;
  private final ReadOptions options;
  private final Expression filter;
  private final Schema output;

  public SparkMicroBatchStream(SparkTable table, ReadOptions options, Expression filter, Schema output,
      String checkpointLocation) {
    this.table = table;
    this.options = options;
    this.filter = filter;
    this.output = output;
  }

  @Override
  public Offset initialOffset() {
    return options.streamFromSnapshotId().map(SnapshotOffset::new).orElse(SnapshotOffset.START);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return SnapshotOffset.parse(json);
  }

  @Override
  public Offset latestOffset() {
    Table t = table.floeTable();
    t.refresh();
    return t.currentSnapshot().map(s -> new SnapshotOffset(s.snapshotId())).orElse(SnapshotOffset.START);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.allAvailable();
  }

  @Override
  public Offset latestOffset(Offset start, ReadLimit limit) {
    SnapshotOffset latest = (SnapshotOffset) latestOffset();
    if (latest.isStart() || options.maxSnapshotsPerBatch() == Integer.MAX_VALUE || latest.equals(start)) {
      return latest;
    }
    List<Long> pending = snapshotsAfter((SnapshotOffset) start, latest.snapshotId());
    if (pending.size() <= options.maxSnapshotsPerBatch()) {
      return latest;
    }
    return new SnapshotOffset(pending.get(options.maxSnapshotsPerBatch() - 1));
  }

  /** Snapshot ids after {@code start} up to {@code latest}, oldest first, following parents. */
  private List<Long> snapshotsAfter(SnapshotOffset start, long latest) {
    History history = table.floeTable().history();
    List<Long> ids = new ArrayList<>();
    Optional<Long> cursor = Optional.of(latest);
    while (cursor.isPresent() && (start.isStart() || cursor.get() != start.snapshotId())) {
      ids.add(cursor.get());
      cursor = history.snapshot(cursor.get()).flatMap(Snapshot::parentId);
    }
    Collections.reverse(ids);
    return ids;
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    SnapshotOffset from = (SnapshotOffset) start;
    SnapshotOffset to = (SnapshotOffset) end;
    if (to.isStart() || from.equals(to)) {
      return new InputPartition[0];
    }
    Table t = table.floeTable();
    TableScan scan = t.newScan().filter(filter);
    scan = from.isStart() ? scan.useSnapshot(to.snapshotId()) : scan.appendsBetween(from.snapshotId(), to.snapshotId());
    return SparkScan.split(scan.planFiles(), options.splitSize()).toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return SparkScan.readerFactory(table, options, output);
  }

  @Override
  public void commit(Offset end) {
    // nothing to release: offsets are snapshot ids and the snapshots stay in the table
  }

  @Override
  public void stop() {}

  @Override
  public String toString() {
    return "floe stream of " + table.name();
  }
}
