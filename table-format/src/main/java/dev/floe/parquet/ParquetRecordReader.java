package dev.floe.parquet;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.io.InputFile;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads Parquet data files into Floe records (external values, see {@link Record}).
 *
 * <p>{@link #read} matches columns by field id: a projection field the file lacks reads as null
 * (how added columns work), file columns outside the projection are never read, and a file
 * column of an older, promotable type (int, float, narrower decimal) is widened. Row groups the
 * {@link RowGroupFilter} rules out are skipped unread; the residual predicate then drops rows.
 *
 * <p>{@link #readByName} and {@link #inferSchema} serve importing foreign Parquet files that have
 * no field ids.
 *
 * <p>A file that is not readable Parquet (truncated, corrupt) raises
 * {@link dev.floe.error.CorruptFileException} naming the file; storage failures raise
 * {@link dev.floe.error.StorageException}.
 */
public final class ParquetRecordReader {
  private ParquetRecordReader() {}

  /** All rows of the file, projected by field id. */
  public static CloseableIterator<Record> read(InputFile file, Schema projection) {
    return read(file, projection, RowGroupFilter.ALL, null, ReadStats.none());
  }

  /**
   * Rows of the file projected by field id, skipping row groups that {@code rowGroupFilter} rules
   * out and rows that fail {@code residual} (null: keep every row). Records are built with the
   * projection's struct. Close the iterator if you stop early; it closes itself at the end.
   */
  public static CloseableIterator<Record> read(InputFile file, Schema projection, RowGroupFilter rowGroupFilter,
      Predicate<Record> residual, ReadStats stats) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(projection, "projection");
    RowGroupFilter filter = rowGroupFilter == null ? RowGroupFilter.ALL : rowGroupFilter;
    ReadStats counters = stats == null ? ReadStats.none() : stats;
    ParquetFileReader reader = ParquetIO.open(file);
    try {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      ReadPlan plan = ReadPlan.create(fileSchema, projection.asStruct(), ReadPlan.Matching.BY_ID);
      Map<ColumnPath, FooterStats.Leaf> leaves = statsLeaves(fileSchema, projection, filter);
      return new FileIterator(file, file.location(), reader, plan, filter, leaves, residual, counters);
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw ParquetIO.readFailure(file.location(), e);
    }
  }

  /**
   * The file's columns, projected by field id, as column batches without a record or boxed value
   * per row (see {@link ColumnBatchReader}); empty when some projected column cannot be handed
   * over that way (a nested or decimal column, a value that needs converting, a missing column with
   * a default), so the caller reads {@link #read records} instead.
   */
  public static java.util.Optional<ColumnBatchReader> readColumns(InputFile file, Schema projection,
      RowGroupFilter rowGroupFilter, ReadStats stats) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(projection, "projection");
    RowGroupFilter filter = rowGroupFilter == null ? RowGroupFilter.ALL : rowGroupFilter;
    ReadStats counters = stats == null ? ReadStats.none() : stats;
    for (NestedField f : projection.columns()) {
      if (!FlatColumnReader.hasInternalForm(f.type())) {
        return java.util.Optional.empty(); // decided by the types alone: no need to open the file
      }
    }
    ParquetFileReader reader = ParquetIO.open(file);
    try {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      ReadPlan plan = ReadPlan.create(fileSchema, projection.asStruct(), ReadPlan.Matching.BY_ID);
      boolean raw = plan.root.template() == null && plan.isFlat() && !FileIterator.encrypted(reader);
      for (ReadPlan.Node n : plan.root.children()) {
        raw &= n instanceof ReadPlan.PrimNode prim && FlatColumnReader.rawCompatible(prim);
      }
      if (!raw) {
        closeQuietly(reader);
        return java.util.Optional.empty();
      }
      Map<ColumnPath, FooterStats.Leaf> leaves = statsLeaves(fileSchema, projection, filter);
      FileIterator rows = new FileIterator(file, file.location(), reader, plan, filter, leaves, null, counters);
      rows.useSinks();
      return java.util.Optional.of(new ColumnBatchReader() {
        @Override
        public int next(ColumnSink[] sinks, int maxRows) {
          return rows.nextColumns(sinks, maxRows);
        }

        @Override
        public void close() {
          rows.close();
        }
      });
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw ParquetIO.readFailure(file.location(), e);
    }
  }

  /**
   * All rows of a foreign file read as {@code target}, matching top-level columns (and struct
   * fields) by name, ignoring case. Compatible physical types are converted (int to long, float to
   * double, timestamp millis or nanos to micros, INT96 timestamps, plain binary to string...).
   *
   * @throws InvalidInputException naming the column when a column cannot be converted, or a
   *     required target column is not in the file
   */
  public static CloseableIterator<Record> readByName(InputFile file, Schema target) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(target, "target");
    ParquetFileReader reader = ParquetIO.open(file);
    try {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      ReadPlan plan = ReadPlan.create(fileSchema, target.asStruct(), ReadPlan.Matching.BY_NAME);
      boolean[] found = new boolean[target.columns().size()];
      for (int pos : plan.root.positions()) {
        found[pos] = true;
      }
      for (int i = 0; i < found.length; i++) {
        NestedField f = target.columns().get(i);
        if (!found[i] && f.required()) {
          throw new InvalidInputException(f.name(), "required column is not in " + file.location());
        }
      }
      return new FileIterator(file, file.location(), reader, plan, RowGroupFilter.ALL, null, null, ReadStats.none());
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw ParquetIO.readFailure(file.location(), e);
    }
  }

  /**
   * A Floe schema for a foreign Parquet file: top-level columns get ids 1..n, nested fields the
   * ids after. Required Parquet fields become required columns.
   *
   * @throws InvalidInputException naming a column whose Parquet type Floe cannot represent
   */
  public static Schema inferSchema(InputFile file) {
    Objects.requireNonNull(file, "file");
    ParquetFileReader reader = ParquetIO.open(file);
    try {
      return ParquetSchemas.fromParquet(reader.getFooter().getFileMetaData().getSchema(), true).orElseThrow();
    } catch (RuntimeException e) {
      throw ParquetIO.readFailure(file.location(), e);
    } finally {
      closeQuietly(reader);
    }
  }

  /** The footer-statistics columns a row-group filter is asked about, or null when nothing filters. */
  private static Map<ColumnPath, FooterStats.Leaf> statsLeaves(MessageType fileSchema, Schema projection,
      RowGroupFilter filter) {
    return filter == RowGroupFilter.ALL ? null
        : FooterStats.leaves(fileSchema, id -> projection.findField(id)
            .map(NestedField::type)
            .filter(Type::isPrimitive)
            .map(Type::asPrimitive)
            .orElse(null));
  }

  static void closeQuietly(ParquetFileReader reader) {
    try {
      reader.close();
    } catch (IOException | RuntimeException ignored) {
      // reading already failed or finished; nothing useful to add
    }
  }

  /** Carries an exception of caller-supplied code (the row-group filter) past the translation. */
  private static final class CallerException extends RuntimeException {
    CallerException(RuntimeException cause) {
      super(cause);
    }
  }

  /** Rows decoded at a time by the flat reader: enough to amortise per-call work, small enough for the cache. */
  private static final int BATCH_SIZE = 1024;
  private static final Object[][] EMPTY_BATCH = new Object[0][];

  private static final class FileIterator implements CloseableIterator<Record> {
    private final String location;
    private final ParquetFileReader reader;
    private final ReadPlan plan;
    private final List<BlockMetaData> blocks;
    private final RowGroupFilter filter;
    private final Map<ColumnPath, FooterStats.Leaf> leaves;
    private final Predicate<Record> residual;
    private final ReadStats stats;
    private final MessageColumnIO columnIO;
    private final RecordMaterializer<Record> materializer;
    private final Object[] nulls;
    private RecordReader<Record> records;
    /** Column readers of a flat projection (top-level primitive columns only), else null. */
    private final FlatColumnReader[] flat;
    private final List<ColumnDescriptor> flatColumns;
    private final InputFile file;
    private final RowGroupPages.Decompressors decompressors = new RowGroupPages.Decompressors();
    private org.apache.parquet.io.SeekableInputStream stream;
    private RowGroupPages pages;
    private final int width;
    private Object[][] batch = EMPTY_BATCH;
    private int batchNext;
    private int nextBlock;
    private long remaining;
    private Record next;
    private boolean closed;
    private long rowsRead;
    private long rowsReturned;

    FileIterator(InputFile file, String location, ParquetFileReader reader, ReadPlan plan, RowGroupFilter filter,
        Map<ColumnPath, FooterStats.Leaf> leaves, Predicate<Record> residual, ReadStats stats) {
      this.location = location;
      this.reader = reader;
      this.plan = plan;
      this.blocks = reader.getRowGroups();
      this.filter = filter;
      this.leaves = leaves;
      this.residual = residual;
      this.stats = stats;
      this.width = plan.root.struct().fields().size();
      this.nulls = plan.root.newValues();
      this.file = file;
      if (plan.readsNoColumns()) {
        this.columnIO = null;
        this.materializer = null;
        this.flat = null;
        this.flatColumns = null;
      } else if (plan.isFlat() && !encrypted(reader)) {
        List<ColumnDescriptor> columns = plan.requested.getColumns();
        this.flatColumns = columns;
        this.flat = new FlatColumnReader[columns.size()];
        for (int i = 0; i < flat.length; i++) {
          flat[i] = new FlatColumnReader(columns.get(i), (ReadPlan.PrimNode) plan.root.children()[i],
              plan.root.positions()[i]);
        }
        this.columnIO = null;
        this.materializer = null;
      } else {
        FileMetaData meta = reader.getFooter().getFileMetaData();
        reader.setRequestedSchema(plan.requested);
        this.columnIO = new ColumnIOFactory(meta.getCreatedBy(), false)
            .getColumnIO(plan.requested, plan.fileSchema, true);
        this.materializer = RecordConverters.materializer(plan.root);
        this.flat = null;
        this.flatColumns = null;
      }
      stats.addRowGroups(blocks.size());
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (closed) {
          return false;
        }
        Record r = decode();
        if (r == null) {
          close();
          return false;
        }
        if (residual == null || residual.test(r)) {
          rowsReturned++;
          next = r;
        }
      }
      return true;
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Record r = next;
      next = null;
      return r;
    }

    /** The next decoded row, or null at the end of the file. */
    private Record decode() {
      try {
        while (remaining == 0) {
          if (!advance()) {
            return null;
          }
        }
        remaining--;
        rowsRead++;
        if (flat != null) {
          if (batchNext == batch.length) {
            fillBatch();
          }
          return Record.wrap(plan.root.struct(), batch[batchNext++]);
        }
        return records == null ? Record.wrap(plan.root.struct(), nulls) : records.read();
      } catch (IOException | RuntimeException e) {
        throw failed(e);
      }
    }

    private boolean advance() throws IOException {
      flushCounts();
      while (nextBlock < blocks.size()) {
        BlockMetaData block = blocks.get(nextBlock++);
        if (leaves != null && !mightMatch(block)) {
          reader.skipNextRowGroup();
          stats.rowGroupSkipped();
          continue;
        }
        stats.rowGroupRead();
        if (flat != null) {
          if (pages != null) {
            pages.drain();
          }
          if (stream == null) {
            stream = ParquetIO.input(file).newStream();
          }
          ValueConversion[] ahead = new ValueConversion[flat.length];
          for (int i = 0; i < flat.length; i++) {
            // sink reads take the page bytes as they are
            ahead[i] = sinks ? null : flat[i].aheadConversion();
          }
          pages = RowGroupPages.read(stream, block, flatColumns, decompressors, ahead);
          for (int i = 0; i < flat.length; i++) {
            flat[i].startRowGroup(pages, i);
          }
          batch = EMPTY_BATCH;
          batchNext = 0;
        } else if (columnIO == null) {
          reader.skipNextRowGroup();
          records = null;
        } else {
          PageReadStore rowGroup = reader.readNextRowGroup();
          records = columnIO.getRecordReader(rowGroup, materializer, FilterCompat.NOOP);
        }
        remaining = block.getRowCount();
        if (remaining > 0) {
          return true;
        }
      }
      return false;
    }

    private boolean sinks;
    /** Output positions no file column fills: null in every row. */
    private int[] unfilled;

    /** Readies sink reads ({@link #nextColumns}); only for plans whose every column is raw-compatible. */
    void useSinks() {
      sinks = true;
      boolean[] filled = new boolean[width];
      if (flat != null) {
        for (FlatColumnReader column : flat) {
          column.useSink();
        }
        for (int p : plan.root.positions()) {
          filled[p] = true;
        }
      }
      int[] missing = new int[width];
      int k = 0;
      for (int i = 0; i < width; i++) {
        if (!filled[i]) {
          missing[k++] = i;
        }
      }
      unfilled = java.util.Arrays.copyOf(missing, k);
    }

    /** The next rows of the file, at most {@code max}, into the sinks; 0 at the end. */
    int nextColumns(ColumnSink[] out, int max) {
      if (out.length != width) {
        throw new IllegalArgumentException("expected " + width + " column sinks, got " + out.length);
      }
      if (closed) {
        return 0;
      }
      try {
        while (remaining == 0) {
          if (!advance()) {
            close();
            return 0;
          }
        }
        int n = (int) Math.min(max, remaining);
        if (flat != null) {
          int[] positions = plan.root.positions();
          for (int i = 0; i < flat.length; i++) {
            flat[i].read(out[positions[i]], n);
          }
        }
        for (int p : unfilled) {
          out[p].putNulls(0, n);
        }
        remaining -= n;
        rowsRead += n;
        rowsReturned += n;
        return n;
      } catch (IOException | RuntimeException e) {
        throw failed(e);
      }
    }

    /**
     * Closes the file after a failure and gives what to throw: the caller's own exception (from the
     * row-group filter) as it was, anything else translated to a Floe exception naming the file.
     */
    private RuntimeException failed(Exception e) {
      close();
      return e instanceof CallerException caller ? (RuntimeException) caller.getCause()
          : ParquetIO.readFailure(location, e);
    }

    /** Decodes the next rows of the row group, at most a batch, into fresh row arrays. */
    private void fillBatch() throws IOException {
      // remaining already counts the row being returned now
      int n = (int) Math.min(BATCH_SIZE, remaining + 1);
      Object[][] rows = new Object[n][];
      for (int i = 0; i < n; i++) {
        rows[i] = plan.root.newValues();
      }
      for (FlatColumnReader column : flat) {
        column.read(rows, n);
      }
      batch = rows;
      batchNext = 0;
    }

    static boolean encrypted(ParquetFileReader reader) {
      return reader.getFooter().getFileMetaData().getEncryptionType()
          != org.apache.parquet.hadoop.metadata.FileMetaData.EncryptionType.UNENCRYPTED;
    }

    private boolean mightMatch(BlockMetaData block) {
      var columnStats = FooterStats.rowGroup(block, leaves);
      try {
        return filter.mightMatch(block.getRowCount(), columnStats);
      } catch (RuntimeException e) {
        throw new CallerException(e);
      }
    }

    private void flushCounts() {
      stats.addRows(rowsRead, rowsReturned);
      rowsRead = 0;
      rowsReturned = 0;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      flushCounts();
      records = null;
      batch = EMPTY_BATCH;
      if (pages != null) {
        pages.drain();
        pages = null;
      }
      decompressors.close();
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException | RuntimeException ignored) {
          // reading already failed or finished; nothing useful to add
        }
      }
      closeQuietly(reader);
    }
  }
}
