package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import dev.floe.table.ManageSnapshots;
import dev.floe.table.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "ref",
    description = {"List and change a table's branches and tags.",
        "  ref TABLE list",
        "  ref TABLE create-branch NAME [--snapshot ID]   (default: main's current snapshot)",
        "  ref TABLE create-tag NAME [--snapshot ID]",
        "  ref TABLE drop NAME                            (main cannot be dropped)",
        "  ref TABLE fast-forward TARGET SOURCE           (TARGET's snapshot must be an ancestor of SOURCE's)",
        "  ref TABLE set-retention NAME [--min-snapshots N] [--max-snapshot-age D] [--max-ref-age D]",
        "Write to a branch with 'floe append TABLE FILE --branch NAME' (also delete and update);",
        "read one with --ref NAME on scan, count and files."})
final class RefCommand implements Callable<Integer> {
  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
  String table;

  @Parameters(index = "1", paramLabel = "ACTION",
      description = "list, create-branch, create-tag, drop, fast-forward or set-retention.")
  String action;

  @Parameters(index = "2..*", arity = "0..*", paramLabel = "ARG", description = "The action's names.")
  List<String> args = List.of();

  @Option(names = "--snapshot", paramLabel = "ID", description = "Snapshot a new branch or tag points at.")
  Long snapshotId;

  @Option(names = "--min-snapshots", paramLabel = "N", description = "set-retention: expiry keeps this many of the branch's newest snapshots.")
  Integer minSnapshots;

  @Option(names = "--max-snapshot-age", paramLabel = "DURATION", description = "set-retention: expiry keeps the branch's snapshots younger than this (e.g. 7d).")
  String maxSnapshotAge;

  @Option(names = "--max-ref-age", paramLabel = "DURATION", description = "set-retention: expiry drops the ref once it is older than this (not main).")
  String maxRefAge;

  @Override
  public Integer call() {
    TableIdentifier id = TableIdentifier.parse(table);
    PrintWriter out = spec.commandLine().getOut();
    try (Catalog catalog = root.openCatalog()) {
      Table t = catalog.loadTable(id);
      switch (action) {
        case "list" -> {
          args(0);
          list(out, t.metadata());
          return 0;
        }
        case "create-branch" -> {
          String name = args(1).get(0);
          ManageSnapshots m = t.manageSnapshots();
          (snapshotId == null ? m.createBranch(name) : m.createBranch(name, snapshotId)).commit();
          out.println("created branch " + name + " at snapshot " + t.refresh().refs().get(name).snapshotId());
        }
        case "create-tag" -> {
          String name = args(1).get(0);
          long at = snapshotId != null ? snapshotId : t.currentSnapshot().map(s -> s.snapshotId())
              .orElseThrow(() -> new InvalidInputException("snapshot", "the table has no snapshot to tag yet"));
          t.manageSnapshots().createTag(name, at).commit();
          out.println("created tag " + name + " at snapshot " + at);
        }
        case "drop" -> {
          String name = args(1).get(0);
          SnapshotRef ref = t.metadata().refs().get(name);
          ManageSnapshots m = t.manageSnapshots();
          if (ref != null && !ref.isBranch()) {
            m.removeTag(name);
          } else {
            m.removeBranch(name); // names a missing ref and refuses main with the library's message
          }
          m.commit();
          out.println("dropped " + (ref != null && !ref.isBranch() ? "tag " : "branch ") + name);
        }
        case "fast-forward" -> {
          List<String> names = args(2);
          t.manageSnapshots().fastForwardBranch(names.get(0), names.get(1)).commit();
          out.println("branch " + names.get(0) + " is now at snapshot " + t.refresh().refs().get(names.get(0)).snapshotId());
        }
        case "set-retention" -> {
          String name = args(1).get(0);
          if (minSnapshots == null && maxSnapshotAge == null && maxRefAge == null) {
            throw usage("set-retention needs --min-snapshots, --max-snapshot-age or --max-ref-age");
          }
          ManageSnapshots m = t.manageSnapshots();
          long now = System.currentTimeMillis();
          if (minSnapshots != null) {
            m.setMinSnapshotsToKeep(name, minSnapshots);
          }
          if (maxSnapshotAge != null) {
            m.setMaxSnapshotAgeMs(name, now - Durations.cutoff(maxSnapshotAge, now));
          }
          if (maxRefAge != null) {
            m.setMaxRefAgeMs(name, now - Durations.cutoff(maxRefAge, now));
          }
          m.commit();
          out.println("set retention of " + name);
        }
        default -> throw usage("unknown action '" + action + "'; expected list, create-branch, create-tag, drop,"
            + " fast-forward or set-retention");
      }
      out.flush();
    }
    return 0;
  }

  private List<String> args(int n) {
    return Actions.exactly(spec, action, args, n, "name");
  }

  private CommandLine.ParameterException usage(String message) {
    return Actions.usage(spec, message);
  }

  static void list(PrintWriter out, TableMetadata m) {
    Listing listing = new Listing(List.of("name", "type", "snapshot_id", "time", "min_snapshots_to_keep",
        "max_snapshot_age", "max_ref_age"), false, false, true, false, true, false, false);
    for (Map.Entry<String, SnapshotRef> e : new TreeMap<>(m.refs()).entrySet()) {
      SnapshotRef r = e.getValue();
      listing.add(List.of(e.getKey(), r.type().id(), String.valueOf(r.snapshotId()),
          m.snapshot(r.snapshotId()).map(s -> Instant.ofEpochMilli(s.timestampMs()).toString()).orElse(""),
          r.minSnapshotsToKeep().map(String::valueOf).orElse(""),
          r.maxSnapshotAgeMs().map(RefCommand::age).orElse(""),
          r.maxRefAgeMs().map(RefCommand::age).orElse("")));
    }
    listing.print(out, ListFormat.TABLE);
  }

  private static String age(long ms) {
    return Duration.ofMillis(ms).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
