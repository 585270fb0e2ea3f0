package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.NamespaceNotEmptyException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.error.NoSuchTableException;
import dev.floe.expressions.Expressions;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestCatalog;
import dev.floe.rest.RestTableOperations;
import dev.floe.server.auth.AuthConfig;
import dev.floe.table.BaseTable;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Floe's own tables through the REST catalog: the same scans and commits as the storage-only
 * catalog, history archiving and time travel across the server, and concurrent committers that
 * lose nothing. Each runs on SQLite and on a real PostgreSQL.
 */
class RestCatalogTest {
  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE));
  static final TableIdentifier ORDERS = TableIdentifier.parse("shop.orders");

  @TempDir
  Path dir;

  static List<Record> batch(int n, int from) {
    List<Record> rows = new ArrayList<>();
    LocalDateTime t0 = LocalDateTime.of(2026, 11, 1, 9, 0);
    for (int i = from; i < from + n; i++) {
      rows.add(Record.of(SCHEMA.asStruct(), (long) i, t0.plusHours(i), "cat-" + (i % 3), i * 1.5));
    }
    return rows;
  }

  private static List<String> scan(Table t) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<Record> it = t.newScan().filter(Expressions.equal("category", "cat-1")).records()) {
      it.forEachRemaining(r -> out.add(r.toString()));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * Orphan removal on a catalog-managed table: the server's metadata files ({@code
   * <version>-<uuid>.metadata.json}) that the table still reaches stay, a stray file goes, and
   * every row is still there.
   */
  @ParameterizedTest
  @EnumSource(TestServer.Store.class)
  void orphanRemovalKeepsWhatTheServerTableReaches(TestServer.Store store) throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("wh"), AuthConfig.disabled(), store);
         RestCatalog rest = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
      rest.createNamespace(List.of("shop"), Map.of());
      Table t = rest.createTable(ORDERS, SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      for (int i = 0; i < 3; i++) {
        t.newAppend().appendRecords(batch(10, i * 10)).commit();
      }
      Path stray = Path.of(java.net.URI.create(t.location().startsWith("file:") ? t.location()
          : "file:" + t.location())).resolve("data/stray.parquet");
      java.nio.file.Files.write(stray, new byte[] {1, 2, 3});
      String current = ((RestTableOperations) ((BaseTable) t).operations()).currentMetadataLocation().orElseThrow();

      var report = t.removeOrphanFiles().olderThan(System.currentTimeMillis() + 60_000).execute();

      assertThat(report.totalFiles()).isEqualTo(1);
      assertThat(report.examples(dev.floe.table.FileKind.DATA)).singleElement().asString().endsWith("stray.parquet");
      assertThat(java.nio.file.Files.exists(stray)).isFalse();
      Table reloaded = rest.loadTable(ORDERS);
      assertThat(reloaded.newScan().count()).isEqualTo(30);
      assertThat(((RestTableOperations) ((BaseTable) reloaded).operations()).currentMetadataLocation()).contains(current);
      long first = reloaded.history().allSnapshots().get(0).snapshotId();
      assertThat(reloaded.newScan().useSnapshot(first).count()).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.Store.class)
  void scansAndCommitsAgreeWithTheStorageOnlyCatalog(TestServer.Store store) {
    try (TestServer server = TestServer.start(dir.resolve("wh"), AuthConfig.disabled(), store);
         RestCatalog rest = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults());
         StorageCatalog local = StorageCatalog.open(dir.resolve("local").toString(), Map.of())) {
      rest.createNamespace(List.of("shop"), Map.of("owner", "test"));
      PartitionSpec spec = PartitionSpec.parse(SCHEMA, "day(ts)");
      Table viaServer = rest.createTable(ORDERS, SCHEMA, spec, Map.of());
      Table viaStorage = local.createTable(ORDERS, SCHEMA, spec, Map.of());
      for (int i = 0; i < 3; i++) {
        viaServer.newAppend().appendRecords(batch(20, i * 20)).commit();
        viaStorage.newAppend().appendRecords(batch(20, i * 20)).commit();
      }
      Table reloaded = rest.loadTable(ORDERS);
      assertThat(scan(reloaded)).isEqualTo(scan(viaStorage)).hasSize(20);
      assertThat(reloaded.newScan().count()).isEqualTo(60);
      long first = reloaded.history().allSnapshots().get(0).snapshotId();
      assertThat(reloaded.newScan().useSnapshot(first).count()).isEqualTo(20);
      assertThat(reloaded.location()).startsWith(server.server().warehouse());
      assertThat(((RestTableOperations) ((BaseTable) reloaded).operations()).currentMetadataLocation().orElseThrow())
          .contains("/metadata/00004-");

      assertThat(rest.listTables(List.of("shop"))).containsExactly(ORDERS);
      assertThat(rest.tableExists(ORDERS)).isTrue();
      assertThat(rest.namespaceProperties(List.of("shop"))).containsEntry("owner", "test");
      assertThatThrownBy(() -> rest.createTable(ORDERS, SCHEMA, spec, Map.of()))
          .isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(() -> rest.dropNamespace(List.of("shop"))).isInstanceOf(NamespaceNotEmptyException.class);
      assertThatThrownBy(() -> rest.createTable(TableIdentifier.parse("nowhere.t"), SCHEMA, spec, Map.of()))
          .isInstanceOf(NoSuchNamespaceException.class);

      assertThat(rest.dropTable(ORDERS, true)).isTrue();
      assertThat(rest.tableExists(ORDERS)).isFalse();
      assertThatThrownBy(() -> rest.loadTable(ORDERS)).isInstanceOf(NoSuchTableException.class);
      assertThat(rest.dropTable(ORDERS, true)).isFalse();
      assertThat(rest.dropNamespace(List.of("shop"))).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.Store.class)
  void archivedHistoryRoundTripsThroughTheServerAndTimeTravelFindsIt(TestServer.Store store) {
    try (TestServer server = TestServer.start(dir.resolve("wh"), AuthConfig.disabled(), store);
         RestCatalog rest = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
      rest.createNamespace(List.of("shop"), Map.of());
      Table t = rest.createTable(ORDERS, SCHEMA, PartitionSpec.unpartitioned(),
          Map.of(HistoryFile.MAX_INLINE_PROPERTY, "4"));
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        t.newAppend().appendRecords(batch(1, i)).commit();
        ids.add(t.currentSnapshot().orElseThrow().snapshotId());
      }
      Table reloaded = rest.loadTable(ORDERS);
      assertThat(reloaded.snapshots()).hasSizeLessThanOrEqualTo(4);
      assertThat(reloaded.properties()).containsKey(HistoryFile.LOCATION_PROPERTY);
      assertThat(reloaded.history().allSnapshots()).extracting(Snapshot::snapshotId).containsExactlyElementsOf(ids);
      assertThat(reloaded.metadata().snapshot(ids.get(0))).isEmpty();
      for (int i = 0; i < ids.size(); i++) {
        assertThat(reloaded.newScan().useSnapshot(ids.get(i)).count()).isEqualTo(i + 1);
      }
      Snapshot third = reloaded.history().snapshot(ids.get(2)).orElseThrow();
      assertThat(reloaded.newScan().asOfTime(third.timestampMs()).count()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.Store.class)
  void concurrentCommittersThroughTheServerLoseNothing(TestServer.Store store) throws Exception {
    int writers = 6;
    int commitsEach = 8;
    try (TestServer server = TestServer.start(dir.resolve("wh"), AuthConfig.disabled(), store);
         RestCatalog setup = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
      setup.createNamespace(List.of("shop"), Map.of());
      setup.createTable(ORDERS, SCHEMA, PartitionSpec.unpartitioned(), Map.of("commit.retry.num-retries", "100"));
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          // each writer its own client, as separate processes would be
          try (RestCatalog c = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
            Table t = c.loadTable(ORDERS);
            for (int i = 0; i < commitsEach; i++) {
              t.newAppend().appendRecords(batch(1, writer * 1000 + i)).commit();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      Table t = setup.loadTable(ORDERS);
      assertThat(t.newScan().count()).isEqualTo((long) writers * commitsEach);
      assertThat(t.history().allSnapshots()).hasSize(writers * commitsEach);
      assertThat(Set.copyOf(t.history().allSnapshots().stream().map(Snapshot::snapshotId).toList()))
          .hasSize(writers * commitsEach);
    }
  }
}
