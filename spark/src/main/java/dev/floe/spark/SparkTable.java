package dev.floe.spark;

import dev.floe.error.FloeException;
import dev.floe.metadata.Snapshot;
import dev.floe.expressions.Expression;
import dev.floe.spark.read.SparkFilters;
import dev.floe.spark.read.SparkScanBuilder;
import dev.floe.spark.write.SparkWriteBuilder;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import dev.floe.types.Schema;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsDeleteV2;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Floe table in Spark: batch and streaming reads and writes. Pinned to a snapshot (time
 * travel) it is read-only and shows that snapshot's schema.
 */
public class SparkTable implements SupportsRead, SupportsWrite, SupportsDeleteV2 {
  private static final Set<TableCapability> CAPABILITIES = EnumSet.of(TableCapability.BATCH_READ,
      TableCapability.MICRO_BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.STREAMING_WRITE,
      TableCapability.OVERWRITE_BY_FILTER, TableCapability.OVERWRITE_DYNAMIC, TableCapability.TRUNCATE);
  private static final Set<TableCapability> PINNED = EnumSet.of(TableCapability.BATCH_READ);

  private final String name;
  private final Table table;
  private final Optional<Long> snapshotId;
  private final Map<String, String> storageProperties;
  private TableContext context;

  public SparkTable(String name, Table table, Optional<Long> snapshotId, Map<String, String> storageProperties) {
    this.name = name;
    this.table = table;
    this.snapshotId = snapshotId;
    this.storageProperties = Map.copyOf(storageProperties);
  }

  @Override
  public String name() {
    return name;
  }

  public Table floeTable() {
    return table;
  }

  public Optional<Long> snapshotId() {
    return snapshotId;
  }

  public Map<String, String> storageProperties() {
    return storageProperties;
  }

  /** The same table pinned to a snapshot. */
  public SparkTable atSnapshot(long id) {
    return new SparkTable(name, table, Optional.of(id), storageProperties);
  }

  /** The schema reads see: the pinned snapshot's, or the current one. */
  public Schema readSchema() {
    return newFloeScan().projection();
  }

  /** A Floe scan of what this table shows: the pinned snapshot, or the current state. */
  public TableScan newFloeScan() {
    TableScan scan = table.newScan();
    return snapshotId.isPresent() ? scan.useSnapshot(snapshotId.get()) : scan;
  }

  /** What executors need to read and write this table's files. */
  public TableContext context() {
    if (context == null) {
      context = TableContext.of(name, table.metadata(), storageProperties);
    }
    return context;
  }

  @Override
  public StructType schema() {
    return SparkSchemas.toSpark(readSchema());
  }

  @Override
  public Transform[] partitioning() {
    return SparkPartitioning.toSpark(table.schema(), table.spec());
  }

  @Override
  public Map<String, String> properties() {
    Map<String, String> props = new LinkedHashMap<>(table.properties());
    props.put(TableCatalog.PROP_PROVIDER, "floe");
    props.put(TableCatalog.PROP_LOCATION, table.location());
    props.put("format", "floe/parquet");
    table.currentSnapshot().ifPresent(s -> props.put("current-snapshot-id", Long.toString(s.snapshotId())));
    return props;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return snapshotId.isPresent() ? PINNED : CAPABILITIES;
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    ReadOptions read = parse(() -> ReadOptions.of(options, table.properties()));
    SparkTable target = this;
    if (read.snapshotId().isPresent()) {
      target = atSnapshot(checkedSnapshot(read.snapshotId().get()));
    } else if (read.asOfTimestampMillis().isPresent()) {
      target = atSnapshot(snapshotAsOf(read.asOfTimestampMillis().get()));
    }
    return new SparkScanBuilder(target, read);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    if (snapshotId.isPresent()) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot write to " + name + " as of snapshot "
          + snapshotId.get() + ": time travel reads are read-only"));
    }
    return new SparkWriteBuilder(this, info);
  }

  /**
   * DELETE FROM takes a filter Floe evaluates exactly (see {@link SparkFilters}); Floe's delete then
   * drops files whose every row matches from the metadata alone and rewrites the files that match
   * in part (copy-on-write), in one snapshot with the core's conflict rules.
   */
  @Override
  public boolean canDeleteWhere(Predicate[] predicates) {
    return snapshotId.isEmpty() && deleteFilter(predicates).isPresent();
  }

  @Override
  public void deleteWhere(Predicate[] predicates) {
    if (snapshotId.isPresent()) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot delete from " + name + " as of snapshot "
          + snapshotId.get() + ": time travel reads are read-only"));
    }
    Expression filter = deleteFilter(predicates).orElseThrow(() -> SparkErrors.raise(SparkErrors.analysis(
        "Cannot delete from " + name + ": Floe cannot evaluate the condition exactly; float and double"
            + " comparisons and expressions over computed values are not supported in DELETE")));
    try {
      table.newDelete().deleteWhere(filter).set("spark.operation", "delete").commit();
    } catch (FloeException e) {
      throw SparkErrors.raise(SparkErrors.analysis("DELETE FROM " + name + " failed: " + e.getMessage(), e));
    }
  }

  private Optional<Expression> deleteFilter(Predicate[] predicates) {
    return new SparkFilters(table.schema()).convertAll(predicates);
  }

  long checkedSnapshot(long id) {
    if (table.history().snapshot(id).isEmpty()) {
      throw SparkErrors.raise(SparkErrors.noSuchSnapshot(name, Long.toString(id)));
    }
    return id;
  }

  long snapshotAsOf(long millis) {
    Optional<Long> id = table.history().snapshotIdAsOf(millis);
    if (id.isEmpty()) {
      Optional<Long> first = table.history().firstTimestamp();
      throw SparkErrors.raise(SparkErrors.analysis("Table " + name + " has no snapshot at or before "
          + java.time.Instant.ofEpochMilli(millis) + first.map(t -> "; its first snapshot is at "
          + java.time.Instant.ofEpochMilli(t)).orElse("; it has no snapshots yet")));
    }
    return id.get();
  }

  /** The snapshot a VERSION AS OF names: a snapshot id, or a branch or tag. */
  long snapshotForVersion(String version) {
    String v = version.trim();
    if (v.matches("-?\\d+")) {
      long id = Long.parseLong(v);
      if (table.history().snapshot(id).isPresent()) {
        return id;
      }
    }
    var ref = table.metadata().refs().get(v);
    if (ref != null) {
      return ref.snapshotId();
    }
    throw SparkErrors.raise(SparkErrors.noSuchSnapshot(name, v));
  }

  public Optional<Snapshot> currentSnapshot() {
    return table.currentSnapshot();
  }

  static <T> T parse(java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (FloeException e) {
      throw SparkErrors.raise(SparkErrors.fromFloe(e));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
