package dev.floe.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.table.Table;
import dev.floe.table.TableScan;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "scan",
    description = "Print a table's rows.",
    footer = {"", "Examples:",
        "  floe scan db.events --where \"amount > 990 and category = 'cat-07'\" --limit 10",
        "  floe scan db.events --select id,ts --as-of 2026-11-26T16:40:00Z --format csv"})
final class ScanCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--select", split = ",", paramLabel = "COLUMNS", description = "Columns to print, comma-separated.")
  List<String> select;

  @Option(names = "--where", paramLabel = "EXPR", description = "Filter, e.g. \"amount > 10 and category = 'a'\".")
  String where;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  TimeTravel travel;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most N rows.")
  Long limit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), csv or jsonl.")
  OutputFormat format;

  @Override
  public Integer call() {
    if (limit != null && limit < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must not be negative");
    }
    TableIdentifier id = TableIdentifier.parse(table);
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      TableScan scan = TimeTravel.apply(travel, t.newScan());
      scan = scan.filter(Filters.parse(where));
      if (select != null && !select.isEmpty()) {
        scan = scan.select(select.stream().map(String::strip).toList());
      }
      Schema projection = scan.projection();
      long max = limit == null ? Long.MAX_VALUE : limit;
      try (CloseableIterator<Record> rows = scan.records()) {
        switch (format) {
          case CSV -> printCsv(out, projection, rows, max);
          case JSONL -> printJson(out, projection, rows, max);
          default -> printTable(out, projection, rows, max);
        }
      }
      out.flush();
    }
    return 0;
  }

  static void printTable(PrintWriter out, Schema schema, CloseableIterator<Record> rows, long max) {
    List<NestedField> columns = schema.columns();
    List<String> headers = new ArrayList<>();
    boolean[] right = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      headers.add(columns.get(i).name());
      right[i] = ValueFormat.isNumeric(columns.get(i).type());
    }
    TextTable table = new TextTable(headers, right);
    for (long n = 0; n < max && rows.hasNext(); n++) {
      table.add(cells(columns, rows.next()));
    }
    table.print(out);
    out.println(TextTable.rowsFooter(table.rowCount()));
  }

  static void printCsv(PrintWriter out, Schema schema, CloseableIterator<Record> rows, long max) {
    List<NestedField> columns = schema.columns();
    CsvOut.row(out, columns.stream().map(NestedField::name).toList());
    for (long n = 0; n < max && rows.hasNext(); n++) {
      CsvOut.row(out, cells(columns, rows.next()));
    }
  }

  static void printJson(PrintWriter out, Schema schema, CloseableIterator<Record> rows, long max) {
    List<NestedField> columns = schema.columns();
    try (JsonGenerator g = ValueFormat.JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null);
      for (long n = 0; n < max && rows.hasNext(); n++) {
        Record r = rows.next();
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
          g.writeFieldName(columns.get(i).name());
          ValueFormat.writeJson(g, columns.get(i).type(), value(r, columns, i));
        }
        g.writeEndObject();
        g.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> cells(List<NestedField> columns, Record r) {
    List<String> cells = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      cells.add(ValueFormat.text(columns.get(i).type(), value(r, columns, i)));
    }
    return cells;
  }

  /** The i-th projected column of a row, by name when the row's columns come in another order. */
  static Object value(Record r, List<NestedField> columns, int i) {
    List<NestedField> fields = r.struct().fields();
    if (i < fields.size() && fields.get(i).id() == columns.get(i).id()) {
      return r.get(i);
    }
    for (int k = 0; k < fields.size(); k++) {
      if (fields.get(k).id() == columns.get(i).id()) {
        return r.get(k);
      }
    }
    return null;
  }
}
