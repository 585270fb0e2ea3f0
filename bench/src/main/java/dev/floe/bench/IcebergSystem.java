package dev.floe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The workloads on Apache Iceberg's generic data API. Two ways to keep a table: {@code lean}
 * (our {@link LeanTableOperations} over {@link IcebergLocalFileIO}: Iceberg's best on a local
 * disk) and {@code hadoop} (HadoopTables, the stock file-system catalog). Data paths (Parquet
 * writing and reading) are the same in both.
 */
final class IcebergSystem implements TableSystem {
  enum Mode { LEAN, HADOOP }

  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "ts", Types.TimestampType.withoutZone()),
      Types.NestedField.optional(3, "category", Types.StringType.get()),
      Types.NestedField.optional(4, "amount", Types.DoubleType.get()),
      Types.NestedField.optional(5, "payload", Types.StringType.get()));
  private static final Type[] TYPES = {Types.LongType.get(), Types.TimestampType.withoutZone(),
      Types.StringType.get(), Types.DoubleType.get(), Types.StringType.get()};

  private final Mode mode;
  private final String id;
  private final Path root;
  private final FileIO leanIo = new IcebergLocalFileIO();
  private final HadoopTables hadoop;
  private final AtomicLong conflicts = new AtomicLong();

  IcebergSystem(Path root, Mode mode, String id) {
    this.mode = mode;
    this.id = id;
    this.root = root.resolve(mode == Mode.LEAN ? "iceberg-lean" : "iceberg-hadoop").toAbsolutePath();
    this.hadoop = mode == Mode.HADOOP ? new HadoopTables(new Configuration()) : null;
  }

  @Override
  public String id() {
    return id;
  }

  private Path location(String table) {
    return root.resolve("bench").resolve(table);
  }

  /** A fresh handle whose commits count lost races into {@link #conflicts}. */
  private Table load(String table) {
    Path loc = location(table);
    if (mode == Mode.LEAN) {
      return new BaseTable(new LeanTableOperations(loc, leanIo, conflicts), "bench." + table);
    }
    TableOperations ops = ((HasTableOperations) hadoop.load(loc.toString())).operations();
    return new BaseTable(new CountingOperations(ops, conflicts), "bench." + table);
  }

  @Override
  public void create(String table, Map<String, String> properties) {
    Path loc = location(table);
    Trees.delete(loc);
    Map<String, String> props = new HashMap<>(properties);
    props.putIfAbsent(TableProperties.PARQUET_COMPRESSION, ZSTD);
    if (mode == Mode.LEAN) {
      TableMetadata metadata = TableMetadata.newTableMetadata(SCHEMA, PartitionSpec.unpartitioned(),
          SortOrder.unsorted(), loc.toString(), props);
      new LeanTableOperations(loc, leanIo, conflicts).commit(null, metadata);
    } else {
      hadoop.create(SCHEMA, PartitionSpec.unpartitioned(), props, loc.toString());
    }
  }

  @Override
  public boolean exists(String table) {
    return Files.isDirectory(location(table).resolve("metadata"));
  }

  @Override
  public WriteOutcome write(String table, long rows, int files) {
    create(table, Map.of());
    Table t = load(table);
    GenericRecord template = GenericRecord.create(SCHEMA);
    RowGenerator gen = new RowGenerator();
    List<DataFile> written = new ArrayList<>();
    String writeId = UUID.randomUUID().toString();
    for (int f = 0; f < files; f++) {
      long n = rows / files + (f < rows % files ? 1 : 0);
      OutputFile out = t.io().newOutputFile(t.locationProvider().newDataLocation(
          String.format("%05d-%s.parquet", f, writeId)));
      DataWriter<Record> writer;
      try {
        writer = Parquet.writeData(out)
            .forTable(t)
            .createWriterFunc(GenericParquetWriter::create)
            .overwrite()
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (DataWriter<Record> w = writer) {
        for (long i = 0; i < n; i++) {
          gen.next();
          GenericRecord r = template.copy();
          r.set(0, gen.id);
          r.set(1, gen.ts);
          r.set(2, gen.category);
          r.set(3, gen.amount);
          r.set(4, gen.payload);
          w.write(r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(writer.toDataFile());
    }
    AppendFiles append = newAppend(t);
    written.forEach(append::appendFile);
    append.commit();
    long bytes = written.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    return new WriteOutcome(written.size(), bytes, rows);
  }

  @Override
  public ScanOutcome scanAll(String table) {
    long rows = 0;
    long checksum = 0;
    try (CloseableIterable<Record> it = IcebergGenerics.read(load(table)).build()) {
      for (Record r : it) {
        checksum += RowGenerator.rowHash(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ScanOutcome(rows, checksum, 0);
  }

  @Override
  public ScanOutcome scanTwo(String table) {
    long rows = 0;
    long ids = 0;
    double sum = 0;
    try (CloseableIterable<Record> it = IcebergGenerics.read(load(table)).select("id", "amount").build()) {
      for (Record r : it) {
        ids += (Long) r.get(0);
        Object amount = r.get(1);
        if (amount != null) {
          sum += (Double) amount;
        }
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ScanOutcome(rows, ids, sum);
  }

  @Override
  public long lookup(String table, long key) {
    long rows = 0;
    try (CloseableIterable<Record> it = IcebergGenerics.read(load(table)).where(Expressions.equal("id", key)).build()) {
      for (Record ignored : it) {
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  @Override
  public List<String> plannedFiles(String table, long key) {
    return paths(load(table).newScan().filter(Expressions.equal("id", key)));
  }

  @Override
  public List<String> dataFiles(String table) {
    return paths(load(table).newScan());
  }

  private static List<String> paths(TableScan scan) {
    List<String> out = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        out.add(task.file().location());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public Committer committer(String table) {
    Table t = load(table);
    return new Committer() {
      @Override
      public int commit(FileEntry entry) {
        newAppend(t).appendFile(toDataFile(entry)).commit();
        return -1;
      }

      @Override
      public long countedRetries() {
        return conflicts.get();
      }
    };
  }

  @Override
  public void appendEntries(String table, List<FileEntry> entries) {
    AppendFiles append = newAppend(load(table));
    for (FileEntry e : entries) {
      append.appendFile(toDataFile(e));
    }
    append.commit();
  }

  /**
   * Lean mode runs the append's manifest work in the committing thread (Iceberg's best on 2 cores,
   * see {@link InlineExecutor}); HadoopTables mode keeps Iceberg's defaults.
   */
  private AppendFiles newAppend(Table t) {
    AppendFiles append = t.newAppend();
    if (mode == Mode.LEAN) {
      append = append.scanManifestsWith(InlineExecutor.INSTANCE).writeManifestsWith(InlineExecutor.INSTANCE, 1);
    }
    return append;
  }

  static DataFile toDataFile(FileEntry e) {
    Map<Integer, Long> sizes = new HashMap<>();
    Map<Integer, Long> values = new HashMap<>();
    Map<Integer, Long> nulls = new HashMap<>();
    Map<Integer, ByteBuffer> lower = new HashMap<>();
    Map<Integer, ByteBuffer> upper = new HashMap<>();
    Object[][] bounds = e.stats();
    for (int field = 1; field <= 5; field++) {
      sizes.put(field, e.columnSize(field));
      values.put(field, e.rows());
      nulls.put(field, 0L);
      lower.put(field, Conversions.toByteBuffer(TYPES[field - 1], bounds[field - 1][0]));
      upper.put(field, Conversions.toByteBuffer(TYPES[field - 1], bounds[field - 1][1]));
    }
    Metrics metrics = new Metrics(e.rows(), sizes, values, nulls, Map.of(4, 0L), lower, upper);
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(e.path())
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(e.sizeBytes())
        .withRecordCount(e.rows())
        .withMetrics(metrics)
        .withSplitOffsets(List.of(4L))
        .build();
  }

  @Override
  public Planner planner(String table) {
    Table t = load(table);
    return (low, high) -> {
      TableScan scan = t.newScan();
      if (low != null) {
        scan = scan.filter(Expressions.and(Expressions.greaterThanOrEqual("id", low), Expressions.lessThan("id", high)));
      }
      int n = 0;
      try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
        for (FileScanTask ignored : tasks) {
          n++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return n;
    };
  }

  @Override
  public TableState state(String table) {
    Table t = load(table);
    long snapshots = 0;
    long manifests = 0;
    Snapshot s = t.currentSnapshot();
    if (s != null) {
      manifests = s.allManifests(t.io()).size();
    }
    while (s != null) {
      snapshots++;
      s = s.parentId() == null ? null : t.snapshot(s.parentId());
    }
    long files = 0;
    long records = 0;
    try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        files++;
        records += task.file().recordCount();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long metadataBytes;
    try {
      metadataBytes = Files.size(IcebergLocalFileIO.path(
          ((HasTableOperations) t).operations().current().metadataFileLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TableState(snapshots, files, records, manifests, metadataBytes);
  }

  /**
   * W8 on Iceberg's generic API, which has no compaction action outside Spark: the small files
   * (below 75% of the target), in scan order, are read with iceberg-data's generic Parquet reader
   * and written with its generic writer, rolling over at the target size, then committed with
   * {@code newRewrite()} (delete the inputs, add the outputs, validated from the snapshot read).
   * One group of at most 10 GiB, as on the Floe side.
   */
  @Override
  public CompactOutcome binPack(String table, long targetFileSizeBytes) {
    Table t = load(table);
    long startingSnapshot = t.currentSnapshot().snapshotId();
    List<DataFile> all = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        all.add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long bytesBefore = all.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    List<List<DataFile>> groups = new ArrayList<>();
    long groupBytes = 0;
    for (DataFile f : all) {
      if (f.fileSizeInBytes() >= targetFileSizeBytes * 3 / 4) {
        continue;
      }
      if (groups.isEmpty() || groupBytes + f.fileSizeInBytes() > MAX_GROUP_BYTES) {
        groups.add(new ArrayList<>());
        groupBytes = 0;
      }
      groups.get(groups.size() - 1).add(f);
      groupBytes += f.fileSizeInBytes();
    }
    long rows = 0;
    long added = 0;
    long addedBytes = 0;
    for (List<DataFile> group : groups) {
      List<DataFile> outputs = rewrite(t, group, targetFileSizeBytes);
      RewriteFiles rewrite = t.newRewrite().validateFromSnapshot(startingSnapshot);
      if (mode == Mode.LEAN) {
        rewrite = rewrite.scanManifestsWith(InlineExecutor.INSTANCE);
      }
      group.forEach(rewrite::deleteFile);
      outputs.forEach(rewrite::addFile);
      rewrite.commit();
      rows += group.stream().mapToLong(DataFile::recordCount).sum();
      added += outputs.size();
      addedBytes += outputs.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    }
    long removedBytes = groups.stream().flatMap(List::stream).mapToLong(DataFile::fileSizeInBytes).sum();
    long removed = groups.stream().mapToLong(List::size).sum();
    return new CompactOutcome(all.size(), all.size() - removed + added, bytesBefore,
        bytesBefore - removedBytes + addedBytes, rows, groups.size());
  }

  private static final long MAX_GROUP_BYTES = 10L << 30;

  private static List<DataFile> rewrite(Table t, List<DataFile> inputs, long targetFileSizeBytes) {
    List<DataFile> outputs = new ArrayList<>();
    String writeId = UUID.randomUUID().toString();
    DataWriter<Record> writer = null;
    long rowsInFile = 0;
    try {
      for (DataFile f : inputs) {
        try (CloseableIterable<Record> rows = Parquet.read(t.io().newInputFile(f.location())).project(t.schema())
            .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(t.schema(), fileSchema)).build()) {
          for (Record r : rows) {
            if (writer == null) {
              writer = Parquet.writeData(t.io().newOutputFile(t.locationProvider().newDataLocation(
                      String.format("%05d-%s.parquet", outputs.size(), writeId))))
                  .forTable(t).createWriterFunc(GenericParquetWriter::create).overwrite().build();
              rowsInFile = 0;
            }
            writer.write(r);
            // the writer's length is only worth asking for now and then, as Floe's writer does
            if (++rowsInFile % 1024 == 0 && writer.length() >= targetFileSizeBytes) {
              writer.close();
              outputs.add(writer.toDataFile());
              writer = null;
            }
          }
        }
      }
      if (writer != null) {
        writer.close();
        outputs.add(writer.toDataFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return outputs;
  }

  @Override
  public void close() {
    leanIo.close();
  }
}
