package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many writers, one table: no commit may be lost. Run on local disk and on S3 by the subclasses. */
abstract class ConcurrentAppendTest {
  private static final Map<String, String> PATIENT = Map.of("commit.retry.num-retries", "1000",
      "commit.retry.min-wait-ms", "1", "commit.retry.max-wait-ms", "50",
      "commit.retry.total-timeout-ms", "600000");

  /** Where the table lives; a fresh, empty warehouse for each test. */
  abstract Warehouse warehouse();

  /** Appends by each of the eight threads. */
  int appendsPerThread() {
    return 50;
  }

  @Test
  void eightThreadsAppendingAtOnceLoseNothing() throws Exception {
    TableIdentifier id = TableIdentifier.parse("db.events");
    try (StorageCatalog catalog = warehouse().open()) {
      catalog.createTable(id, Events.SCHEMA, PartitionSpec.unpartitioned(), PATIENT);
      int threads = 8;
      int appends = appendsPerThread();
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int worker = t;
        futures.add(pool.submit(() -> {
          // Half the threads share nothing, half share one process-wide table object per thread.
          Table table = catalog.loadTable(id);
          start.await();
          for (int k = 0; k < appends; k++) {
            long first = worker * 1_000_000L + k * 3L;
            table.newAppend().appendRecords(Events.rows(first, first + 3)).commit();
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();

      Table table = catalog.loadTable(id);
      assertThat(table.history().allSnapshots()).hasSize(threads * appends);
      Set<Long> expected = new HashSet<>();
      for (int t = 0; t < threads; t++) {
        for (int k = 0; k < appends * 3; k++) {
          expected.add(t * 1_000_000L + k);
        }
      }
      List<Long> ids = TableChecks.ids(table);
      assertThat(ids).hasSize(expected.size());
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
      TableChecks.assertNothingMissing(table);
    }
  }

  @Test
  void fourProcessesAppendingAtOnceLoseNothing() throws Exception {
    TableIdentifier id = TableIdentifier.parse("db.events");
    int processes = 4;
    int appends = 15;
    try (StorageCatalog catalog = warehouse().open()) {
      catalog.createTable(id, Events.SCHEMA, PartitionSpec.unpartitioned(), PATIENT);
    }
    List<Process> children = new ArrayList<>();
    for (int w = 0; w < processes; w++) {
      children.add(Children.start(AppendWorker.class, warehouse().workerArguments(id.toString(), String.valueOf(w),
          String.valueOf(appends), "2")));
    }
    for (Process p : children) {
      List<String> lines = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      }
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as("worker output %s", lines).isZero();
      assertThat(lines).contains("done");
    }
    try (StorageCatalog catalog = warehouse().open()) {
      Table table = catalog.loadTable(id);
      assertThat(table.history().allSnapshots()).hasSize(processes * appends);
      Set<Long> expected = new HashSet<>();
      for (int w = 0; w < processes; w++) {
        for (int k = 0; k < appends * 2; k++) {
          expected.add(w * 1_000_000L + k);
        }
      }
      assertThat(new HashSet<>(TableChecks.ids(table))).isEqualTo(expected);
      assertThat(TableChecks.ids(table)).hasSize(expected.size());
    }
  }
}
