package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.metadata.Snapshot;
import dev.floe.table.DeleteFiles;
import dev.floe.table.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "delete",
    description = {"Delete the rows matching a filter, in one commit. Files whose every row matches",
        "are dropped without being read; files where some rows match are rewritten",
        "without them."})
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--where", required = true, paramLabel = "EXPR",
      description = "Which rows to delete, e.g. \"ts < '2025-01-01T00:00:00'\"; \"true\" deletes every row.")
  String where;

  @Option(names = "--branch", paramLabel = "NAME", description = "Delete on this branch instead of main.")
  String branch;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      DeleteFiles delete = t.newDelete().deleteWhere(Filters.parse(where));
      if (branch != null) {
        delete.toBranch(branch);
      }
      printChange(spec.commandLine().getOut(), "deleted", delete.commit());
    }
    return 0;
  }

  /** One line: rows deleted or updated, files removed and written, the snapshot. */
  static void printChange(PrintWriter out, String verb, CommitResult r) {
    if (r.snapshot().isEmpty()) {
      out.println("no row matched; nothing committed");
    } else {
      Snapshot s = r.snapshot().get();
      long rows = verb.equals("deleted") ? s.summaryLong("deleted-records") - s.summaryLong("added-records")
          : s.summaryLong("updated-records");
      out.println(verb + " " + rows + " row" + (rows == 1 ? "" : "s") + ": " + s.summaryLong("deleted-data-files")
          + " data file(s) removed, " + s.summaryLong("added-data-files") + " written; snapshot " + s.snapshotId());
    }
    out.flush();
  }
}
