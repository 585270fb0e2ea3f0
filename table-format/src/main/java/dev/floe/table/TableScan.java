package dev.floe.table;

import dev.floe.data.Record;
import dev.floe.expressions.Expression;
import dev.floe.metadata.Snapshot;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable description of a read: each refinement returns a new scan. Plan it to get pruned
 * file tasks for an engine, or read its records directly.
 *
 * <pre>{@code
 * TableScan scan = table.newScan()
 *     .filter(Expressions.and(Expressions.greaterThan("amount", 10), Expressions.equal("category", "cat-07")))
 *     .select("id", "amount")
 *     .asOfTime(yesterdayMillis);
 * List<FileScanTask> tasks = scan.planFiles();   // only files whose stats may match
 * }</pre>
 */
public interface TableScan {
  TableScan filter(Expression expr);

  TableScan select(String... columns);

  TableScan select(List<String> columns);

  /** Reads the table as of this snapshot. */
  TableScan useSnapshot(long snapshotId);

  /** Reads the snapshot a branch or tag points at. */
  TableScan useRef(String name);

  /** Reads the table as it was at this time: the snapshot current then (epoch millis). */
  TableScan asOfTime(long timestampMillis);

  /**
   * Reads only rows appended by the snapshots after {@code fromSnapshotIdExclusive} up to and
   * including {@code toSnapshotIdInclusive} (an incremental scan).
   */
  TableScan appendsBetween(long fromSnapshotIdExclusive, long toSnapshotIdInclusive);

  /** The snapshot this scan reads; empty for a table with no snapshot. */
  Optional<Snapshot> snapshot();

  Expression filter();

  Schema projection();

  List<FileScanTask> planFiles();

  CloseableIterator<Record> records();

  /** Counts matching rows; uses file record counts where the filter certainly matches whole files. */
  long count();
}
