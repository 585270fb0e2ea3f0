package dev.floe.storage.s3;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.manifest.DataFile;
import dev.floe.partition.PartitionSpec;
import dev.floe.storage.s3.testing.S3TestServer;
import dev.floe.table.AppendFiles;
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
import java.util.SplittableRandom;

/**
 * Not a test: figures for the S3 FileIO next to local disk, on S3Proxy in-process (filesystem
 * backend on the same disk). A W1-like write (rows into a few files, one commit), a W3-like scan
 * (id and amount, summed), and sequential single-file appends (commit latency). Run:
 *
 * <pre>
 * mvn -B -ntp -q -pl storage-local,storage-s3 -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp-s3.txt -Dmdep.includeScope=test
 * java -Xmx4g -cp storage-s3/target/test-classes:storage-s3/target/classes:storage-local/target/classes:$(cat /tmp/cp-s3.txt) \
 *     dev.floe.storage.s3.S3Measurements [rows] [files] [commits] [rounds]
 * </pre>
 */
public final class S3Measurements {
  private static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE),
      NestedField.optional(5, "payload", Types.STRING));

  private S3Measurements() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int commits = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path local = Files.createTempDirectory("floe-measure");
    S3TestServer s3 = new S3TestServer();
    s3.beforeEach(null);
    try {
      System.out.printf("rows=%d files=%d commits=%d%n", rows, files, commits);
      for (int round = 0; round < rounds; round++) { // the first round warms up the JIT
        String label = round == 0 ? "warm-up" : "round " + round;
        run(label + " local", local.resolve("wh" + round).toString(), Map.of(), rows, files, commits);
        run(label + " s3proxy", s3.location("wh" + round), s3.properties(), rows, files, commits);
      }
    } finally {
      s3.afterEach(null);
    }
  }

  private static void run(String label, String warehouse, Map<String, String> properties, long rows, int files,
      int commits) {
    try (StorageCatalog catalog = StorageCatalog.open(warehouse, properties)) {
      Table big = catalog.createTable(TableIdentifier.parse("bench.w1"), SCHEMA, PartitionSpec.unpartitioned(),
          Map.of("write.parquet.compression-codec", "zstd"));
      long t0 = System.nanoTime();
      long bytes = write(big, rows, files);
      double writeSeconds = (System.nanoTime() - t0) / 1e9;

      long t1 = System.nanoTime();
      long scanned = 0;
      double sum = 0;
      try (CloseableIterator<Record> it = catalog.loadTable(TableIdentifier.parse("bench.w1")).newScan()
          .select("id", "amount").records()) {
        while (it.hasNext()) {
          Record r = it.next();
          sum += r.get(1) == null ? 0 : (Double) r.get(1);
          scanned++;
        }
      }
      double scanSeconds = (System.nanoTime() - t1) / 1e9;

      Table small = catalog.createTable(TableIdentifier.parse("bench.w4"), SCHEMA, PartitionSpec.unpartitioned(),
          Map.of());
      double[] latencies = new double[commits];
      for (int c = 0; c < commits; c++) {
        List<Record> batch = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
          batch.add(Record.of(SCHEMA.asStruct(), c * 10L + k, LocalDateTime.of(2026, 1, 1, 0, 0), "cat-01", 1.0, "x"));
        }
        long s = System.nanoTime();
        small.newAppend().appendRecords(batch).commit();
        latencies[c] = (System.nanoTime() - s) / 1e6;
      }
      double total = Arrays.stream(latencies).sum();
      Arrays.sort(latencies);
      System.out.printf("%-18s W1 write %,d rows %.2f s = %,.0f rows/s, %.1f MB/s (%,d bytes) | W3 scan %,d rows"
              + " %.2f s = %,.0f rows/s (sum %.0f) | %d appends: median %.1f ms, p90 %.1f ms, p99 %.1f ms,"
              + " %.1f commits/s%n",
          label, rows, writeSeconds, rows / writeSeconds, bytes / 1e6 / writeSeconds, bytes, scanned, scanSeconds,
          scanned / scanSeconds, sum, commits, latencies[commits / 2], latencies[(int) (commits * 0.9)],
          latencies[(int) (commits * 0.99)], commits / (total / 1000));
    }
  }

  private static long write(Table table, long rows, int files) {
    SplittableRandom random = new SplittableRandom(20_260_101L);
    LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
    List<DataFile> written = new ArrayList<>();
    long id = 0;
    char[] letters = new char[20];
    for (int f = 0; f < files; f++) {
      long n = rows / files + (f < rows % files ? 1 : 0);
      try (TableWriter w = table.newWriter()) {
        for (long i = 0; i < n; i++, id++) {
          for (int k = 0; k < letters.length; k++) {
            letters[k] = (char) ('a' + random.nextInt(26));
          }
          w.write(Record.of(SCHEMA.asStruct(), id, start.plusSeconds(id), "cat-" + (random.nextInt(90) + 10),
              random.nextDouble() * 1000, new String(letters)));
        }
        written.addAll(w.complete());
      }
    }
    AppendFiles append = table.newAppend();
    written.forEach(append::appendFile);
    append.commit();
    return written.stream().mapToLong(DataFile::fileSizeBytes).sum();
  }
}
