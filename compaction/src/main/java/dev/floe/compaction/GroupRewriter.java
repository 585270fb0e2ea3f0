package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.error.CorruptFileException;
import dev.floe.io.FileIO;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.table.TableWriter;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.LongConsumer;

/**
 * Rewrites one group: reads its files (by field id, with the table's current schema), orders the
 * rows as the layout says, and writes them with the table's own writer into files of the target
 * size (in the table's current partition spec, so files of older specs move to the current one).
 * Nothing is committed here; on any failure the files written so far are deleted.
 */
final class GroupRewriter {
  /** How often (in rows) progress is reported. */
  static final int PROGRESS_EVERY = 8_192;

  private final FileIO io;
  private final TableMetadata metadata;
  private final RowLayout layout;
  private final CompactionOptions options;
  private final String spillParent;

  GroupRewriter(FileIO io, TableMetadata metadata, RowLayout layout, CompactionOptions options, String spillParent) {
    this.io = io;
    this.metadata = metadata;
    this.layout = layout;
    this.options = options;
    this.spillParent = spillParent;
  }

  /**
   * Writes the group's rows into new files and returns them.
   *
   * @param progress told the number of rows written since its last call
   * @throws CorruptFileException if the outputs do not hold exactly the inputs' row count
   */
  List<DataFile> rewrite(FileGroup group, LongConsumer progress) {
    Schema schema = metadata.schema();
    TableWriter writer = new TableWriter(io, writeMetadata(group));
    try {
      long rows;
      SortKey<?> key = RowLayout.keyFor(layout, schema, group.files());
      if (key == null) {
        rows = copy(group, schema, writer, progress);
      } else {
        rows = sort(group, schema, key, writer, progress);
      }
      List<DataFile> outputs = withSortOrder(writer.complete());
      long written = outputs.stream().mapToLong(DataFile::recordCount).sum();
      if (rows != group.rows() || written != group.rows()) {
        // never commit a rewrite that would change the table's rows
        throw new CorruptFileException("group " + group.id() + ": the inputs' manifests say " + group.rows()
            + " rows, " + rows + " were read and " + written + " written; nothing was committed");
      }
      return outputs;
    } catch (RuntimeException e) {
      writer.abort();
      throw e;
    }
  }

  private long copy(FileGroup group, Schema schema, TableWriter writer, LongConsumer progress) {
    long rows = 0;
    for (DataFile f : group.files()) {
      try (CloseableIterator<Record> it = ParquetRecordReader.read(io.newInputFile(f.path()), schema)) {
        while (it.hasNext()) {
          writer.write(it.next());
          if (++rows % PROGRESS_EVERY == 0) {
            progress.accept(PROGRESS_EVERY);
          }
        }
      }
    }
    progress.accept(rows % PROGRESS_EVERY);
    return rows;
  }

  private <K> long sort(FileGroup group, Schema schema, SortKey<K> key, TableWriter writer, LongConsumer progress) {
    long rows = 0;
    try (ExternalSorter<K> sorter = new ExternalSorter<>(key, options.sortMemoryBytes(),
        new SpillStore(io, spillParent, schema))) {
      for (DataFile f : group.files()) {
        try (CloseableIterator<Record> it = ParquetRecordReader.read(io.newInputFile(f.path()), schema)) {
          while (it.hasNext()) {
            sorter.add(it.next());
            rows++;
          }
        }
      }
      // progress counts rows written: reading and sorting is the first half of the work
      long written = 0;
      try (CloseableIterator<Record> sorted = sorter.sorted()) {
        while (sorted.hasNext()) {
          writer.write(sorted.next());
          if (++written % PROGRESS_EVERY == 0) {
            progress.accept(PROGRESS_EVERY);
          }
        }
      }
      progress.accept(written % PROGRESS_EVERY);
      return rows == written ? rows : -1;
    }
  }

  /**
   * The table's metadata (a copy for the writer only, never committed) with the writer's
   * roll-over size set so that the outputs come out about
   * equal: n files of bytes/n (plus a tenth of slack, since recompressed data rarely matches the
   * input size), never above the largest allowed file.
   */
  private TableMetadata writeMetadata(FileGroup group) {
    int n = group.expectedOutputFiles(options.targetFileSizeBytes());
    long perFile = group.bytes() / n;
    long roll = Math.max(1, Math.min(options.maxFileSizeBytes(), perFile + perFile / 10));
    if (n == 1) {
      roll = Math.max(roll, options.targetFileSizeBytes());
    }
    // the rows come in the layout's order already: the writer must not sort them again by the
    // table's order (that would undo a z-order, and cut files at its sort buffer)
    return metadata.toBuilder().setProperties(Map.of(TableWriter.TARGET_FILE_SIZE, Long.toString(roll)))
        .setDefaultSortOrder(0).build();
  }

  private List<DataFile> withSortOrder(List<DataFile> files) {
    OptionalInt order = layout.outputSortOrderId();
    List<DataFile> out = new ArrayList<>(files.size());
    for (DataFile f : files) {
      out.add(new DataFile(f.path(), f.format(), f.specId(), f.partition(), f.recordCount(), f.fileSizeBytes(),
          f.columnStats(), f.splitOffsets(), order));
    }
    return out;
  }
}
