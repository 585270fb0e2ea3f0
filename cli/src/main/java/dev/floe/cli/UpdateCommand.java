package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.InvalidInputException;
import dev.floe.table.Table;
import dev.floe.table.UpdateRows;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "update",
    description = {"Set columns to new values in the rows matching a filter, in one commit; the",
        "files holding such rows are rewritten."})
final class UpdateCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--set", required = true, paramLabel = "\"COL = VALUE\"",
      description = "A column and its new value, e.g. \"status = 'void'\", \"amount = 0\", \"note = null\"; repeatable.")
  List<String> sets;

  @Option(names = "--where", paramLabel = "EXPR", description = "Which rows to change (default: all).")
  String where;

  @Option(names = "--branch", paramLabel = "NAME", description = "Update on this branch instead of main.")
  String branch;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      UpdateRows update = t.newUpdateRows();
      for (String set : sets) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
          throw new InvalidInputException("set", "'" + set + "' is not of the form \"column = value\"");
        }
        update.set(unquoteName(set.substring(0, eq).strip()), literal(set.substring(eq + 1).strip()));
      }
      if (where != null) {
        update.where(Filters.parse(where));
      }
      if (branch != null) {
        update.toBranch(branch);
      }
      DeleteCommand.printChange(spec.commandLine().getOut(), "updated", update.commit());
    }
    return 0;
  }

  /** A value as typed: 'quoted' text (with '' for a quote), null, or bare text the column's type reads. */
  static Object literal(String text) {
    if (text.isEmpty()) {
      throw new InvalidInputException("set", "a value is missing after '='");
    }
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
    if (text.equalsIgnoreCase("null")) {
      return null;
    }
    return text;
  }

  private static String unquoteName(String name) {
    if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("`") && name.endsWith("`"))) {
      return name.substring(1, name.length() - 1);
    }
    return name;
  }
}
