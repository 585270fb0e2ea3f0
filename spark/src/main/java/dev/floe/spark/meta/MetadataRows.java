package dev.floe.spark.meta;

import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.FileScanTask;
import dev.floe.table.History;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/** The schemas and rows of the metadata tables. Timestamps are Spark TIMESTAMPs (instants). */
final class MetadataRows {
  private MetadataRows() {}

  private static final StructType SNAPSHOTS = new StructType()
      .add("committed_at", DataTypes.TimestampType, false)
      .add("snapshot_id", DataTypes.LongType, false)
      .add("parent_id", DataTypes.LongType, true)
      .add("sequence_number", DataTypes.LongType, false)
      .add("operation", DataTypes.StringType, false)
      .add("manifest_list", DataTypes.StringType, false)
      .add("summary", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

  private static final StructType HISTORY = new StructType()
      .add("made_current_at", DataTypes.TimestampType, false)
      .add("snapshot_id", DataTypes.LongType, false)
      .add("parent_id", DataTypes.LongType, true)
      .add("is_current_ancestor", DataTypes.BooleanType, false);

  private static final StructType FILES = new StructType()
      .add("file_path", DataTypes.StringType, false)
      .add("file_format", DataTypes.StringType, false)
      .add("spec_id", DataTypes.IntegerType, false)
      .add("partition", DataTypes.StringType, false)
      .add("record_count", DataTypes.LongType, false)
      .add("file_size_in_bytes", DataTypes.LongType, false)
      .add("split_offsets", DataTypes.createArrayType(DataTypes.LongType, false), false)
      .add("value_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
      .add("null_value_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
      .add("lower_bounds", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
      .add("upper_bounds", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

  static StructType schema(MetadataTable.Kind kind) {
    return switch (kind) {
      case SNAPSHOTS -> SNAPSHOTS;
      case HISTORY -> HISTORY;
      case FILES -> FILES;
    };
  }

  static List<InternalRow> rows(MetadataTable.Kind kind, Table table) {
    table.refresh();
    return switch (kind) {
      case SNAPSHOTS -> snapshots(table);
      case HISTORY -> history(table);
      case FILES -> files(table);
    };
  }

  private static List<InternalRow> snapshots(Table table) {
    List<InternalRow> rows = new ArrayList<>();
    for (Snapshot s : table.history().allSnapshots()) {
      rows.add(new GenericInternalRow(new Object[] {s.timestampMs() * 1000, s.snapshotId(),
          s.parentId().orElse(null), s.sequenceNumber(), UTF8String.fromString(s.operation()),
          UTF8String.fromString(s.manifestList()), stringMap(new TreeMap<>(s.summary()))}));
    }
    return rows;
  }

  private static List<InternalRow> history(Table table) {
    History history = table.history();
    Set<Long> ancestors = new HashSet<>();
    Optional<Long> cursor = table.currentSnapshot().map(Snapshot::snapshotId);
    while (cursor.isPresent() && ancestors.add(cursor.get())) {
      cursor = history.snapshot(cursor.get()).flatMap(Snapshot::parentId);
    }
    List<InternalRow> rows = new ArrayList<>();
    for (HistoryEntry e : history.log()) {
      Long parent = history.snapshot(e.snapshotId()).flatMap(Snapshot::parentId).orElse(null);
      rows.add(new GenericInternalRow(new Object[] {e.timestampMs() * 1000, e.snapshotId(), parent,
          ancestors.contains(e.snapshotId())}));
    }
    return rows;
  }

  private static List<InternalRow> files(Table table) {
    Schema schema = table.schema();
    List<InternalRow> rows = new ArrayList<>();
    for (FileScanTask task : table.newScan().planFiles()) {
      DataFile f = task.file();
      PartitionSpec spec = task.spec();
      Map<String, Object> values = new TreeMap<>();
      Map<String, Object> nulls = new TreeMap<>();
      Map<String, Object> lower = new TreeMap<>();
      Map<String, Object> upper = new TreeMap<>();
      for (ColumnStats s : f.columnStats().values()) {
        String column = schema.findColumnName(s.fieldId()).orElse(Integer.toString(s.fieldId()));
        Type type = schema.findField(s.fieldId()).map(x -> x.type()).orElse(null);
        if (s.valueCount().isPresent()) {
          values.put(column, s.valueCount().getAsLong());
        }
        if (s.nullCount().isPresent()) {
          nulls.put(column, s.nullCount().getAsLong());
        }
        if (type != null && type.isPrimitive()) {
          s.lowerBound().ifPresent(b -> lower.put(column, display(type, b)));
          s.upperBound().ifPresent(b -> upper.put(column, display(type, b)));
        }
      }
      rows.add(new GenericInternalRow(new Object[] {UTF8String.fromString(f.path()),
          UTF8String.fromString(f.format().name()), f.specId(),
          UTF8String.fromString(spec.isUnpartitioned() ? "" : spec.partitionPath(f.partition())),
          f.recordCount(), f.fileSizeBytes(), new GenericArrayData(f.splitOffsets().toArray()),
          longMap(values), longMap(nulls), stringMap(lower), stringMap(upper)}));
    }
    return rows;
  }

  private static UTF8String display(Type type, Object internal) {
    Object external = Values.toExternal(type.asPrimitive(), internal);
    return UTF8String.fromString(Values.toDisplayString(type.asPrimitive(), external));
  }

  private static ArrayBasedMapData stringMap(Map<String, ?> map) {
    return mapData(map, v -> v instanceof UTF8String u ? u : UTF8String.fromString(String.valueOf(v)));
  }

  private static ArrayBasedMapData longMap(Map<String, Object> map) {
    return mapData(map, v -> v);
  }

  private static ArrayBasedMapData mapData(Map<String, ?> map, java.util.function.Function<Object, Object> value) {
    Object[] keys = new Object[map.size()];
    Object[] values = new Object[map.size()];
    int i = 0;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      keys[i] = UTF8String.fromString(e.getKey());
      values[i++] = value.apply(e.getValue());
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }
}
