package dev.floe.compaction;

import dev.floe.commit.CommitResult;
import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compacts a table's data files: plans groups from the manifests, rewrites them in parallel on a
 * bounded pool, and commits each group as soon as it is rewritten, so that a failure late in a
 * long run keeps every group committed before it.
 *
 * <pre>{@code
 * CompactionResult r = Compaction.rewriteDataFiles(table)
 *     .strategy(Strategy.zOrder("lat", "lon"))
 *     .filter(Expressions.greaterThanOrEqual("ts", "2026-01-01T00:00:00"))
 *     .targetFileSizeBytes(128L << 20)
 *     .execute();
 * }</pre>
 *
 * <p>Each commit replaces exactly its group's inputs with its outputs. Appends committed meanwhile
 * never conflict. When another writer removed or rewrote some inputs first, the group's commit
 * fails with a conflict; its outputs are deleted and the group is rewritten from the inputs still
 * live (up to {@code compaction.group-retries} times), or reported as skipped.
 */
public final class RewriteDataFiles {
  /** Summary key of the snapshots compaction commits: the strategy that wrote them. */
  public static final String STRATEGY_SUMMARY = "compaction-strategy";

  static final GroupCommitter TABLE_REWRITE = (table, inputs, outputs, startingSnapshotId, strategy) ->
      table.newRewrite().rewriteFiles(inputs, outputs).validateFromSnapshot(startingSnapshotId)
          .set(STRATEGY_SUMMARY, strategy.id()).commit();

  private final Table table;
  private Strategy strategy = Strategy.binPack();
  private Expression filter = Expressions.alwaysTrue();
  private final Map<String, String> options = new LinkedHashMap<>();
  private CompactionListener listener = CompactionListener.NONE;
  private Optional<String> spillLocation = Optional.empty();
  private GroupCommitter committer = TABLE_REWRITE;

  RewriteDataFiles(Table table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  public RewriteDataFiles strategy(Strategy newStrategy) {
    this.strategy = Objects.requireNonNull(newStrategy, "strategy");
    return this;
  }

  /** Only files that may hold rows matching this filter are rewritten (whole files, all their rows). */
  public RewriteDataFiles filter(Expression expr) {
    this.filter = Expressions.and(filter, Objects.requireNonNull(expr, "filter"));
    return this;
  }

  /** Overrides a table property of {@link CompactionOptions} for this run. */
  public RewriteDataFiles option(String key, String value) {
    if (key == null || value == null) {
      throw new InvalidInputException("option", "key and value must not be null");
    }
    options.put(key, value);
    return this;
  }

  public RewriteDataFiles targetFileSizeBytes(long bytes) {
    return option(CompactionOptions.TARGET_FILE_SIZE, Long.toString(bytes));
  }

  public RewriteDataFiles maxConcurrentGroups(int groups) {
    return option(CompactionOptions.MAX_CONCURRENT_GROUPS, Integer.toString(groups));
  }

  public RewriteDataFiles listener(CompactionListener newListener) {
    this.listener = Objects.requireNonNull(newListener, "listener");
    return this;
  }

  /**
   * Where sorts that outgrow {@code compaction.sort.memory-bytes} spill their sorted runs, in the
   * table's storage (default: the table's data directory, where orphan cleanup finds runs a
   * crash left behind).
   */
  public RewriteDataFiles spillLocation(String location) {
    this.spillLocation = Optional.of(location);
    return this;
  }

  RewriteDataFiles committer(GroupCommitter newCommitter) {
    this.committer = newCommitter;
    return this;
  }

  /** What {@link #execute()} would do, from the manifests of the current snapshot; writes nothing. */
  public CompactionPlan plan() {
    return planAt(table.refresh());
  }

  private CompactionPlan planAt(TableMetadata metadata) {
    CompactionOptions resolved = CompactionOptions.resolve(metadata, options);
    return CompactionPlanner.plan(table, metadata, strategy, filter, resolved);
  }

  /** Plans, rewrites and commits group by group; returns when every group is done. */
  public CompactionResult execute() {
    long start = System.nanoTime();
    TableMetadata planned = table.refresh();
    CompactionPlan plan = planAt(planned);
    listener.planned(plan);
    RowLayout layout = RowLayout.resolve(planned, strategy);
    GroupRewriter rewriter = new GroupRewriter(table.io(), planned, layout, plan.options(),
        spillLocation.orElse(planned.property("write.data.path", planned.location() + "/data")));
    List<GroupResult> results = new ArrayList<>();
    if (!plan.isEmpty()) {
      int threads = Math.min(plan.options().maxConcurrentGroups(), plan.groups().size());
      ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory(table.name()));
      try {
        ExecutorCompletionService<GroupResult> done = new ExecutorCompletionService<>(pool);
        List<Future<GroupResult>> futures = new ArrayList<>();
        for (FileGroup g : plan.groups()) {
          futures.add(done.submit(() -> runGroup(plan, g, rewriter)));
        }
        for (int i = 0; i < futures.size(); i++) {
          GroupResult r = done.take().get();
          results.add(r);
          listener.groupFinished(r);
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
        throw new CommitFailedException("compaction of " + table.name() + " was interrupted after "
            + results.size() + " of " + plan.groups().size() + " groups; committed groups stay committed", e);
      } catch (ExecutionException e) {
        // runGroup catches everything a group can throw; an Error lands here
        pool.shutdownNow();
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw (RuntimeException) e.getCause();
      } finally {
        pool.shutdown();
      }
    }
    table.refresh();
    TableTotals after = TableTotals.of(table.newScan().planFiles());
    return new CompactionResult(plan, results, after, (System.nanoTime() - start) / 1_000_000);
  }

  private static ThreadFactory threadFactory(String tableName) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "floe-compaction-" + tableName + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Rewrites and commits one group; never throws (every outcome is a {@link GroupResult}). */
  private GroupResult runGroup(CompactionPlan plan, FileGroup planned, GroupRewriter rewriter) {
    long start = System.nanoTime();
    listener.groupStarted(planned);
    FileGroup group = planned;
    long startingSnapshot = plan.snapshotId().orElseThrow();
    for (int attempt = 1; ; attempt++) {
      List<DataFile> outputs;
      FileGroup current = group;
      try {
        outputs = rewriter.rewrite(current, rows -> listener.rowsWritten(current, rows));
      } catch (RuntimeException e) {
        return result(current, GroupResult.Status.FAILED, List.of(), Optional.empty(), attempt, start,
            "rewrite failed: " + describe(e));
      }
      try {
        CommitResult r = committer.commit(table, current.files(), outputs, startingSnapshot, plan.strategy());
        return result(current, GroupResult.Status.COMMITTED, outputs,
            r.snapshot().map(s -> s.snapshotId()), attempt, start, null);
      } catch (CommitStateUnknownException e) {
        return result(current, GroupResult.Status.UNKNOWN, outputs, Optional.empty(), attempt, start,
            "commit outcome unknown, outputs kept: " + describe(e));
      } catch (ValidationException e) {
        deleteQuietly(outputs);
        if (attempt > plan.options().groupRetries()) {
          return result(current, GroupResult.Status.SKIPPED, List.of(), Optional.empty(), attempt, start,
              "conflict: " + describe(e));
        }
        // rewrite what is still live, validated from the state it was read at
        TableMetadata fresh = table.refresh();
        startingSnapshot = fresh.currentSnapshotId().orElse(startingSnapshot);
        List<DataFile> live = stillLive(current.files());
        if (live.size() < 2) {
          return result(current, GroupResult.Status.SKIPPED, List.of(), Optional.empty(), attempt, start,
              "conflict: " + (current.files().size() - live.size()) + " of " + current.files().size()
              + " input files were removed or rewritten concurrently; " + describe(e));
        }
        group = current.withFiles(live);
      } catch (RuntimeException e) {
        deleteQuietly(outputs);
        return result(current, GroupResult.Status.FAILED, List.of(), Optional.empty(), attempt, start,
            "commit failed: " + describe(e));
      }
    }
  }

  private List<DataFile> stillLive(List<DataFile> files) {
    Set<String> live = new HashSet<>();
    for (FileScanTask t : table.newScan().planFiles()) {
      live.add(t.file().path());
    }
    return files.stream().filter(f -> live.contains(f.path())).toList();
  }

  private void deleteQuietly(List<DataFile> files) {
    for (DataFile f : files) {
      try {
        table.io().delete(f.path());
      } catch (RuntimeException ignored) {
        // unreferenced either way: orphan cleanup removes it
      }
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof FloeException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static GroupResult result(FileGroup group, GroupResult.Status status, List<DataFile> outputs,
      Optional<Long> snapshotId, int attempts, long startNanos, String message) {
    return new GroupResult(group, status, outputs, snapshotId, attempts, (System.nanoTime() - startNanos) / 1_000_000,
        Optional.ofNullable(message));
  }
}
