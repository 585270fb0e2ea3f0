package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.table.AppendFiles;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "append",
    description = {"Append rows from files to a table, all in one commit.",
        "Formats by extension: .csv (with a header row), .jsonl or .json (one",
        "object per row), .parquet. Columns match by name; missing columns are",
        "null. Any bad value stops the load: nothing is committed and the data",
        "files written so far are deleted."})
final class AppendCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Input files.")
  List<String> files;

  @picocli.CommandLine.Option(names = "--branch", paramLabel = "NAME",
      description = "Commit to this branch instead of main (it must exist; see 'floe ref').")
  String branch;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    long totalBytes = 0;
    for (String f : files) {
      totalBytes += RowSources.check(f);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      if (branch != null) {
        t.newAppend().toBranch(branch); // a missing branch or a tag fails before any row is read
      }
      RowShape shape = new RowShape(t.schema());
      Progress progress = new Progress(spec.commandLine().getErr(), Progress.onTerminal(), "read", totalBytes);
      long started = System.nanoTime();
      TableWriter writer = t.newWriter();
      long rows = 0;
      List<DataFile> written;
      CommitResult result;
      try {
        long bytesBefore = 0;
        for (String f : files) {
          try (RowSource source = RowSources.open(f, shape, root.conf())) {
            while (source.hasNext()) {
              Record r = source.next();
              writer.write(r);
              rows++;
              progress.update(rows, bytesBefore + source.bytesRead());
            }
          }
          bytesBefore += RowSources.check(f);
        }
        written = writer.complete();
        if (rows == 0) {
          writer.abort();
          progress.finish();
          out.println("no rows in the input; nothing committed");
          out.flush();
          return 0;
        }
        AppendFiles append = t.newAppend();
        if (branch != null) {
          append.toBranch(branch);
        }
        written.forEach(append::appendFile);
        result = append.commit();
      } catch (CommitStateUnknownException e) {
        // the commit may have landed: its files must stay
        progress.finish();
        throw e;
      } catch (RuntimeException | Error e) {
        progress.finish();
        writer.abort();
        throw e;
      }
      progress.finish();
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(java.util.Locale.ROOT, "appended %d rows from %d input file%s: %d data file%s written, snapshot %s%s (%.1f s)%n",
          rows, files.size(), files.size() == 1 ? "" : "s", written.size(), written.size() == 1 ? "" : "s",
          result.snapshot().map(Snapshot::snapshotId).map(String::valueOf).orElse("none"),
          branch == null ? "" : " on branch " + branch, seconds);
      out.flush();
    }
    return 0;
  }
}
