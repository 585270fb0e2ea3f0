package dev.floe.spark.write;

import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.partition.PartitionData;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A data file an executor wrote, on its way to the driver: every field of a {@link DataFile} in
 * Java-serializable form (partition values and bounds keep their internal representation;
 * binary values travel as byte arrays, absent counts as nulls).
 */
public record DataFileMessage(String path, FileFormat format, int specId, Object[] partition, long recordCount,
    long fileSizeBytes, List<Stats> stats, List<Long> splitOffsets, Integer sortOrderId) implements Serializable {

  /** One column's statistics; null means unknown. */
  public record Stats(int fieldId, Long columnSizeBytes, Long valueCount, Long nullCount, Long nanCount,
      Object lowerBound, Object upperBound) implements Serializable {}

  /** A byte array standing in for a ByteBuffer value. */
  record Bytes(byte[] bytes) implements Serializable {}

  public static DataFileMessage of(DataFile f) {
    Object[] partition = new Object[f.partition().size()];
    for (int i = 0; i < partition.length; i++) {
      partition[i] = wire(f.partition().get(i));
    }
    List<Stats> stats = new ArrayList<>();
    for (ColumnStats s : f.columnStats().values()) {
      stats.add(new Stats(s.fieldId(), boxed(s.columnSizeBytes()), boxed(s.valueCount()), boxed(s.nullCount()),
          boxed(s.nanCount()), wire(s.lowerBound().orElse(null)), wire(s.upperBound().orElse(null))));
    }
    return new DataFileMessage(f.path(), f.format(), f.specId(), partition, f.recordCount(), f.fileSizeBytes(),
        stats, new ArrayList<>(f.splitOffsets()),
        f.sortOrderId().isPresent() ? f.sortOrderId().getAsInt() : null);
  }

  public DataFile toDataFile() {
    Object[] values = new Object[partition.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(partition[i]);
    }
    Map<Integer, ColumnStats> columns = new HashMap<>();
    for (Stats s : stats) {
      columns.put(s.fieldId(), new ColumnStats(s.fieldId(), optional(s.columnSizeBytes()), optional(s.valueCount()),
          optional(s.nullCount()), optional(s.nanCount()), Optional.ofNullable(value(s.lowerBound())),
          Optional.ofNullable(value(s.upperBound()))));
    }
    return new DataFile(path, format, specId, PartitionData.of(values), recordCount, fileSizeBytes, columns,
        splitOffsets, sortOrderId == null ? OptionalInt.empty() : OptionalInt.of(sortOrderId));
  }

  private static Object wire(Object v) {
    if (v instanceof ByteBuffer b) {
      ByteBuffer dup = b.duplicate();
      byte[] bytes = new byte[dup.remaining()];
      dup.get(bytes);
      return new Bytes(bytes);
    }
    return v;
  }

  private static Object value(Object v) {
    return v instanceof Bytes b ? ByteBuffer.wrap(b.bytes()) : v;
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static OptionalLong optional(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
