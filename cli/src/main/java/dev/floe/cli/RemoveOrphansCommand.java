package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.table.RemoveOrphanFiles;
import dev.floe.table.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "remove-orphans",
    description = {"Delete files under the table's location that no metadata refers to (left by",
        "failed or interrupted writers and maintenance, and old metadata versions).",
        "Only files older than --older-than (default 3 days) are touched: a writer that",
        "has not committed yet has files that look exactly like orphans."})
final class RemoveOrphansCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--older-than", paramLabel = "DURATION|TIMESTAMP",
      description = "Only files last modified before this: a duration back from now (3d, 12h, 0s) or a time."
          + " Default: 3d.")
  String olderThan;

  @Mixin
  MaintenanceOptions options;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      RemoveOrphanFiles remove = t.removeOrphanFiles();
      if (olderThan != null) {
        remove.olderThan(Durations.cutoff(olderThan, System.currentTimeMillis()));
      }
      if (options.dryRun) {
        remove.dryRun();
      }
      MaintenanceProgress.run(spec, options.listFiles, listener -> remove.listener(listener).execute(), report ->
          (report.dryRun() ? "would remove " : "removed ") + report.totalFiles() + " orphan file"
          + (report.totalFiles() == 1 ? "" : "s"));
    }
    return 0;
  }
}
