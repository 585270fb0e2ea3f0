package dev.floe.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.expressions.Expressions;
import dev.floe.table.Table;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compaction beside other writers: appends from threads and from another JVM are never lost and
 * never conflict; a delete of rows in files being rewritten wins, and its rows stay deleted;
 * keyed appends stay exactly-once after their files were compacted away.
 */
class ConcurrentCompactionTest extends OnDiskTest {
  static final int BASE_COMMITS = 12;
  static final int BASE_ROWS = 300;

  @BeforeEach
  void setUp() {
    table = Tables.create(catalog, "bucket(2, id)", Map.of("write.target-file-size-bytes", "65536"));
    Tables.appendCommits(table, BASE_COMMITS, BASE_ROWS);
  }

  private static Set<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  /** A listener that runs {@code onPlan} once planned and holds every group until {@code latch} opens. */
  private static CompactionListener groupsWaitFor(CountDownLatch latch, Runnable onPlan) {
    return new CompactionListener() {
      @Override
      public void planned(CompactionPlan plan) {
        onPlan.run();
      }

      @Override
      public void groupStarted(FileGroup group) {
        try {
          assertThat(latch.await(2, TimeUnit.MINUTES)).as("the other writer went ahead").isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** The table's ids, failing on any id seen twice. */
  private List<Long> ids(Table t) {
    t.refresh();
    List<Long> ids = new ArrayList<>();
    try (CloseableIterator<Record> it = t.newScan().select("id").records()) {
      it.forEachRemaining(r -> ids.add((Long) r.get(0)));
    }
    assertThat(new TreeSet<>(ids)).as("no row twice").hasSize(ids.size());
    return ids;
  }

  @Test
  void appendsFromThreadsDuringCompactionAreAllKeptAndNeverConflict() throws Exception {
    int threads = 2;
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> appended = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    // the groups wait until every appender committed again after the plan was made
    CountDownLatch afterPlan = new CountDownLatch(threads);
    AtomicBoolean planned = new AtomicBoolean();
    List<Thread> appenders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long first = 1_000_000L * (t + 1);
      Thread th = new Thread(() -> {
        try (StorageCatalog own = Tables.catalog(dir)) {
          Table mine = own.loadTable(Tables.ID); // another writer, with its own view of the table
          boolean counted = false;
          for (long k = 0; !stop.get(); k++) {
            long from = first + k * 50;
            mine.newAppend().appendRecords(WideRows.rows(from, from + 50)).commit();
            LongStream.range(from, from + 50).forEach(appended::add);
            if (planned.get() && !counted) {
              counted = true;
              afterPlan.countDown();
            }
          }
        } catch (Throwable e) {
          failures.add(e);
          afterPlan.countDown();
        }
      });
      appenders.add(th);
      th.start();
    }
    CompactionResult result;
    try {
      result = Compaction.rewriteDataFiles(table).maxConcurrentGroups(2)
          .listener(groupsWaitFor(afterPlan, () -> planned.set(true))).execute();
    } finally {
      stop.set(true);
      for (Thread th : appenders) {
        th.join(TimeUnit.MINUTES.toMillis(2));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(result.committedGroups()).as("%s", result.groups()).isEqualTo(result.plan().groups().size())
        .isPositive();
    Set<Long> expected = range(0, BASE_COMMITS * BASE_ROWS);
    expected.addAll(appended);
    assertThat(new TreeSet<>(ids(table))).isEqualTo(expected);
  }

  @Test
  void appendsFromAnotherProcessDuringCompactionAreAllKeptAndKeyedRetriesStayNoOps() throws Exception {
    try (ChildJvm child = new ChildJvm(AppenderMain.class, dir.toString(), "5000000", "100")) {
      assertThat(child.line()).isEqualTo("ready");
      child.await("committed 0 ");
      AtomicBoolean waited = new AtomicBoolean();
      CompactionResult result = Compaction.rewriteDataFiles(table).listener(new CompactionListener() {
        @Override
        public void groupStarted(FileGroup group) {
          // one group starts only after the other process committed on top of the plan's snapshot
          if (waited.compareAndSet(false, true)) {
            try {
              child.await("committed ");
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }
      }).execute();
      child.send("stop");
      long commits = Long.parseLong(child.await("stopped ").substring("stopped ".length()));
      assertThat(child.waitFor()).isZero();

      assertThat(result.committedGroups()).as("%s", result.groups()).isEqualTo(result.plan().groups().size());
      Set<Long> expected = range(0, BASE_COMMITS * BASE_ROWS);
      expected.addAll(range(5_000_000, 5_000_000 + commits * 100));
      assertThat(new TreeSet<>(ids(table))).isEqualTo(expected);

      // compact the other process's files too, then replay its keyed appends: all already committed
      CompactionResult second = Compaction.rewriteDataFiles(table).option(CompactionOptions.MIN_INPUT_FILES, "2")
          .execute();
      assertThat(second.rewrittenFiles()).isPositive();
      for (long k = 0; k < commits; k++) {
        long from = 5_000_000 + k * 100;
        CommitResult replay = table.newAppend().appendRecords(WideRows.rows(from, from + 100))
            .idempotencyKey("appender", k).commit();
        assertThat(replay.alreadyCommitted()).as("key %d", k).isTrue();
      }
      assertThat(new TreeSet<>(ids(table))).isEqualTo(expected);
    }
  }

  @Test
  void aDeleteCommittedBetweenAGroupsRewriteAndItsCommitWinsAndItsRowsStayDeleted() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    // the race made deterministic: the delete commits right after a group wrote its outputs
    CompactionResult result = Compaction.rewriteDataFiles(table).maxConcurrentGroups(1)
        .committer((t, inputs, outputs, from, s) -> {
          if (calls.incrementAndGet() == 1) {
            try (StorageCatalog other = Tables.catalog(dir)) {
              other.loadTable(Tables.ID).newDelete().deleteWhere(Expressions.lessThan("id", 450L)).commit();
            }
          }
          return RewriteDataFiles.TABLE_REWRITE.commit(t, inputs, outputs, from, s);
        })
        .execute();

    GroupResult first = result.groups().stream().filter(g -> g.group().id() == 1).findFirst().orElseThrow();
    assertThat(first.attempts()).as("%s", first).isEqualTo(2);
    assertThat(first.status()).isIn(GroupResult.Status.COMMITTED, GroupResult.Status.SKIPPED);
    assertThat(result.withStatus(GroupResult.Status.FAILED)).isEmpty();
    assertThat(new TreeSet<>(ids(table))).isEqualTo(range(450, BASE_COMMITS * BASE_ROWS));
  }

  @Test
  void deletesRacingCompactionFromAnotherThreadNeverBringRowsBack() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> deletedBelow = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstDelete = new CountDownLatch(1);
    Thread deleter = new Thread(() -> {
      try (StorageCatalog own = Tables.catalog(dir)) {
        Table mine = own.loadTable(Tables.ID);
        for (long below = 100; !stop.get() && below <= 3000; below += 100) {
          try {
            mine.newDelete().deleteWhere(Expressions.lessThan("id", below)).commit();
            deletedBelow.add(below);
          } catch (dev.floe.error.ValidationException conflict) {
            mine.refresh(); // a rewrite took the files first: delete again on the new files
            below -= 100;
          }
          firstDelete.countDown();
        }
      } catch (Throwable e) {
        failures.add(e);
        firstDelete.countDown();
      }
    });
    deleter.start();
    CompactionResult result;
    try {
      result = Compaction.rewriteDataFiles(table).maxConcurrentGroups(2).listener(groupsWaitFor(firstDelete, () -> { }))
          .execute();
    } finally {
      stop.set(true);
      deleter.join(TimeUnit.MINUTES.toMillis(2));
    }
    assertThat(failures).isEmpty();
    assertThat(result.withStatus(GroupResult.Status.FAILED)).as("%s", result.groups()).isEmpty();
    long deleted = deletedBelow.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(new TreeSet<>(ids(table))).isEqualTo(range(deleted, BASE_COMMITS * BASE_ROWS));
  }
}
