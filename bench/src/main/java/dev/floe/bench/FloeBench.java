package dev.floe.bench;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * First, Floe-only figures for workloads W1-W4 of shared/bench/WORKLOADS.md (the side-by-side
 * harness against Apache Iceberg grows here). Usage: {@code FloeBench [rows] [commits] [dir]}.
 */
public final class FloeBench {
  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE),
      NestedField.optional(5, "payload", Types.STRING));
  static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int commits = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("floe-bench");
    System.out.printf("Floe bench: rows=%,d commits=%,d dir=%s cores=%d jvm=%s maxHeap=%dMB%n", rows, commits, dir,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("bench.w1"), SCHEMA, PartitionSpec.unpartitioned(),
          Map.of("write.target-file-size-bytes", String.valueOf(estimateTargetSize(rows))));
      long t0 = System.nanoTime();
      List<DataFile> files;
      try (TableWriter w = table.newWriter()) {
        SplittableRandom random = new SplittableRandom(42);
        char[] payload = new char[20];
        String[] categories = new String[100];
        for (int c = 0; c < 100; c++) {
          categories[c] = String.format("cat-%02d", c);
        }
        for (long i = 0; i < rows; i++) {
          for (int k = 0; k < 20; k++) {
            payload[k] = (char) ('a' + random.nextInt(26));
          }
          w.write(Record.of(SCHEMA.asStruct(), i, START.plusSeconds(i),
              categories[random.nextInt(100)], random.nextDouble() * 1000, new String(payload)));
        }
        files = w.complete();
      }
      var append = table.newAppend();
      files.forEach(append::appendFile);
      append.commit();
      double w1 = seconds(t0);
      long bytes = files.stream().mapToLong(DataFile::fileSizeBytes).sum();
      System.out.printf("W1 write: %,d rows in %d files, %.1f s: %,.0f rows/s, %.1f MB/s%n", rows, files.size(), w1,
          rows / w1, bytes / 1e6 / w1);

      for (int rep = 0; rep < 3; rep++) {
        long t = System.nanoTime();
        long checksum = 0;
        long n = 0;
        try (CloseableIterator<Record> it = table.newScan().records()) {
          while (it.hasNext()) {
            Record r = it.next();
            for (int c = 0; c < r.size(); c++) {
              Object v = r.get(c);
              checksum = checksum * 31 + (v == null ? 0 : v.hashCode());
            }
            n++;
          }
        }
        double s = seconds(t);
        System.out.printf("W2 scan-all rep %d: %,.0f rows/s (%,d rows, checksum %d)%n", rep, n / s, n, checksum);
      }
      for (int rep = 0; rep < 3; rep++) {
        long t = System.nanoTime();
        double sum = 0;
        long n = 0;
        try (CloseableIterator<Record> it = table.newScan().select("id", "amount").records()) {
          while (it.hasNext()) {
            Record r = it.next();
            sum += (Double) r.get(1);
            n++;
          }
        }
        double s = seconds(t);
        System.out.printf("W3 scan-2 rep %d: %,.0f rows/s (sum %.3f)%n", rep, n / s, sum);
      }

      Table w4 = catalog.createTable(TableIdentifier.parse("bench.w4"), SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      DataFile template = files.get(0);
      double[] latencies = new double[commits];
      long start = System.nanoTime();
      for (int i = 0; i < commits; i++) {
        DataFile f = new DataFile(dir + "/registered/" + i + ".parquet", FileFormat.PARQUET, 0, PartitionData.empty(),
            1000, 50_000, Map.of(1, ColumnStats.bounds(1, (long) i * 1000, (long) i * 1000 + 999)), List.of(4L),
            OptionalInt.empty());
        long t = System.nanoTime();
        w4.newAppend().appendFile(f).commit();
        latencies[i] = (System.nanoTime() - t) / 1e6;
      }
      double total = seconds(start);
      int window = Math.min(100, commits);
      System.out.printf("W4 commit-seq: %,d commits in %.1f s: %.0f commits/s; p50 first %d: %.2f ms, last %d: %.2f ms%n",
          commits, total, commits / total, window, median(Arrays.copyOfRange(latencies, 0, window)), window,
          median(Arrays.copyOfRange(latencies, commits - window, commits)));
      System.out.println("(template file " + template.path() + ")");
    }
  }

  private static long estimateTargetSize(long rows) {
    // ~10 files for the W1 table: about 40 bytes per row compressed.
    return Math.max(1 << 20, rows * 40 / 10);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
