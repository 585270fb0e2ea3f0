package dev.floe.table;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.expressions.Binder;
import dev.floe.expressions.Evaluator;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.expressions.InclusiveMetricsEvaluator;
import dev.floe.expressions.StrictMetricsEvaluator;
import dev.floe.io.FileIO;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.parquet.ReadStats;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/** The table scan: immutable; planning lives in {@link ScanPlanner}, reading in {@link #records()}. */
final class BaseTableScan implements TableScan {
  private final FileIO io;
  private final TableMetadata metadata;
  private final Optional<Snapshot> snapshot;
  private final Optional<Long> fromSnapshotExclusive;
  private final Expression filter;
  private final Optional<List<String>> selected;
  private final ReadStats readStats;

  private BaseTableScan(FileIO io, TableMetadata metadata, Optional<Snapshot> snapshot,
      Optional<Long> fromSnapshotExclusive, Expression filter, Optional<List<String>> selected,
      ReadStats readStats) {
    this.io = io;
    this.metadata = metadata;
    this.snapshot = snapshot;
    this.fromSnapshotExclusive = fromSnapshotExclusive;
    this.filter = filter;
    this.selected = selected;
    this.readStats = readStats;
  }

  static TableScan of(FileIO io, TableMetadata metadata) {
    return new BaseTableScan(io, metadata, metadata.currentSnapshot(), Optional.empty(),
        Expressions.alwaysTrue(), Optional.empty(), new ReadStats());
  }

  @Override
  public TableScan filter(Expression expr) {
    Expression combined = Expressions.and(filter, expr);
    Binder.bind(schemaForRead().asStruct(), combined, false);
    return new BaseTableScan(io, metadata, snapshot, fromSnapshotExclusive, combined, selected, readStats);
  }

  @Override
  public TableScan select(String... columns) {
    return select(List.of(columns));
  }

  @Override
  public TableScan select(List<String> columns) {
    schemaForRead().select(columns);
    return new BaseTableScan(io, metadata, snapshot, fromSnapshotExclusive, filter,
        Optional.of(List.copyOf(columns)), readStats);
  }

  @Override
  public TableScan useSnapshot(long snapshotId) {
    Snapshot s = history().snapshot(snapshotId).orElseThrow(() -> new dev.floe.error.NoSuchSnapshotException(
        "no snapshot " + snapshotId + " in table " + metadata.location()
        + ": it never existed or was expired (time travel reaches retained snapshots only)"));
    return new BaseTableScan(io, metadata, Optional.of(s), Optional.empty(), filter, selected, readStats);
  }

  @Override
  public TableScan useRef(String name) {
    dev.floe.metadata.SnapshotRef ref = metadata.refs().get(name);
    if (ref == null) {
      throw new InvalidInputException("ref", "table " + metadata.location() + " has no branch or tag named '" + name
          + "'" + (metadata.refs().isEmpty() ? "" : "; it has " + String.join(", ",
              new java.util.TreeSet<>(metadata.refs().keySet()))));
    }
    return useSnapshot(ref.snapshotId());
  }

  @Override
  public TableScan asOfTime(long timestampMillis) {
    History history = history();
    long found = history.snapshotIdAsOf(timestampMillis).orElseThrow(() -> new dev.floe.error.NoSuchSnapshotException(
        "the table has no snapshot at or before " + Instant.ofEpochMilli(timestampMillis)
        + history.firstTimestamp().map(t -> "; its oldest retained one is at " + Instant.ofEpochMilli(t)
            + " (older snapshots never existed or were expired)").orElse("")));
    return useSnapshot(found);
  }

  private History history() {
    return new History(io, metadata);
  }

  @Override
  public TableScan appendsBetween(long fromSnapshotIdExclusive, long toSnapshotIdInclusive) {
    Snapshot to = history().snapshot(toSnapshotIdInclusive).orElseThrow(() -> new InvalidInputException(
        "to-snapshot", "no snapshot " + toSnapshotIdInclusive));
    history().snapshot(fromSnapshotIdExclusive).orElseThrow(() -> new InvalidInputException(
        "from-snapshot", "no snapshot " + fromSnapshotIdExclusive));
    return new BaseTableScan(io, metadata, Optional.of(to), Optional.of(fromSnapshotIdExclusive),
        filter, selected, readStats);
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return snapshot;
  }

  @Override
  public Expression filter() {
    return filter;
  }

  /**
   * The head of a branch (main's current snapshot above all) reads with the table's current
   * schema, so a column just added or renamed is there before new data is; time travel to an
   * older snapshot or a tag reads with the schema the snapshot was written with.
   */
  private Schema schemaForRead() {
    if (snapshot.isEmpty() || isBranchHead(snapshot.get())) {
      return metadata.schema();
    }
    Snapshot s = snapshot.get();
    return s.schemaId().isPresent() ? metadata.schema(s.schemaId().getAsInt()) : metadata.schema();
  }

  private boolean isBranchHead(Snapshot s) {
    for (dev.floe.metadata.SnapshotRef r : metadata.refs().values()) {
      if (r.isBranch() && r.snapshotId() == s.snapshotId()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Schema projection() {
    Schema schema = schemaForRead();
    return selected.map(schema::select).orElse(schema);
  }

  /** Rows read and row groups skipped by this scan's readers (shared by scans derived from it). */
  ReadStats readStats() {
    return readStats;
  }

  @Override
  public List<FileScanTask> planFiles() {
    if (snapshot.isEmpty()) {
      return List.of();
    }
    ScanPlanner planner = new ScanPlanner(io, metadata, schemaForRead(), filter);
    return fromSnapshotExclusive.isPresent()
        ? planner.planAppends(fromSnapshotExclusive.get(), snapshot.get())
        : planner.plan(snapshot.get());
  }

  @Override
  public long count() {
    long total = 0;
    Schema schema = schemaForRead();
    for (FileScanTask task : planFiles()) {
      if (new StrictMetricsEvaluator(schema, task.residual())
          .allMatch(task.file().recordCount(), task.file().columnStats())) {
        total += task.file().recordCount();
      } else {
        try (CloseableIterator<Record> rows = readTask(task, Schema.of())) {
          while (rows.hasNext()) {
            rows.next();
            total++;
          }
        }
      }
    }
    return total;
  }

  @Override
  public CloseableIterator<Record> records() {
    Schema projection = projection();
    Iterator<FileScanTask> tasks = planFiles().iterator();
    return new CloseableIterator<>() {
      private CloseableIterator<Record> current = CloseableIterator.empty();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          current.close();
          if (!tasks.hasNext()) {
            return false;
          }
          current = readTask(tasks.next(), projection);
        }
        return true;
      }

      @Override
      public Record next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }

      @Override
      public void close() {
        current.close();
      }
    };
  }

  /**
   * Reads one task's matching rows with the given output columns. Columns the residual filter
   * needs are read too and dropped after filtering.
   */
  CloseableIterator<Record> readTask(FileScanTask task, Schema output) {
    Schema schema = schemaForRead();
    Expression residual = task.residual();
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
    InclusiveMetricsEvaluator rowGroups = filtered ? new InclusiveMetricsEvaluator(readSchema, residual) : null;
    CloseableIterator<Record> rows = ParquetRecordReader.read(io.newInputFile(task.file().path()), readSchema,
        filtered ? rowGroups::mightMatch : dev.floe.parquet.RowGroupFilter.ALL,
        filtered ? rowFilter::eval : null, readStats); // null: no per-row test at all
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
