package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "files",
    description = {"List the data files a scan would read after pruning.",
        "Shows each file's path, partition, records, size and per-column",
        "lower..upper bounds. The table format also prints",
        "\"N of M files after pruning\" to stderr."})
final class FilesCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--where", paramLabel = "EXPR", description = "List only files that may hold matching rows.")
  String where;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  TimeTravel travel;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or csv.")
  ListFormat format;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      TableScan all = TimeTravel.apply(travel, t.newScan());
      TableScan scan = all.filter(Filters.parse(where));
      List<FileScanTask> tasks = scan.planFiles();
      int total = where == null || where.isBlank() ? tasks.size() : all.planFiles().size();
      listing(t.location(), scan.projection(), tasks, format == ListFormat.CSV).print(out, format);
      if (format == ListFormat.TABLE) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(prunedLine(tasks.size(), total));
        err.flush();
      }
    }
    return 0;
  }

  static String prunedLine(int kept, int total) {
    return kept + " of " + total + " files after pruning";
  }

  /** Paths are relative to the table location in the table view, absolute in CSV. */
  static Listing listing(String tableLocation, Schema schema, List<FileScanTask> tasks, boolean csv) {
    Listing listing = new Listing(List.of("path", "partition", "records", "size", "bounds"),
        false, false, true, true, false);
    String prefix = tableLocation.endsWith("/") ? tableLocation : tableLocation + "/";
    for (FileScanTask task : tasks) {
      DataFile f = task.file();
      String path = !csv && f.path().startsWith(prefix) ? f.path().substring(prefix.length()) : f.path();
      listing.add(List.of(path, partition(task.spec(), f.partition()), String.valueOf(f.recordCount()),
          csv ? String.valueOf(f.fileSizeBytes()) : Progress.bytes(f.fileSizeBytes()),
          bounds(schema, f)));
    }
    return listing;
  }

  static String partition(PartitionSpec spec, PartitionData data) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < spec.fields().size() && i < data.size(); i++) {
      PartitionField field = spec.fields().get(i);
      Object v = data.get(i);
      parts.add(field.name() + "=" + (v == null ? "null" : field.transform().toHumanString(v)));
    }
    return String.join("/", parts);
  }

  /** {@code id=1..1000 ts=2026-01-01T00:00..2026-01-01T23:59} for every column with bounds. */
  static String bounds(Schema schema, DataFile f) {
    List<String> parts = new ArrayList<>();
    for (ColumnStats s : new TreeMap<>(f.columnStats()).values()) {
      Optional<NestedField> field = schema.findField(s.fieldId());
      if (field.isEmpty() || !field.get().type().isPrimitive()
          || (s.lowerBound().isEmpty() && s.upperBound().isEmpty())) {
        continue;
      }
      Type.PrimitiveType type = field.get().type().asPrimitive();
      String name = schema.findColumnName(s.fieldId()).orElse(field.get().name());
      parts.add(name + "=" + bound(type, s.lowerBound()) + ".." + bound(type, s.upperBound()));
    }
    return String.join(" ", parts);
  }

  private static String bound(Type.PrimitiveType type, Optional<Object> internal) {
    if (internal.isEmpty()) {
      return "?";
    }
    String text = Values.toDisplayString(type, Values.toExternal(type, internal.get()));
    return JsonValues.abbreviate(text);
  }
}
