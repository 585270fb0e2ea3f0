package dev.floe.it;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.table.MaintenanceListener;
import dev.floe.table.Table;
import java.util.Map;

/**
 * A separate JVM that expires snapshots: {@code warehouse table}. It prints {@code ready}, then
 * {@code phase <name>} as the expiration moves on, so a test can kill it in the middle.
 */
public final class ExpireWorker {
  public static void main(String[] args) {
    try (StorageCatalog catalog = StorageCatalog.open(args[0], Map.of())) {
      Table table = catalog.loadTable(TableIdentifier.parse(args[1]));
      System.out.println("ready");
      System.out.flush();
      table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1)
          .listener(new MaintenanceListener() {
            @Override
            public void phase(String name, long total) {
              System.out.println("phase " + name);
              System.out.flush();
            }
          }).commit();
    }
    System.out.println("done");
    System.out.flush();
  }
}
