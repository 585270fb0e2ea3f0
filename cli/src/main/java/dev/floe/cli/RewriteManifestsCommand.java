package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.compaction.Compaction;
import dev.floe.compaction.ManifestRewriteResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rewrite-manifests",
    description = {"Rewrite the current snapshot's manifests: small ones merged, entries clustered by",
        "partition, every data file kept as it is. Planning then opens fewer manifests."})
final class RewriteManifestsCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = root.openCatalog()) {
      ManifestRewriteResult r = Compaction.rewriteManifests(catalog.loadTable(id));
      TextTable summary = new TextTable(List.of("", "before", "after"), new boolean[] {false, true, true});
      summary.add(List.of("manifests", String.valueOf(r.manifestsBefore()), String.valueOf(r.manifestsAfter())));
      summary.print(out);
      out.printf(Locale.ROOT, "%s; %,d data-file entries; %.1f s%n", r.snapshotId()
          .map(s -> "rewrote the manifests in snapshot " + s).orElse("nothing to rewrite"), r.entries(),
          r.millis() / 1000.0);
      out.flush();
    }
    return 0;
  }
}
