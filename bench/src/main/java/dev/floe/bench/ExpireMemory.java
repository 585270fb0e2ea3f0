package dev.floe.bench;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.expressions.Expressions;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.CleanupReport;
import dev.floe.table.FileKind;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the heap snapshot expiration needs on a long-lived table (issue 6: memory bounded by
 * a manifest, not by the history). Not a test: run it by hand, with a small heap for the expire
 * step, e.g.
 *
 * <pre>
 * java -cp "$CP" dev.floe.bench.ExpireMemory build /tmp/expire-wh 10000
 * java -Xmx64m -cp "$CP" dev.floe.bench.ExpireMemory expire /tmp/expire-wh [--dry-run]
 * </pre>
 *
 * {@code build} makes a table of that many commits: each appends one small data file, and every
 * tenth also deletes the file appended ten commits before (so expiry has data files to remove).
 * {@code expire} expires all but the last 10 snapshots and prints the heap high-water mark (the
 * sum of the heap pools' peak usage, reset after loading the table), the time and what it deleted.
 */
public final class ExpireMemory {
  private static final TableIdentifier ID = TableIdentifier.parse("db.history");
  private static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "batch", Types.INT),
      NestedField.optional(3, "note", Types.STRING));

  private ExpireMemory() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ExpireMemory build DIR SNAPSHOTS | ExpireMemory expire DIR");
      System.exit(2);
    }
    if (args[0].equals("build")) {
      build(args[1], Integer.parseInt(args[2]));
    } else {
      expire(args[1], args.length > 2 && args[2].equals("--dry-run"));
    }
  }

  private static void build(String dir, int snapshots) {
    long start = System.nanoTime();
    try (StorageCatalog catalog = StorageCatalog.open(dir, Map.of())) {
      Table table = catalog.createTable(ID, SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      for (int c = 0; c < snapshots; c++) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          rows.add(Record.of(SCHEMA.asStruct(), c * 10L + i, c, "row " + i));
        }
        if (c % 10 == 9) {
          // replaces the batch of ten commits ago: the old file leaves the table
          table.newOverwrite().overwriteWhere(Expressions.equal("batch", c - 9)).appendRecords(rows).commit();
        } else {
          table.newAppend().appendRecords(rows).commit();
        }
        if ((c + 1) % 1000 == 0) {
          System.out.printf(Locale.ROOT, "%d commits, %.0f s%n", c + 1, (System.nanoTime() - start) / 1e9);
        }
      }
      System.out.println("snapshots in history: " + table.history().allSnapshots().size()
          + ", inline: " + table.refresh().snapshots().size());
    }
  }

  private static void expire(String dir, boolean dryRun) {
    try (StorageCatalog catalog = StorageCatalog.open(dir, Map.of())) {
      Table table = catalog.loadTable(ID);
      int before = table.history().allSnapshots().size();
      System.gc();
      List<MemoryPoolMXBean> heap = new ArrayList<>();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
          heap.add(p);
        }
      }
      long start = System.nanoTime();
      var expire = table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(10);
      CleanupReport r = (dryRun ? expire.dryRun() : expire).commit();
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean p : heap) {
        peak += p.getPeakUsage().getUsed();
      }
      System.out.printf(Locale.ROOT, "%ssnapshots before %d, expired %d, left %d%n", dryRun ? "(dry run) " : "", before,
          r.expiredSnapshots().size(), table.history().allSnapshots().size());
      System.out.printf(Locale.ROOT, "deleted: %d data files, %d manifests, %d manifest lists, %.1f MiB%n",
          r.count(FileKind.DATA), r.count(FileKind.MANIFEST), r.count(FileKind.MANIFEST_LIST),
          r.totalBytes() / 1048576.0);
      System.out.printf(Locale.ROOT, "expire took %.1f s; heap high-water mark %.1f MiB (max heap %.0f MiB)%n",
          seconds, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
  }
}
