package dev.floe.compaction;

import dev.floe.catalog.StorageCatalog;
import dev.floe.table.Table;

/**
 * A separate JVM that compacts the test table and may be killed at any moment:
 * {@code warehouse strategy}. Prints {@code planned <groups>}, {@code rows} as rows are written
 * and {@code finished <group> <status>} per group, then {@code done}.
 */
public final class CompactorMain {
  public static void main(String[] args) {
    try (StorageCatalog catalog = Tables.catalog(java.nio.file.Path.of(args[0]))) {
      Table table = catalog.loadTable(Tables.ID);
      Compaction.rewriteDataFiles(table)
          .strategy(Strategy.parse(args[1], args[1].equals("sort") ? "id desc" : null,
              args[1].equals("zorder") ? "amount,ratio" : null))
          .maxConcurrentGroups(2)
          .listener(new CompactionListener() {
            @Override
            public void planned(CompactionPlan plan) {
              say("planned " + plan.groups().size());
            }

            @Override
            public void rowsWritten(FileGroup group, long rows) {
              say("rows " + group.id() + " " + rows);
            }

            @Override
            public void groupFinished(GroupResult result) {
              say("finished " + result.group().id() + " " + result.status());
            }
          })
          .execute();
      say("done");
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
