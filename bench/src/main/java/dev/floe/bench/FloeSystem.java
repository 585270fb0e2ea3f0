package dev.floe.bench;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.codec.ManifestListJson;
import dev.floe.commit.CommitResult;
import dev.floe.compaction.Compaction;
import dev.floe.compaction.CompactionResult;
import dev.floe.compaction.Strategy;
import dev.floe.data.Record;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.io.FileInfo;
import dev.floe.io.SeekableInputStream;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.AppendFiles;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Types.StructType;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The workloads on Floe: StorageCatalog over the local-disk storage module. */
final class FloeSystem implements TableSystem {
  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE),
      NestedField.optional(5, "payload", Types.STRING));

  private final StorageCatalog catalog;

  FloeSystem(Path root) {
    this.catalog = StorageCatalog.open(root.resolve("floe").toAbsolutePath().toString(), Map.of());
  }

  @Override
  public String id() {
    return "floe";
  }

  private static TableIdentifier ident(String table) {
    return TableIdentifier.parse("bench." + table);
  }

  private Table load(String table) {
    return catalog.loadTable(ident(table));
  }

  @Override
  public void create(String table, Map<String, String> properties) {
    catalog.dropTable(ident(table), true);
    Map<String, String> props = new HashMap<>(properties);
    props.putIfAbsent("write.parquet.compression-codec", ZSTD);
    catalog.createTable(ident(table), SCHEMA, PartitionSpec.unpartitioned(), props);
  }

  @Override
  public boolean exists(String table) {
    return catalog.tableExists(ident(table));
  }

  @Override
  public WriteOutcome write(String table, long rows, int files) {
    create(table, Map.of());
    Table t = load(table);
    StructType struct = SCHEMA.asStruct();
    RowGenerator gen = new RowGenerator();
    List<DataFile> written = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      long n = rows / files + (f < rows % files ? 1 : 0);
      // one writer per file: both systems then write files of exactly the same rows
      try (TableWriter w = t.newWriter()) {
        for (long i = 0; i < n; i++) {
          gen.next();
          w.write(Record.of(struct, gen.id, gen.ts, gen.category, gen.amount, gen.payload));
        }
        written.addAll(w.complete());
      }
    }
    AppendFiles append = t.newAppend();
    written.forEach(append::appendFile);
    append.commit();
    long bytes = written.stream().mapToLong(DataFile::fileSizeBytes).sum();
    return new WriteOutcome(written.size(), bytes, rows);
  }

  @Override
  public ScanOutcome scanAll(String table) {
    long rows = 0;
    long checksum = 0;
    try (CloseableIterator<Record> it = load(table).newScan().records()) {
      while (it.hasNext()) {
        Record r = it.next();
        checksum += RowGenerator.rowHash(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
        rows++;
      }
    }
    return new ScanOutcome(rows, checksum, 0);
  }

  @Override
  public ScanOutcome scanTwo(String table) {
    long rows = 0;
    long ids = 0;
    double sum = 0;
    try (CloseableIterator<Record> it = load(table).newScan().select("id", "amount").records()) {
      while (it.hasNext()) {
        Record r = it.next();
        ids += (Long) r.get(0);
        Object amount = r.get(1);
        if (amount != null) {
          sum += (Double) amount;
        }
        rows++;
      }
    }
    return new ScanOutcome(rows, ids, sum);
  }

  @Override
  public long lookup(String table, long key) {
    long rows = 0;
    try (CloseableIterator<Record> it = load(table).newScan().filter(Expressions.equal("id", key)).records()) {
      while (it.hasNext()) {
        it.next();
        rows++;
      }
    }
    return rows;
  }

  @Override
  public List<String> plannedFiles(String table, long key) {
    List<String> out = new ArrayList<>();
    for (FileScanTask task : load(table).newScan().filter(Expressions.equal("id", key)).planFiles()) {
      out.add(task.file().path());
    }
    return out;
  }

  @Override
  public List<String> dataFiles(String table) {
    List<String> out = new ArrayList<>();
    for (FileScanTask task : load(table).newScan().planFiles()) {
      out.add(task.file().path());
    }
    return out;
  }

  @Override
  public Committer committer(String table) {
    Table t = load(table);
    return entry -> {
      CommitResult result = t.newAppend().appendFile(toDataFile(entry)).commit();
      return result.attempts() - 1;
    };
  }

  @Override
  public void appendEntries(String table, List<FileEntry> entries) {
    AppendFiles append = load(table).newAppend();
    for (FileEntry e : entries) {
      append.appendFile(toDataFile(e));
    }
    append.commit();
  }

  static DataFile toDataFile(FileEntry e) {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    Object[][] bounds = e.stats();
    for (int field = 1; field <= 5; field++) {
      stats.put(field, new ColumnStats(field, OptionalLong.of(e.columnSize(field)), OptionalLong.of(e.rows()),
          OptionalLong.of(0), field == 4 ? OptionalLong.of(0) : OptionalLong.empty(),
          Optional.of(bounds[field - 1][0]), Optional.of(bounds[field - 1][1])));
    }
    return new DataFile(e.path(), FileFormat.PARQUET, 0, PartitionData.empty(), e.rows(), e.sizeBytes(), stats,
        List.of(4L), OptionalInt.empty());
  }

  @Override
  public Planner planner(String table) {
    Table t = load(table);
    return (low, high) -> {
      var scan = t.newScan();
      if (low != null) {
        Expression range = Expressions.and(Expressions.greaterThanOrEqual("id", low), Expressions.lessThan("id", high));
        scan = scan.filter(range);
      }
      return scan.planFiles().size();
    };
  }

  @Override
  public TableState state(String table) {
    Table t = load(table);
    TableMetadata m = t.metadata();
    long snapshots = 0;
    Optional<Snapshot> s = m.currentSnapshot();
    long manifests = 0;
    if (s.isPresent()) {
      try (SeekableInputStream in = t.io().newInputFile(s.get().manifestList()).newStream()) {
        manifests = ManifestListJson.read(s.get().manifestList(), in, id -> null, id -> null).size();
      } catch (IOException e) {
        throw new BenchException("cannot read the manifest list of " + table, e);
      }
    }
    // older snapshots live in the history chain, not in the metadata: walk the whole history
    Map<Long, Snapshot> byId = new HashMap<>();
    for (Snapshot snap : t.history().allSnapshots()) {
      byId.put(snap.snapshotId(), snap);
    }
    while (s.isPresent()) {
      snapshots++;
      s = s.get().parentId().map(byId::get);
    }
    long files = 0;
    long records = 0;
    for (FileScanTask task : t.newScan().planFiles()) {
      files++;
      records += task.file().recordCount();
    }
    long metadataBytes = 0;
    String newest = "";
    for (FileInfo f : t.io().list(t.location() + "/metadata/")) {
      String name = f.location().substring(f.location().lastIndexOf('/') + 1);
      if (name.matches("v\\d+\\.metadata\\.json.*") && versionOf(name) > versionOf(newest)) {
        newest = name;
        metadataBytes = f.size();
      }
    }
    return new TableState(snapshots, files, records, manifests, metadataBytes);
  }

  @Override
  public CompactOutcome binPack(String table, long targetFileSizeBytes) {
    return compact(table, targetFileSizeBytes, Strategy.binPack());
  }

  /** W8: one compaction run with Floe's compaction module, every group committed or a failure. */
  CompactOutcome compact(String table, long targetFileSizeBytes, Strategy strategy) {
    CompactionResult r = Compaction.rewriteDataFiles(load(table)).strategy(strategy)
        .targetFileSizeBytes(targetFileSizeBytes).execute();
    if (r.uncommittedGroups() > 0) {
      throw new BenchException("compaction of " + table + " left groups uncommitted: " + r.groups());
    }
    return new CompactOutcome(r.plan().live().files(), r.after().files(), r.plan().live().bytes(), r.after().bytes(),
        r.rewrittenRows(), r.committedGroups());
  }

  /** Sets a table property (W8: the row-group size the next rewrite writes). */
  void setProperty(String table, String key, String value) {
    load(table).updateProperties().set(key, value).commit();
  }

  /** Data files a scan with this filter would open (an untimed diagnostic). */
  int plannedFiles(String table, Expression filter) {
    return load(table).newScan().filter(filter).planFiles().size();
  }

  private static long versionOf(String name) {
    return name.isEmpty() ? -1 : Long.parseLong(name.substring(1, name.indexOf('.')));
  }

  @Override
  public void close() {
    catalog.close();
  }
}
