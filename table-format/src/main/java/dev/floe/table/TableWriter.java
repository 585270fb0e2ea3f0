package dev.floe.table;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.io.FileIO;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.metadata.TableMetadata;
import dev.floe.parquet.DataFileMetrics;
import dev.floe.parquet.ParquetFileAppender;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Types.StructType;
import dev.floe.types.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Writes records into new Parquet data files of a table: one open file per partition (fan-out),
 * each rolled over at the target file size. The files are invisible until an append commits
 * them; {@link #abort()} deletes them.
 *
 * <p>When the table has a sort order, rows are held in memory per open file, at most
 * {@value #DEFAULT_SORT_BUFFER_ROWS} rows in all (property {@link #SORT_BUFFER_ROWS}); when the
 * limit is reached the largest buffer is sorted and written out as a complete file, so every file
 * is sorted (and says so with its sort order id), at the price of smaller files when many
 * partitions are written at once.
 */
public final class TableWriter implements AutoCloseable {
  public static final String TARGET_FILE_SIZE = "write.target-file-size-bytes";
  public static final long DEFAULT_TARGET_FILE_SIZE = 512L * 1024 * 1024;
  /** Table property: rows a sorting writer holds in memory, over all open files, before it writes some out. */
  public static final String SORT_BUFFER_ROWS = "write.sort.buffer-rows";
  public static final long DEFAULT_SORT_BUFFER_ROWS = 100_000;

  private final FileIO io;
  private final TableMetadata metadata;
  private final Schema schema;
  private final PartitionSpec spec;
  private final long targetFileSize;
  private final int[] sourcePositions;
  private final NestedField[] sourceFields;
  private final Map<PartitionData, OpenFile> open = new HashMap<>();
  private final List<DataFile> completed = new ArrayList<>();
  private final String dataLocation;
  private final String writeId = UUID.randomUUID().toString().substring(0, 8);
  private int fileCounter;
  private boolean closed;
  /** A struct seen equal to the table's: later rows built with the same instance skip the comparison. */
  private StructType conformingStruct;
  /** The one open file of an unpartitioned table, kept out of the map so rows skip a hash lookup. */
  private OpenFile unpartitioned;

  /** Rows between size checks: asking Parquet for its buffered size on every row costs more than the row. */
  private static final int SIZE_CHECK_INTERVAL = 256;

  /** Null when the table is unsorted. */
  private final RowSorter sorter;
  private final int sortOrderId;
  private final long sortBufferRows;
  private long buffered;

  private static final class OpenFile {
    final String path;
    final PartitionData partition;
    final ParquetFileAppender appender;
    int rowsSinceSizeCheck;
    /** Rows waiting to be sorted, when the table has a sort order. */
    final List<Record> buffer = new ArrayList<>();

    OpenFile(String path, PartitionData partition, ParquetFileAppender appender) {
      this.path = path;
      this.partition = partition;
      this.appender = appender;
    }
  }

  public TableWriter(FileIO io, TableMetadata metadata) {
    this.io = io;
    this.metadata = metadata;
    this.schema = metadata.schema();
    this.spec = metadata.spec();
    this.targetFileSize = metadata.propertyAsLong(TARGET_FILE_SIZE, DEFAULT_TARGET_FILE_SIZE);
    this.dataLocation = metadata.property("write.data.path", metadata.location() + "/data");
    dev.floe.metadata.SortOrder order = metadata.sortOrders().stream()
        .filter(o -> o.orderId() == metadata.defaultSortOrderId()).findFirst()
        .orElse(dev.floe.metadata.SortOrder.unsorted());
    this.sorter = order.isUnsorted() ? null : new RowSorter(schema, order);
    this.sortOrderId = order.orderId();
    this.sortBufferRows = Math.max(1, metadata.propertyAsLong(SORT_BUFFER_ROWS, DEFAULT_SORT_BUFFER_ROWS));
    this.sourcePositions = new int[spec.fields().size()];
    this.sourceFields = new NestedField[spec.fields().size()];
    for (int i = 0; i < spec.fields().size(); i++) {
      PartitionField pf = spec.fields().get(i);
      sourceFields[i] = schema.findField(pf.sourceId()).orElseThrow(() -> new InvalidInputException(
          "partition-spec", "source column " + pf.sourceId() + " of " + pf.name() + " is not in the schema"));
      sourcePositions[i] = schema.columns().indexOf(sourceFields[i]);
      if (sourcePositions[i] < 0) {
        throw new InvalidInputException("partition-spec", "partition source " + sourceFields[i].name()
            + " must be a top-level column");
      }
    }
  }

  public Schema schema() {
    return schema;
  }

  public void write(Record row) {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    StructType struct = row.struct();
    if (struct != conformingStruct) {
      if (struct.equals(schema.asStruct())) {
        conformingStruct = struct;
      } else {
        row = conform(row);
      }
    }
    if (spec.isUnpartitioned()) {
      writeUnpartitioned(row);
      return;
    }
    PartitionData partition = partitionOf(row);
    OpenFile file = open.get(partition);
    if (file == null) {
      file = openFile(partition);
      open.put(partition, file);
    }
    if (sorter != null) {
      buffer(file, row);
      return;
    }
    file.appender.add(row);
    if (++file.rowsSinceSizeCheck >= SIZE_CHECK_INTERVAL && checkSize(file)) {
      closeFile(file);
      open.remove(partition);
    }
  }

  private void writeUnpartitioned(Record row) {
    OpenFile file = unpartitioned;
    if (file == null) {
      file = openFile(PartitionData.empty());
      open.put(PartitionData.empty(), file);
      unpartitioned = file;
    }
    if (sorter != null) {
      buffer(file, row);
      return;
    }
    file.appender.add(row);
    if (++file.rowsSinceSizeCheck >= SIZE_CHECK_INTERVAL && checkSize(file)) {
      closeFile(file);
      open.remove(PartitionData.empty());
      unpartitioned = null;
    }
  }

  private void buffer(OpenFile file, Record row) {
    file.buffer.add(row);
    if (++buffered >= sortBufferRows) {
      OpenFile largest = file;
      for (OpenFile f : open.values()) {
        if (f.buffer.size() > largest.buffer.size()) {
          largest = f;
        }
      }
      flushSorted(largest);
    }
  }

  /**
   * Sorts a file's buffered rows, writes them (rolling over to further files at the target size,
   * each one a sorted run of its own) and closes the file: the partition's next row starts a new one.
   */
  private void flushSorted(OpenFile file) {
    Record[] rows = sorter.sort(file.buffer);
    buffered -= rows.length;
    file.buffer.clear();
    open.remove(file.partition);
    if (file == unpartitioned) {
      unpartitioned = null;
    }
    OpenFile current = file;
    for (Record r : rows) {
      current.appender.add(r);
      if (++current.rowsSinceSizeCheck >= SIZE_CHECK_INTERVAL && checkSize(current)) {
        closeFile(current);
        current = openFile(file.partition);
        // registered so that abort() can find and delete it if writing fails half way
        open.put(file.partition, current);
      }
    }
    closeFile(current);
    open.remove(file.partition);
  }

  private boolean checkSize(OpenFile file) {
    file.rowsSinceSizeCheck = 0;
    return file.appender.length() >= targetFileSize;
  }

  public void writeAll(Iterable<Record> rows) {
    for (Record r : rows) {
      write(r);
    }
  }

  /** Closes every open file and returns all data files written. */
  public List<DataFile> complete() {
    if (!closed) {
      for (OpenFile f : new ArrayList<>(open.values())) {
        if (sorter != null) {
          flushSorted(f);
        } else {
          closeFile(f);
        }
      }
      open.clear();
      unpartitioned = null;
      closed = true;
    }
    return List.copyOf(completed);
  }

  /** Deletes everything this writer wrote. */
  public void abort() {
    for (OpenFile f : open.values()) {
      try {
        f.appender.close();
      } catch (RuntimeException ignored) {
        // deleted below either way
      }
      io.delete(f.path);
    }
    open.clear();
    unpartitioned = null;
    for (DataFile f : completed) {
      io.delete(f.path());
    }
    completed.clear();
    closed = true;
  }

  @Override
  public void close() {
    complete();
  }

  private Record conform(Record row) {
    // Accept records built with another struct (a projection, an older schema), re-keyed by name;
    // a column the record does not have takes its write default, as the spec of defaults says.
    Record.Builder b = Record.builder(schema.asStruct());
    java.util.Set<String> given = new java.util.HashSet<>();
    for (NestedField f : row.struct().fields()) {
      if (schema.asStruct().field(f.name()).isEmpty()) {
        throw new InvalidInputException(f.name(), "not a column of the table");
      }
      b.set(f.name(), row.get(f.name()));
      given.add(f.name());
    }
    for (NestedField f : schema.columns()) {
      if (!given.contains(f.name()) && f.writeDefault().isPresent()) {
        b.set(f.name(), Values.toExternal(f.type().asPrimitive(), f.writeDefault().get()));
      }
    }
    return b.build();
  }

  private PartitionData partitionOf(Record row) {
    if (spec.isUnpartitioned()) {
      return PartitionData.empty();
    }
    Object[] values = new Object[sourcePositions.length];
    for (int i = 0; i < values.length; i++) {
      Object external = row.get(sourcePositions[i]);
      Object internal = Values.toInternal(sourceFields[i].type().asPrimitive(), external);
      values[i] = spec.fields().get(i).transform().apply(internal);
    }
    return PartitionData.of(values);
  }

  private OpenFile openFile(PartitionData partition) {
    String dir = spec.isUnpartitioned() ? dataLocation : dataLocation + "/" + spec.partitionPath(partition);
    String path = String.format("%s/%05d-%s-%s.parquet", dir, fileCounter++, writeId, UUID.randomUUID());
    ParquetFileAppender appender = ParquetFileAppender.create(io.newOutputFile(path), schema, metadata.properties());
    return new OpenFile(path, partition, appender);
  }

  private void closeFile(OpenFile f) {
    f.appender.close();
    DataFileMetrics m = f.appender.metrics();
    if (m.recordCount() == 0) {
      io.delete(f.path);
      return;
    }
    completed.add(new DataFile(f.path, FileFormat.PARQUET, spec.specId(), f.partition, m.recordCount(),
        m.fileSizeBytes(), m.columnStats(), m.splitOffsets(), OptionalInt.of(sorter == null ? 0 : sortOrderId)));
  }
}
