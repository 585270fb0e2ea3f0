package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "create",
    description = "Create a table.",
    footer = {"", "Example:",
        "  floe create db.events \\",
        "      --schema \"id long not null, ts timestamp, category string, amount double\" \\",
        "      --partition-by \"day(ts), bucket(16, id)\"",
        "",
        "Types: boolean, int, long, float, double, decimal(P,S), date, time,",
        "timestamp, timestamptz, string, uuid, binary, fixed[N],",
        "struct<a: int, b: string>, list<string>, map<string, long>."})
final class CreateCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name, e.g. db.events.")
  String table;

  @Option(names = "--schema", required = true, paramLabel = "COLUMNS",
      description = "Comma-separated columns: name type [not null].")
  String schema;

  @Option(names = "--partition-by", paramLabel = "TRANSFORMS",
      description = "Partition transforms: col, year(col), month(col), day(col), hour(col), "
          + "bucket(N, col), truncate(W, col).")
  String partitionBy;

  @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Table property; repeatable.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    Schema parsed = SchemaParser.parse(schema);
    PartitionSpec partitionSpec = PartitionSpec.parse(parsed, partitionBy);
    try (Catalog catalog = root.openCatalog()) {
      FloeCommand.ensureNamespace(catalog, id.namespace());
      Table created = catalog.createTable(id, parsed, partitionSpec, properties);
      spec.commandLine().getOut().println("created table " + id + " at " + created.location());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
