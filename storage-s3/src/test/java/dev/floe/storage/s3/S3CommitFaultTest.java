package dev.floe.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.FloeException;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.storage.s3.testing.FaultProxy;
import dev.floe.storage.s3.testing.FaultProxy.Fault;
import dev.floe.storage.s3.testing.FaultProxy.Request;
import dev.floe.storage.s3.testing.S3TestServer;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Table commits on S3 while the network and the server misbehave. Whatever happens, each commit
 * either took effect once or not at all: a commit reported as done is in the table exactly once,
 * a commit reported as failed is not in it, one reported as unknown is in it at most once; no
 * row is duplicated, no snapshot points at a missing file, and the table reads afterwards.
 */
class S3CommitFaultTest {
  private static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "note", Types.STRING));
  private static final TableIdentifier ID = TableIdentifier.parse("db.events");
  private static final int COMMITS = 12;
  private static final int ROWS = 5;

  /** One kind of trouble each, on a seeded share of the requests it concerns. */
  enum Trouble {
    THROTTLING(FaultProxy.SLOW_DOWN, r -> true, 0.25),
    SERVER_ERRORS(FaultProxy.INTERNAL_ERROR, r -> true, 0.15),
    RESETS_MID_UPLOAD(new FaultProxy.ResetAfterBodyBytes(100), r -> r.method().equals("PUT"), 0.3),
    LOST_COMMIT_ANSWERS(new FaultProxy.DropResponse(), Request::isConditionalPut, 0.5),
    STALLED_COMMIT_ANSWERS(new FaultProxy.StallResponse(), Request::isConditionalPut, 0.3),
    DELAYED_COMMIT_DUPLICATES(new FaultProxy.DeliverLater(), Request::isConditionalPut, 0.3),
    SLOW_RESPONSES(new FaultProxy.DelayResponse(40), r -> true, 0.3);

    final Fault fault;
    final Predicate<Request> where;
    final double share;

    Trouble(Fault fault, Predicate<Request> where, double share) {
      this.fault = fault;
      this.where = where;
      this.share = share;
    }
  }

  private enum Outcome { COMMITTED, FAILED, UNKNOWN }

  @RegisterExtension final S3TestServer s3 = new S3TestServer();
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    proxy = new FaultProxy(s3.endpoint());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
  }

  private Map<String, String> faultyStorage() {
    Map<String, String> p = new HashMap<>(s3.properties(proxy.endpoint()));
    p.put("s3.retry.min-wait-ms", "1");
    p.put("s3.retry.max-wait-ms", "20");
    p.put("http-client.apache.socket-timeout-ms", "1000");
    return p;
  }

  @ParameterizedTest
  @EnumSource(Trouble.class)
  void everyCommitTakesEffectOnceOrNotAtAll(Trouble trouble) {
    String warehouse = s3.location("wh");
    try (StorageCatalog clean = StorageCatalog.open(warehouse, s3.properties())) {
      clean.createTable(ID, SCHEMA, PartitionSpec.unpartitioned(), Map.of());
    }

    List<Outcome> outcomes = new ArrayList<>();
    List<Long> reportedSnapshots = new ArrayList<>();
    FaultProxy.Rule rule = proxy.injectRandomly(trouble.fault, trouble.where, trouble.share, trouble.ordinal());
    try (StorageCatalog catalog = StorageCatalog.open(warehouse, faultyStorage())) {
      for (int c = 0; c < COMMITS; c++) {
        try {
          Table table = catalog.loadTable(ID);
          CommitResult r = table.newAppend().appendRecords(rows(c)).commit();
          outcomes.add(Outcome.COMMITTED);
          reportedSnapshots.add(r.snapshot().orElseThrow().snapshotId());
        } catch (CommitStateUnknownException e) {
          outcomes.add(Outcome.UNKNOWN);
        } catch (FloeException e) {
          outcomes.add(Outcome.FAILED);
        }
      }
    }
    proxy.clear();
    assertThat(rule.applied()).as("faults injected").isPositive();
    assertThat(outcomes).as("outcomes %s", outcomes).contains(Outcome.COMMITTED);

    try (StorageCatalog clean = StorageCatalog.open(warehouse, s3.properties())) {
      Table table = clean.loadTable(ID);
      Map<Long, Long> timesById = ids(table).stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
      assertThat(timesById.values()).as("no row twice").allMatch(n -> n == 1);
      int landed = 0;
      for (int c = 0; c < COMMITS; c++) {
        boolean present = timesById.containsKey(c * 1000L);
        for (int k = 0; k < ROWS; k++) {
          assertThat(timesById.containsKey(c * 1000L + k)).as("commit %s is whole or absent", c).isEqualTo(present);
        }
        switch (outcomes.get(c)) {
          case COMMITTED -> assertThat(present).as("commit %s reported done", c).isTrue();
          case FAILED -> assertThat(present).as("commit %s reported failed", c).isFalse();
          case UNKNOWN -> { } // either is right; the point is that it was not applied twice
        }
        landed += present ? 1 : 0;
      }
      List<Snapshot> snapshots = table.history().allSnapshots();
      assertThat(snapshots).hasSize(landed);
      assertThat(snapshots).extracting(Snapshot::snapshotId).containsAll(reportedSnapshots);
      for (Snapshot s : snapshots) {
        assertThat(table.io().newInputFile(s.manifestList()).exists()).isTrue();
        for (FileScanTask task : table.newScan().useSnapshot(s.snapshotId()).planFiles()) {
          assertThat(table.io().newInputFile(task.file().path()).exists()).as(task.file().path()).isTrue();
        }
      }
    }
  }

  @Test
  void aCommitWhoseCheckAfterTheCreateFailsIsUnknownNotFailed() {
    String warehouse = s3.location("wh");
    try (StorageCatalog clean = StorageCatalog.open(warehouse, s3.properties())) {
      clean.createTable(ID, SCHEMA, PartitionSpec.unpartitioned(), Map.of());
    }
    // once version 2 has been created, asking whether the base (version 1) still exists fails
    Predicate<Request> createdV2 = r -> r.isConditionalPut() && r.path().endsWith("/v2.metadata.json");
    proxy.inject(FaultProxy.INTERNAL_ERROR, r -> r.method().equals("HEAD") && r.path().endsWith("/v1.metadata.json")
        && proxy.count(createdV2) > 0, FaultProxy.FOREVER);

    try (StorageCatalog catalog = StorageCatalog.open(warehouse, faultyStorage())) {
      Table table = catalog.loadTable(ID);
      assertThatThrownBy(() -> table.newAppend().appendRecords(rows(0)).commit())
          .isInstanceOf(CommitStateUnknownException.class).hasMessageContaining("base version 1");
    }
    proxy.clear();
    try (StorageCatalog clean = StorageCatalog.open(warehouse, s3.properties())) {
      Table table = clean.loadTable(ID);
      assertThat(ids(table)).as("the commit did land, and nothing it wrote was cleaned up").hasSize(ROWS);
    }
  }

  private static List<Record> rows(int commit) {
    List<Record> rows = new ArrayList<>();
    for (int k = 0; k < ROWS; k++) {
      rows.add(Record.of(SCHEMA.asStruct(), commit * 1000L + k, "commit " + commit));
    }
    return rows;
  }

  private static List<Long> ids(Table table) {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterator<Record> it = table.newScan().select("id").records()) {
      it.forEachRemaining(r -> ids.add((Long) r.get(0)));
    }
    return ids;
  }
}
