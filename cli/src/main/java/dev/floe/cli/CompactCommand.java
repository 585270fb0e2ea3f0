package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.compaction.ByteSize;
import dev.floe.compaction.Compaction;
import dev.floe.compaction.CompactionListener;
import dev.floe.compaction.CompactionPlan;
import dev.floe.compaction.CompactionResult;
import dev.floe.compaction.FileGroup;
import dev.floe.compaction.GroupResult;
import dev.floe.compaction.RewriteDataFiles;
import dev.floe.compaction.Strategy;
import dev.floe.error.InvalidInputException;
import dev.floe.table.Table;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "compact",
    description = {"Rewrite small files into files of the target size, optionally sorted or z-ordered.",
        "Groups of files (one partition each) are rewritten in parallel and each is committed",
        "as soon as it is done; appends by other writers meanwhile are never lost.",
        "With --dry-run, print the plan and change nothing."})
final class CompactCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "binpack",
      description = "binpack (default), sort or zorder.")
  String strategy;

  @Option(names = "--sort-by", paramLabel = "COLS",
      description = "For sort: an order, e.g. \"id desc, day(ts) nulls last\" (default: the table's sort order).")
  String sortBy;

  @Option(names = "--zorder-by", paramLabel = "COLS", description = "For zorder: 2 to 4 columns, e.g. lat,lon.")
  String zOrderBy;

  @Option(names = "--target-file-size", paramLabel = "SIZE",
      description = "Size of output files, e.g. 128MB (default: the table's write.target-file-size-bytes).")
  String targetFileSize;

  @Option(names = "--where", paramLabel = "EXPR", description = "Rewrite only files that may hold matching rows.")
  String where;

  @Option(names = "--dry-run", description = "Print what would be rewritten; change nothing.")
  boolean dryRun;

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "A compaction option for this run, e.g. compaction.min-input-files=2; repeatable.")
  Map<String, String> options = new LinkedHashMap<>();

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    Strategy chosen = usage(() -> Strategy.parse(strategy, sortBy, zOrderBy));
    Long target = targetFileSize == null ? null : usage(() -> ByteSize.parse("target-file-size", targetFileSize));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      RewriteDataFiles action = Compaction.rewriteDataFiles(t).strategy(chosen).filter(Filters.parse(where));
      options.forEach(action::option);
      if (target != null) {
        action.targetFileSizeBytes(target);
      }
      if (dryRun) {
        printPlan(out, action.plan());
        return 0;
      }
      ProgressListener progress = new ProgressListener(new Progress(err, Progress.onTerminal(), "rewrote", 0));
      CompactionResult result;
      try {
        result = action.listener(progress).execute();
      } finally {
        progress.progress.finish();
      }
      printResult(out, result);
      int failed = result.withStatus(GroupResult.Status.FAILED).size() + result.withStatus(GroupResult.Status.UNKNOWN)
          .size();
      if (failed > 0) {
        FloeCommand.printError(err, failed + " of " + result.groups().size() + " groups failed (see above);"
            + " committed groups stay committed", new IllegalStateException());
        return FloeCommand.EXIT_ERROR;
      }
    }
    return 0;
  }

  /** Option values that cannot be read are usage errors (exit 2), like picocli's own. */
  private <T> T usage(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Rows written so far, on the progress line; groups report from several threads. */
  private static final class ProgressListener implements CompactionListener {
    final Progress progress;
    private long rows;
    private long totalRows;
    private long totalBytes;

    ProgressListener(Progress progress) {
      this.progress = progress;
    }

    @Override
    public synchronized void planned(CompactionPlan plan) {
      totalRows = plan.inputRows();
      totalBytes = plan.inputBytes();
    }

    @Override
    public synchronized void rowsWritten(FileGroup group, long n) {
      rows += n;
      long bytes = totalRows == 0 ? 0 : (long) ((double) rows / totalRows * totalBytes);
      progress.report(rows, bytes);
    }
  }

  static void printPlan(PrintWriter out, CompactionPlan plan) {
    Listing groups = new Listing(List.of("group", "partition", "files", "bytes", "rows", "output files"),
        true, false, true, true, true, true);
    long target = plan.options().targetFileSizeBytes();
    for (FileGroup g : plan.groups()) {
      groups.add(List.of(String.valueOf(g.id()), partition(g), number(g.files().size()), Progress.bytes(g.bytes()),
          number(g.rows()), "~" + g.expectedOutputFiles(target)));
    }
    if (!plan.isEmpty()) {
      groups.print(out, ListFormat.TABLE);
    }
    out.printf(Locale.ROOT, "%s plan (dry run): %s files (%s, %s rows) in %d group%s -> about %d files of %s;"
        + " the table has %s data files (%s)%n", plan.strategy().id(), number(plan.inputFiles()),
        Progress.bytes(plan.inputBytes()), number(plan.inputRows()), plan.groups().size(),
        plan.groups().size() == 1 ? "" : "s", plan.expectedOutputFiles(), Progress.bytes(target),
        number(plan.live().files()), Progress.bytes(plan.live().bytes()));
    if (plan.isEmpty()) {
      out.println("nothing to compact");
    }
    out.flush();
  }

  static void printResult(PrintWriter out, CompactionResult result) {
    CompactionPlan plan = result.plan();
    if (!result.groups().isEmpty()) {
      Listing groups = new Listing(List.of("group", "partition", "status", "files in", "files out", "bytes in",
          "bytes out", "rows", "seconds", "note"), true, false, false, true, true, true, true, true, true, false);
      for (GroupResult g : result.groups().stream()
          .sorted(java.util.Comparator.comparingInt(r -> r.group().id())).toList()) {
        groups.add(List.of(String.valueOf(g.group().id()), partition(g.group()),
            g.status().name().toLowerCase(Locale.ROOT), number(g.group().files().size()), number(g.outputs().size()),
            Progress.bytes(g.group().bytes()), Progress.bytes(g.outputBytes()), number(g.group().rows()),
            String.format(Locale.ROOT, "%.1f", g.millis() / 1000.0), g.message().orElse("")));
      }
      groups.print(out, ListFormat.TABLE);
    }
    TextTable summary = new TextTable(List.of("", "before", "after"), new boolean[] {false, true, true});
    summary.add(List.of("data files", number(plan.live().files()), number(result.after().files())));
    summary.add(List.of("bytes", Progress.bytes(plan.live().bytes()), Progress.bytes(result.after().bytes())));
    summary.add(List.of("rows", number(plan.live().rows()), number(result.after().rows())));
    summary.print(out);
    out.printf(Locale.ROOT, "%s: rewrote %s files (%s rows, %s) into %s files (%s); groups: %d committed,"
        + " %d skipped, %d failed%s; %.1f s%n", plan.strategy().id(), number(result.rewrittenFiles()),
        number(result.rewrittenRows()), Progress.bytes(result.rewrittenBytes()), number(result.addedFiles()),
        Progress.bytes(result.addedBytes()), result.committedGroups(),
        result.withStatus(GroupResult.Status.SKIPPED).size(), result.withStatus(GroupResult.Status.FAILED).size(),
        result.withStatus(GroupResult.Status.UNKNOWN).isEmpty() ? ""
            : ", " + result.withStatus(GroupResult.Status.UNKNOWN).size() + " of unknown outcome",
        result.millis() / 1000.0);
    if (plan.isEmpty()) {
      out.println("nothing to compact");
    }
    out.flush();
  }

  private static String partition(FileGroup g) {
    return g.partitionPath().isEmpty() ? "(unpartitioned)" : g.partitionPath();
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
