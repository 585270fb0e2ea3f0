package dev.floe.it;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.table.Table;
import java.util.HashMap;
import java.util.Map;

/**
 * A separate JVM that appends to a table:
 * {@code warehouse table workerId count rowsPerCommit [key=value ...]}, the pairs being storage
 * properties. Worker w's k-th append holds ids [(w * 1,000,000 + k * rowsPerCommit), ... +
 * rowsPerCommit). After each commit it prints {@code committed <k> <snapshot-id>}; count -1 means
 * forever.
 */
public final class AppendWorker {
  public static void main(String[] args) {
    String warehouse = args[0];
    TableIdentifier id = TableIdentifier.parse(args[1]);
    int worker = Integer.parseInt(args[2]);
    long count = Long.parseLong(args[3]);
    int rowsPerCommit = Integer.parseInt(args[4]);
    Map<String, String> properties = new HashMap<>();
    for (int i = 5; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      properties.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (StorageCatalog catalog = StorageCatalog.open(warehouse, properties)) {
      Table table = catalog.loadTable(id);
      System.out.println("ready");
      System.out.flush();
      for (long k = 0; count < 0 || k < count; k++) {
        long first = worker * 1_000_000L + k * rowsPerCommit;
        CommitResult r = table.newAppend().appendRecords(Events.rows(first, first + rowsPerCommit)).commit();
        System.out.println("committed " + k + " " + r.snapshot().orElseThrow().snapshotId());
        System.out.flush();
      }
    }
    System.out.println("done");
    System.out.flush();
  }
}
