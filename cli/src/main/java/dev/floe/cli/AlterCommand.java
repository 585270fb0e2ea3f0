package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionTerm;
import dev.floe.table.Table;
import dev.floe.table.UpdateSchema;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "alter",
    description = {"Change a table's schema, partitioning or sort order, in one commit; data files",
        "are never rewritten (columns are matched by field id).",
        "  alter TABLE add-column NAME TYPE [--after COL | --first] [--not-null --default VALUE]",
        "  alter TABLE drop-column NAME",
        "  alter TABLE rename-column OLD NEW",
        "  alter TABLE widen-column NAME TYPE        (int->long, float->double, decimal precision)",
        "  alter TABLE set-partitioning \"day(ts), bucket(8, id)\"   (\"\" for none)",
        "  alter TABLE set-sort-order \"id, ts desc\"               (\"\" for none)",
        "NAME may be nested (address.zip); TYPE is as in 'floe create --schema'."})
final class AlterCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Parameters(index = "1", paramLabel = "ACTION", description = "add-column, drop-column, rename-column,"
      + " widen-column, set-partitioning or set-sort-order.")
  String action;

  @Parameters(index = "2..*", arity = "0..*", paramLabel = "ARG", description = "The action's arguments.")
  List<String> args = List.of();

  @Option(names = "--after", paramLabel = "COL", description = "add-column: put the new column after this one.")
  String after;

  @Option(names = "--first", description = "add-column: put the new column first.")
  boolean first;

  @Option(names = "--not-null", description = "add-column: a required column (needs --default).")
  boolean notNull;

  @Option(names = "--default", paramLabel = "VALUE",
      description = "add-column: what existing rows read and writers store when a row leaves it out.")
  String defaultValue;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      switch (action) {
        case "add-column" -> {
          List<String> a = args(2);
          addColumn(t, a.get(0), a.get(1));
          out.println("added column " + a.get(0));
        }
        case "drop-column" -> {
          t.updateSchema().deleteColumn(args(1).get(0)).commit();
          out.println("dropped column " + args.get(0));
        }
        case "rename-column" -> {
          List<String> a = args(2);
          t.updateSchema().renameColumn(a.get(0), a.get(1)).commit();
          out.println("renamed column " + a.get(0) + " to " + a.get(1));
        }
        case "widen-column" -> {
          List<String> a = args(2);
          t.updateSchema().updateColumn(a.get(0), Types.parsePrimitive(a.get(1))).commit();
          out.println("widened column " + a.get(0) + " to " + Types.parsePrimitive(a.get(1)));
        }
        case "set-partitioning" -> {
          t.updateSpec().replaceWith(args(1).get(0)).commit();
          TableMetadata m = t.refresh();
          out.println("new data is partitioned by " + describe(m));
          out.flush();
          return 0;
        }
        case "set-sort-order" -> {
          t.replaceSortOrder().terms(args(1).get(0)).commit();
          out.println("new data is sorted by " + describeOrder(t.refresh()));
          out.flush();
          return 0;
        }
        default -> throw usage("unknown action '" + action + "'; expected add-column, drop-column, rename-column,"
            + " widen-column, set-partitioning or set-sort-order");
      }
      printSchema(out, t.refresh().schema());
    }
    return 0;
  }

  private void addColumn(Table t, String name, String typeText) {
    if (after != null && first) {
      throw usage("--after and --first cannot be used together");
    }
    if (notNull && defaultValue == null) {
      throw new InvalidInputException(name, "a new not-null column needs --default: the rows already written"
          + " have no value for it");
    }
    Type type = SchemaParser.parse("x " + typeText).columns().get(0).type();
    int dot = name.lastIndexOf('.');
    String parent = dot < 0 ? null : name.substring(0, dot);
    String leaf = dot < 0 ? name : name.substring(dot + 1);
    Object value = defaultValue == null ? null : UpdateCommand.literal(defaultValue);
    UpdateSchema u = t.updateSchema();
    if (notNull) {
      u = parent == null ? u.addRequiredColumn(leaf, type, value) : u.addRequiredColumn(parent, leaf, type, value);
    } else if (value != null) {
      if (parent != null) {
        throw new InvalidInputException(name, "a nested optional column cannot take --default; add it without one");
      }
      u = u.addColumn(leaf, type, value);
    } else {
      u = parent == null ? u.addColumn(leaf, type) : u.addColumn(parent, leaf, type);
    }
    if (after != null) {
      u = u.moveAfter(name, after);
    } else if (first) {
      u = u.moveFirst(name);
    }
    u.commit();
  }

  private List<String> args(int n) {
    return Actions.exactly(spec, action, args, n, "argument");
  }

  private CommandLine.ParameterException usage(String message) {
    return Actions.usage(spec, message);
  }

  /** The schema as a table: id, name (dotted for nested fields), type, required, default. */
  static void printSchema(PrintWriter out, Schema schema) {
    Listing listing = new Listing(List.of("id", "column", "type", "required", "default"), true, false, false, false,
        false);
    addRows(listing, schema, schema.columns());
    listing.print(out, ListFormat.TABLE);
  }

  private static void addRows(Listing listing, Schema schema, List<NestedField> fields) {
    for (NestedField f : fields) {
      listing.add(List.of(String.valueOf(f.id()), schema.findColumnName(f.id()).orElse(f.name()), f.type().toString(),
          f.required() ? "yes" : "no",
          f.writeDefault().map(d -> Values.toDisplayString(f.type().asPrimitive(),
              Values.toExternal(f.type().asPrimitive(), d))).orElse("")));
      if (f.type() instanceof Types.StructType s) {
        addRows(listing, schema, s.fields());
      }
    }
  }

  private static String describe(TableMetadata m) {
    if (m.spec().isUnpartitioned()) {
      return "nothing (unpartitioned)";
    }
    StringBuilder sb = new StringBuilder();
    for (PartitionField f : m.spec().fields()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(PartitionTerm.describe(f.transform(), m.schema().findColumnName(f.sourceId()).orElse("?")));
    }
    return sb.append(" (spec ").append(m.defaultSpecId()).append(')').toString();
  }

  private static String describeOrder(TableMetadata m) {
    SortOrder order = m.sortOrders().stream().filter(o -> o.orderId() == m.defaultSortOrderId()).findFirst()
        .orElse(SortOrder.unsorted());
    if (order.isUnsorted()) {
      return "nothing (unsorted)";
    }
    StringBuilder sb = new StringBuilder();
    for (SortOrder.SortField f : order.fields()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(PartitionTerm.describe(f.transform(), m.schema().findColumnName(f.sourceId()).orElse("?")))
          .append(f.direction() == SortOrder.Direction.DESC ? " desc" : "")
          .append(f.nullOrder() == (f.direction() == SortOrder.Direction.ASC ? SortOrder.NullOrder.NULLS_FIRST
              : SortOrder.NullOrder.NULLS_LAST) ? "" : f.nullOrder() == SortOrder.NullOrder.NULLS_FIRST
              ? " nulls first" : " nulls last");
    }
    return sb.append(" (order ").append(order.orderId()).append(')').toString();
  }
}
