package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.table.CleanupReport;
import dev.floe.table.ExpireSnapshots;
import dev.floe.table.FileKind;
import dev.floe.table.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "expire",
    description = {"Expire old snapshots, then delete the files only they used.",
        "Branch heads and tagged snapshots always stay; each branch keeps its newest",
        "snapshots by its retention settings (see 'floe ref'). Time travel to an",
        "expired snapshot fails afterwards."})
final class ExpireCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--older-than", paramLabel = "DURATION|TIMESTAMP",
      description = "Expire snapshots older than this: a duration back from now (7d, 12h, 30m, 0s) or a"
          + " time (2026-11-01T00:00:00Z). Default: the table's history.expire.max-snapshot-age-ms (5 days).")
  String olderThan;

  @Option(names = "--retain-last", paramLabel = "N", description = "Keep at least the N newest snapshots of each branch.")
  Integer retainLast;

  @Mixin
  MaintenanceOptions options;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      ExpireSnapshots expire = t.expireSnapshots();
      if (olderThan != null) {
        expire.expireOlderThan(Durations.cutoff(olderThan, System.currentTimeMillis()));
      }
      if (retainLast != null) {
        expire.retainLast(retainLast);
      }
      if (options.dryRun) {
        expire.dryRun();
      }
      MaintenanceProgress.run(spec, options.listFiles, listener -> expire.listener(listener).commit(), report ->
          (report.dryRun() ? "would expire " : "expired ") + report.expiredSnapshots().size()
          + " snapshot" + (report.expiredSnapshots().size() == 1 ? "" : "s")
          + (report.removedRefs().isEmpty() ? "" : " and refs " + String.join(", ", report.removedRefs())));
    }
    return 0;
  }

  /** The files a report counts, by kind, as a table; a last line for failed deletes. */
  static void print(PrintWriter out, CleanupReport report) {
    TextTable table = new TextTable(List.of("kind", report.dryRun() ? "files to delete" : "files deleted", "bytes"),
        new boolean[] {false, true, true});
    for (FileKind kind : FileKind.values()) {
      if (report.count(kind) > 0) {
        List<String> row = new ArrayList<>();
        row.add(kind.id());
        row.add(String.valueOf(report.count(kind)));
        row.add(String.valueOf(report.bytes().getOrDefault(kind, 0L)));
        table.add(row);
      }
    }
    table.add(List.of("total", String.valueOf(report.totalFiles()), String.valueOf(report.totalBytes())));
    table.print(out);
    if (report.failedDeletes() > 0) {
      out.println(report.failedDeletes() + " file(s) could not be deleted; they are left for remove-orphans");
    }
    out.flush();
  }
}
