package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.metadata.Snapshot;
import dev.floe.table.Table;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "snapshots",
    description = "List a table's snapshots, oldest first; time is ISO-8601 UTC.")
final class SnapshotsCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or csv.")
  ListFormat format;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      listing(t.history().allSnapshots()).print(spec.commandLine().getOut(), format);
    }
    return 0;
  }

  static Listing listing(List<Snapshot> snapshots) {
    Listing listing = new Listing(List.of("snapshot_id", "parent_id", "time", "operation",
        "added_files", "added_records", "total_records"), true, true, false, false, true, true, true);
    snapshots.stream()
        .sorted(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMs))
        .forEach(s -> listing.add(List.of(
            String.valueOf(s.snapshotId()),
            s.parentId().map(String::valueOf).orElse(""),
            Instant.ofEpochMilli(s.timestampMs()).toString(),
            s.operation(),
            String.valueOf(s.summaryLong("added-data-files")),
            String.valueOf(s.summaryLong("added-records")),
            String.valueOf(s.summaryLong("total-records")))));
    return listing;
  }
}
