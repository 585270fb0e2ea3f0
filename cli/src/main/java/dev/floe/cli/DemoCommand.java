package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.AppendFiles;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import dev.floe.table.TableWriter;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo",
    description = {"Load generated events into demo.events and tour the table.",
        "Replaces demo.events in the warehouse, loads 5 commits of 200,000 rows,",
        "then shows a filtered query, file pruning, the snapshot history and a",
        "time-travel read."})
final class DemoCommand implements Callable<Integer> {
  static final String TABLE = "demo.events";
  static final String SCHEMA = "id long not null, ts timestamp, category string, amount double, payload string";
  static final String PARTITION_BY = "day(ts)";
  static final String QUERY = "amount > 990 and category = 'cat-07'";
  static final String PRUNE = "ts >= '2026-01-03T00:00:00' and ts < '2026-01-04T00:00:00'";
  static final long SEED = 20260101L;

  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Option(names = "--rows-per-commit", hidden = true, defaultValue = "200000")
  int rowsPerCommit;

  @Option(names = "--commits", hidden = true, defaultValue = "5")
  int commits;

  @Override
  public Integer call() {
    if (rowsPerCommit < 1 || commits < 2) {
      throw new ParameterException(spec.commandLine(), "the demo needs at least 2 commits of at least 1 row");
    }
    PrintWriter out = spec.commandLine().getOut();
    TableIdentifier id = TableIdentifier.parse(TABLE);
    try (Catalog catalog = root.openCatalog()) {
      if (catalog.tableExists(id)) {
        catalog.dropTable(id, true);
      }
      Schema schema = SchemaParser.parse(SCHEMA);
      FloeCommand.ensureNamespace(catalog, id.namespace());
      Table t = catalog.createTable(id, schema, PartitionSpec.parse(schema, PARTITION_BY), Map.of());
      out.println("Created " + TABLE + " at " + t.location());
      out.println("  schema: " + SCHEMA);
      out.println("  partitioned by " + PARTITION_BY);
      out.println();
      load(t, out);
      query(t, out);
      pruning(t, out);
      history(t, out);
      timeTravel(t, out);
      out.println();
      out.println("Try it yourself:");
      String wh = "--warehouse " + root.warehouseLocation();
      out.println("  floe " + wh + " scan " + TABLE + " --where \"" + QUERY + "\" --limit 5");
      out.println("  floe " + wh + " files " + TABLE + " --where \"" + PRUNE + "\"");
      out.println("  floe " + wh + " count " + TABLE + " --as-of <time from the history>");
      out.flush();
    }
    return 0;
  }

  private void load(Table t, PrintWriter out) {
    Progress progress = new Progress(spec.commandLine().getErr(), Progress.onTerminal(), "generated", 0);
    long started = System.nanoTime();
    long rows = 0;
    for (int c = 1; c <= commits; c++) {
      EventGenerator events = new EventGenerator(t.schema().asStruct(), SEED + c, rows);
      TableWriter writer = t.newWriter();
      List<DataFile> files;
      CommitResult result;
      try {
        for (int i = 0; i < rowsPerCommit; i++) {
          writer.write(events.next());
          rows++;
          progress.update(rows, 0);
        }
        files = writer.complete();
        AppendFiles append = t.newAppend();
        files.forEach(append::appendFile);
        result = append.commit();
      } catch (CommitStateUnknownException e) {
        progress.finish();
        throw e;
      } catch (RuntimeException e) {
        progress.finish();
        writer.abort();
        throw e;
      }
      progress.finish();
      out.printf(Locale.ROOT, "commit %d/%d: appended %,d rows in %d data files, snapshot %d%n", c, commits,
          rowsPerCommit, files.size(), result.snapshot().map(Snapshot::snapshotId).orElse(-1L));
      out.flush();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "Loaded %,d rows in %d commits (%.1f s, %,.0f rows/s)%n", rows, commits, seconds,
        rows / Math.max(seconds, 1e-3));
  }

  private static void query(Table t, PrintWriter out) {
    out.println();
    out.println("== Query: scan " + TABLE + " --where \"" + QUERY + "\" --limit 10");
    TableScan scan = t.newScan().filter(Filters.parse(QUERY));
    try (CloseableIterator<Record> rows = scan.records()) {
      ScanCommand.printTable(out, scan.projection(), rows, 10);
    }
    out.println("matching rows: " + scan.count());
  }

  private static void pruning(Table t, PrintWriter out) {
    out.println();
    out.println("== Pruning: files " + TABLE + " --where \"" + PRUNE + "\"");
    TableScan scan = t.newScan().filter(Filters.parse(PRUNE));
    List<FileScanTask> kept = scan.planFiles();
    int total = t.newScan().planFiles().size();
    FilesCommand.listing(t.location(), scan.projection(), kept, false).print(out, ListFormat.TABLE);
    out.println(FilesCommand.prunedLine(kept.size(), total));
    out.println("matching rows: " + scan.count());
  }

  private static void history(Table t, PrintWriter out) {
    out.println();
    out.println("== History: snapshots " + TABLE);
    SnapshotsCommand.listing(t.history().allSnapshots()).print(out, ListFormat.TABLE);
  }

  private static void timeTravel(Table t, PrintWriter out) {
    List<Snapshot> ordered = t.history().allSnapshots().stream()
        .sorted(Comparator.comparingLong(Snapshot::sequenceNumber)).toList();
    Snapshot second = ordered.get(1);
    String asOf = Instant.ofEpochMilli(second.timestampMs()).toString();
    out.println();
    out.println("== Time travel: count " + TABLE + " --as-of " + asOf);
    long then = t.newScan().asOfTime(second.timestampMs()).count();
    long now = t.newScan().count();
    out.println("rows as of " + asOf + " (snapshot " + second.snapshotId() + "): " + then);
    out.println("rows now (snapshot " + t.currentSnapshot().map(Snapshot::snapshotId).orElse(-1L) + "): " + now);
  }
}
