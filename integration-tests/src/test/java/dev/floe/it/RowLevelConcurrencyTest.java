package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.commit.CommitResult;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.partition.PartitionSpec;
import dev.floe.storage.local.LocalFileIO;
import dev.floe.table.FileScanTask;
import dev.floe.table.IsolationLevel;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row-level operations racing other writers on a real disk, in real threads. A pausing FileIO
 * stops the operation's thread in the middle of its planning (while it reads a data file to
 * rewrite) so that the other commit lands exactly between planning and commit; the outcome is
 * then the same every run. A child JVM appending while this one deletes covers processes.
 */
class RowLevelConcurrencyTest {
  private static final TableIdentifier ID = TableIdentifier.parse("db.events");

  @TempDir Path dir;

  private PausingFileIO io;
  private StorageCatalog catalog;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp() {
    io = new PausingFileIO(new LocalFileIO());
    catalog = new StorageCatalog(dir.toString(), io);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    catalog.close();
  }

  private Table create(Map<String, String> properties) {
    Table t = catalog.createTable(ID, Events.SCHEMA, PartitionSpec.unpartitioned(), properties);
    t.newAppend().appendRecords(Events.rows(0, 100)).commit();
    return t;
  }

  private static Set<Long> ids(Table table) {
    table.refresh();
    List<Long> ids = TableChecks.ids(table);
    Set<Long> set = new TreeSet<>(ids);
    assertThat(set).as("no row twice").hasSize(ids.size());
    return set;
  }

  private static Set<Long> range(long from, long to) {
    Set<Long> out = new TreeSet<>();
    LongStream.range(from, to).forEach(out::add);
    return out;
  }

  private static Set<Long> union(Set<Long> a, Set<Long> b) {
    Set<Long> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  /** What a raced operation ended with: its commit, or the exception it threw. */
  private record Outcome(CommitResult result, Throwable failure) {}

  /**
   * Runs {@code op} in its own thread, pauses it at its first data-file read (its planning),
   * runs {@code between} meanwhile, then lets it finish.
   */
  private Outcome race(java.util.concurrent.Callable<CommitResult> op, Runnable between) throws Exception {
    java.util.concurrent.CountDownLatch armed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<PausingFileIO.Pause> pause = new java.util.concurrent.atomic.AtomicReference<>();
    Future<Outcome> f = pool.submit(() -> {
      pause.set(io.pauseOnRead(Thread.currentThread(), p -> p.endsWith(".parquet")));
      armed.countDown();
      try {
        return new Outcome(op.call(), null);
      } catch (RuntimeException e) {
        return new Outcome(null, e);
      }
    });
    armed.await();
    pause.get().awaitReached();
    between.run();
    pause.get().resume();
    return f.get(2, TimeUnit.MINUTES);
  }

  @Test
  void serializableDeleteFailsWhenMatchingRowsWereAppendedMeanwhile() throws Exception {
    Table table = create(Map.of());
    Table other = catalog.loadTable(ID);

    Outcome delete = race(() -> table.newDelete().deleteWhere(Expressions.lessThan("id", 50L)).commit(),
        () -> other.newAppend().appendRecords(Events.rows(-10, 0)).commit());

    assertThat(delete.failure()).isInstanceOf(ValidationException.class).hasMessageContaining("serializable");
    // nothing deleted, nothing lost: the delete changed nothing and the append stands
    assertThat(ids(table)).isEqualTo(range(-10, 100));
    TableChecks.assertNothingMissing(table);
  }

  @Test
  void serializableDeleteSucceedsWhenTheAppendedRowsCannotMatch() throws Exception {
    Table table = create(Map.of());
    Table other = catalog.loadTable(ID);

    Outcome delete = race(() -> table.newDelete().deleteWhere(Expressions.lessThan("id", 50L)).commit(),
        () -> other.newAppend().appendRecords(Events.rows(1000, 1010)).commit());

    assertThat(delete.failure()).isNull();
    assertThat(ids(table)).isEqualTo(union(range(50, 100), range(1000, 1010)));
  }

  @Test
  void snapshotIsolationDeleteKeepsConcurrentlyAppendedMatchingRows() throws Exception {
    Table table = create(Map.of(IsolationLevel.DELETE_PROPERTY, "snapshot"));
    Table other = catalog.loadTable(ID);

    Outcome delete = race(() -> table.newDelete().deleteWhere(Expressions.lessThan("id", 50L)).commit(),
        () -> other.newAppend().appendRecords(Events.rows(-10, 0)).commit());

    assertThat(delete.failure()).isNull();
    // the delete removed what it saw; rows it could not see were committed after it read the table
    assertThat(ids(table)).isEqualTo(union(range(-10, 0), range(50, 100)));
  }

  @Test
  void updateRacingAnAppendOfMatchingRowsFailsUnderSerializable() throws Exception {
    Table table = create(Map.of());
    Table other = catalog.loadTable(ID);

    Outcome update = race(() -> table.newUpdateRows().set("category", "changed")
            .where(Expressions.lessThan("id", 50L)).commit(),
        () -> other.newAppend().appendRecords(Events.rows(-5, 0)).commit());

    assertThat(update.failure()).isInstanceOf(ValidationException.class).hasMessageContaining(IsolationLevel.UPDATE_PROPERTY);
    assertThat(ids(table)).isEqualTo(range(-5, 100));
  }

  @Test
  void twoDeletesOfTheSameFileNeverResurrectRows() throws Exception {
    Table table = create(Map.of());
    Table other = catalog.loadTable(ID);

    Outcome second = race(() -> table.newDelete().deleteWhere(Expressions.greaterThanOrEqual("id", 70L)).commit(),
        () -> other.newDelete().deleteWhere(Expressions.lessThan("id", 30L)).commit());

    // the second rewrote a file the first had already replaced: committing it would bring 0..29 back
    assertThat(second.failure()).isInstanceOf(ValidationException.class).hasMessageContaining("no longer in branch");
    assertThat(ids(table)).isEqualTo(range(30, 100));
    // run again on the current table, it applies
    table.refresh();
    table.newDelete().deleteWhere(Expressions.greaterThanOrEqual("id", 70L)).commit();
    assertThat(ids(table)).isEqualTo(range(30, 70));
  }

  @Test
  void rewriteLosesToADeleteOfItsInputs() throws Exception {
    Table table = create(Map.of());
    table.newAppend().appendRecords(Events.rows(100, 200)).commit();
    Table other = catalog.loadTable(ID);
    List<DataFile> inputs = new ArrayList<>();
    for (FileScanTask t : table.newScan().planFiles()) {
      inputs.add(t.file());
    }

    // the compaction reads its inputs (paused there) while a delete rewrites one of them
    Outcome rewrite = race(() -> {
      TableWriter w = table.newWriter();
      try (var rows = table.newScan().records()) {
        rows.forEachRemaining(w::write);
      }
      List<DataFile> outputs = w.complete();
      try {
        return table.newRewrite().rewriteFiles(inputs, outputs).commit();
      } catch (ValidationException e) {
        w.abort(); // the outputs are the caller's to delete
        throw e;
      }
    }, () -> other.newDelete().deleteWhere(Expressions.lessThan("id", 10L)).commit());

    assertThat(rewrite.failure()).isInstanceOf(ValidationException.class).hasMessageContaining("no longer in branch");
    assertThat(ids(table)).isEqualTo(range(10, 200));
  }

  @Test
  void deleteLosesToARewriteOfItsFiles() throws Exception {
    Table table = create(Map.of());
    Table other = catalog.loadTable(ID);
    List<DataFile> inputs = new ArrayList<>();
    for (FileScanTask t : other.newScan().planFiles()) {
      inputs.add(t.file());
    }
    TableWriter w = other.newWriter();
    w.writeAll(Events.rows(0, 100));
    List<DataFile> outputs = w.complete();

    Outcome delete = race(() -> table.newDelete().deleteWhere(Expressions.lessThan("id", 10L)).commit(),
        () -> other.newRewrite().rewriteFiles(inputs, outputs).commit());

    assertThat(delete.failure()).isInstanceOf(ValidationException.class);
    assertThat(ids(table)).isEqualTo(range(0, 100));
    table.refresh();
    table.newDelete().deleteWhere(Expressions.lessThan("id", 10L)).commit();
    assertThat(ids(table)).isEqualTo(range(10, 100));
  }

  @Test
  void deletesInThisProcessWhileAnotherProcessAppends() throws Exception {
    Map<String, String> patient = Map.of("commit.retry.num-retries", "1000", "commit.retry.min-wait-ms", "1",
        "commit.retry.max-wait-ms", "50", "commit.retry.total-timeout-ms", "600000");
    try (StorageCatalog local = StorageCatalog.open(dir.toString(), Map.of())) {
      local.createTable(ID, Events.SCHEMA, PartitionSpec.unpartitioned(), patient);
    }
    int commits = 12;
    int rowsPerCommit = 20;
    Process child = Children.start(AppendWorker.class, dir.toString(), ID.toString(), "1",
        String.valueOf(commits), String.valueOf(rowsPerCommit));
    Set<Long> deleted = new HashSet<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
         StorageCatalog local = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = local.loadTable(ID);
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (!line.startsWith("committed ")) {
          continue;
        }
        int k = Integer.parseInt(line.split(" ")[1]);
        if (k % 2 == 1) {
          continue;
        }
        // delete half of what that commit added, while the child keeps appending newer ids
        long first = 1_000_000L + (long) k * rowsPerCommit;
        table.refresh();
        table.newDelete().deleteWhere(Expressions.and(Expressions.greaterThanOrEqual("id", first),
            Expressions.lessThan("id", first + rowsPerCommit / 2))).commit();
        LongStream.range(first, first + rowsPerCommit / 2).forEach(deleted::add);
      }
    }
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as("worker output %s", lines).isZero();
    Set<Long> expected = range(1_000_000L, 1_000_000L + (long) commits * rowsPerCommit);
    expected.removeAll(deleted);
    try (StorageCatalog local = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = local.loadTable(ID);
      assertThat(ids(table)).isEqualTo(expected);
      TableChecks.assertNothingMissing(table);
      long deletes = table.history().allSnapshots().stream().map(Snapshot::operation)
          .filter(op -> !op.equals("append")).count();
      assertThat(deletes).isEqualTo(commits / 2);
    }
  }
}
