package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.table.ManageSnapshots;
import dev.floe.table.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rollback",
    description = {"Move main back to an older snapshot, one of its ancestors. The snapshots after it",
        "stay in the history (time travel reaches them) until they expire."})
final class RollbackCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--to", required = true, paramLabel = "SNAPSHOT", description = "The snapshot id to make current.")
  long snapshotId;

  @Option(names = "--any", description = "Allow a snapshot that is not an ancestor of main (set it current).")
  boolean any;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      long before = t.currentSnapshot().map(s -> s.snapshotId()).orElse(-1L);
      ManageSnapshots m = t.manageSnapshots();
      (any ? m.setCurrentSnapshot(snapshotId) : m.rollbackTo(snapshotId)).commit();
      spec.commandLine().getOut().println("main moved from snapshot " + before + " to " + snapshotId);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
