package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "count",
    description = "Print the number of rows (matching the filter), and nothing else.")
final class CountCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--where", paramLabel = "EXPR", description = "Count only rows matching this filter.")
  String where;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  TimeTravel travel;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      TableScan scan = TimeTravel.apply(travel, t.newScan()).filter(Filters.parse(where));
      spec.commandLine().getOut().println(scan.count());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
