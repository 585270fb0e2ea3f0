package dev.floe.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestCatalog;
import dev.floe.server.TestServer;
import dev.floe.server.auth.AuthConfig;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load benchmark of the catalog server, not a timed test: N concurrent clients (each its own
 * RestCatalog, as separate processes would be) commit small appends through Floe's commit path,
 * to one shared table and to a table each, on SQLite and on PostgreSQL. Reports commits/s and
 * commit latency p50/p99 and checks that no commit is lost. Runs only when asked:
 *
 * <pre>
 * mvn -B -ntp -pl catalog-server -am verify -Drck.skip=true -Dtest=CatalogLoadBench \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfloe.bench=true [-Dfloe.bench.clients=8 -Dfloe.bench.commits=25]
 * </pre>
 *
 * The report goes to {@code catalog-server/target/catalog-load.md}.
 */
class CatalogLoadBench {
  private static final Schema SCHEMA = Schema.of(NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "v", Types.STRING));

  @TempDir
  Path dir;

  record Result(String store, String shape, int clients, int commits, double seconds, List<Long> latenciesNanos,
      long lost) {
    double commitsPerSecond() {
      return commits / seconds;
    }

    double percentileMs(double p) {
      List<Long> sorted = new ArrayList<>(latenciesNanos);
      Collections.sort(sorted);
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
  }

  @Test
  void commitsUnderConcurrency() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("floe.bench"), "run with -Dfloe.bench=true");
    int clients = Integer.getInteger("floe.bench.clients", 8);
    int commits = Integer.getInteger("floe.bench.commits", 25);
    List<Result> results = new ArrayList<>();
    for (TestServer.Store store : TestServer.Store.values()) {
      for (String shape : List.of("one table", "table per client")) {
        results.add(run(store, shape, clients, commits));
      }
    }
    StringBuilder md = new StringBuilder("| store | tables | clients | commits | commits/s | p50 ms | p99 ms | lost |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %.1f | %d |%n", r.store(), r.shape(),
          r.clients(), r.commits(), r.commitsPerSecond(), r.percentileMs(0.50), r.percentileMs(0.99), r.lost()));
    }
    System.out.println(md);
    Files.writeString(Path.of("target", "catalog-load.md"), md);
    assertThat(results).allSatisfy(r -> assertThat(r.lost()).isZero());
  }

  private Result run(TestServer.Store store, String shape, int clients, int commitsEach) throws Exception {
    Path wh = Files.createTempDirectory(dir, "wh");
    boolean shared = shape.equals("one table");
    try (TestServer server = TestServer.start(wh, AuthConfig.disabled(), store);
         RestCatalog setup = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
      setup.createNamespace(List.of("bench"), Map.of());
      for (int c = 0; c < (shared ? 1 : clients); c++) {
        setup.createTable(id(shared ? 0 : c), SCHEMA, PartitionSpec.unpartitioned(),
            Map.of("commit.retry.num-retries", "1000", "commit.retry.total-timeout-ms", "600000"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<List<Long>>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          List<Long> latencies = new ArrayList<>();
          try (RestCatalog catalog = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
            Table t = catalog.loadTable(id(shared ? 0 : client));
            for (int i = 0; i < commitsEach; i++) {
              List<Record> rows = List.of(Record.of(SCHEMA.asStruct(), (long) client * 1_000_000 + i, "x"));
              long t0 = System.nanoTime();
              t.newAppend().appendRecords(rows).commit();
              latencies.add(System.nanoTime() - t0);
            }
          }
          return latencies;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      long expected = (long) clients * commitsEach;
      long found = 0;
      for (int c = 0; c < (shared ? 1 : clients); c++) {
        found += setup.loadTable(id(shared ? 0 : c)).history().allSnapshots().size();
      }
      return new Result(store.name().toLowerCase(Locale.ROOT), shape, clients, (int) expected, seconds, all,
          expected - found);
    }
  }

  private static TableIdentifier id(int n) {
    return new TableIdentifier(List.of("bench"), "t" + n);
  }

}
