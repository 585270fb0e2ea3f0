package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.commit.IdempotencyKey;
import dev.floe.error.InvalidInputException;
import dev.floe.expressions.Binder;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options and the commit path shared by the operations that remove files: delete,
 * overwrite, update and rewrite. A subclass works out what to remove and add (writing rewritten
 * files first); this class states its conflict rules to the one commit loop and produces the
 * snapshot on every attempt.
 */
abstract class BaseRowLevelOperation<T> implements RowLevelOperation<T> {
  final ChangeSink sink;
  String branch = SnapshotRef.MAIN;
  private Optional<IdempotencyKey> key = Optional.empty();
  private final Map<String, String> summary = new LinkedHashMap<>();
  private Optional<Long> validateFrom = Optional.empty();
  Optional<IsolationLevel> isolation = Optional.empty();
  private boolean committed;

  BaseRowLevelOperation(ChangeSink sink) {
    this.sink = sink;
  }

  abstract T self();

  /** What the operation is called in messages. */
  abstract String name();

  @Override
  public T toBranch(String name) {
    branch = SnapshotProducer.writableBranch(sink.current(), name);
    return self();
  }

  @Override
  public T idempotencyKey(String writerId, long sequence) {
    key = Optional.of(new IdempotencyKey(writerId, sequence));
    return self();
  }

  /** Adds a string pair to the snapshot summary. */
  public T summary(String k, String v) {
    if (k.startsWith("floe.") || k.equals(Snapshot.OPERATION)) {
      throw new InvalidInputException(k, "summary key is reserved");
    }
    summary.put(k, v);
    return self();
  }

  @Override
  public T validateFromSnapshot(long snapshotId) {
    new History(sink.io(), sink.current()).snapshot(snapshotId).orElseThrow(() -> new InvalidInputException(
        "snapshot", "no snapshot " + snapshotId + " in table " + sink.current().location()));
    validateFrom = Optional.of(snapshotId);
    return self();
  }

  T isolation(IsolationLevel level) {
    isolation = Optional.of(java.util.Objects.requireNonNull(level, "level"));
    return self();
  }

  /**
   * The filter bound to the table's current schema now, so an unknown column fails at once; bound,
   * it follows its columns by field id through a concurrent rename.
   */
  Expression checked(Expression filter) {
    return Binder.bind(sink.current().schema().asStruct(), java.util.Objects.requireNonNull(filter, "filter"), false);
  }

  /**
   * A filter bound when the operation was planned, checked against a schema that may have
   * changed concurrently: still valid, or the change is a conflict.
   */
  private Expression rebound(TableMetadata fresh, TableMetadata planned, Expression filter) {
    if (fresh.currentSchemaId() == planned.currentSchemaId()) {
      return filter;
    }
    try {
      return Binder.bind(fresh.schema().asStruct(), filter, false);
    } catch (InvalidInputException e) {
      throw new dev.floe.error.ValidationException("conflict: the table's schema changed (schema "
          + planned.currentSchemaId() + " to " + fresh.currentSchemaId() + ") while this " + name()
          + " was prepared, and its filter no longer applies (" + e.getMessage() + "); plan it again", e);
    }
  }

  static Expression and(Optional<Expression> existing, Expression more) {
    return existing.map(e -> Expressions.and(e, more)).orElse(more);
  }

  void markCommitted() {
    if (committed) {
      throw new IllegalStateException("this " + name() + " was already committed");
    }
    committed = true;
  }

  /** The branch head the operation plans on; empty for a branch without a snapshot. */
  Optional<Snapshot> planningSnapshot(TableMetadata metadata) {
    return SnapshotProducer.branchHead(metadata, branch);
  }

  /**
   * What the operation changes. {@code conflictFilter}, under serializable isolation, makes a
   * concurrently added file that may hold matching rows a conflict; {@code removalHint} only
   * narrows the manifests searched for the removed files.
   */
  record Plan(String operation, List<DataFile> added, List<DataFile> removed, Optional<Expression> conflictFilter,
      Expression removalHint, Runnable cleanup) {
    Plan {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }

    boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty();
    }
  }

  /**
   * Commits the plan through the commit loop. Every attempt checks, against the refreshed table,
   * that the snapshot the operation read is still an ancestor of the branch head, that (under
   * serializable isolation) nothing since added rows the filter matches, and that every removed
   * file is still live; then writes the snapshot.
   *
   * @param read the snapshot the plan was computed on
   * @param isolationProperty the table property naming the isolation level, or null when the
   *     operation has no filter rule
   */
  CommitResult commitPlan(TableMetadata planned, Optional<Snapshot> read, Plan plan, String isolationProperty) {
    if (plan.isEmpty()) {
      plan.cleanup().run();
      return new CommitResult(planned, Optional.empty(), 0, false);
    }
    Optional<Long> start = validateFrom.isPresent() ? validateFrom : read.map(Snapshot::snapshotId);
    long startSequence = start.flatMap(id -> new History(sink.io(), planned).snapshot(id))
        .map(Snapshot::sequenceNumber).orElse(0L);
    IsolationLevel level = isolation.orElseGet(() -> isolationProperty == null ? IsolationLevel.SNAPSHOT
        : IsolationLevel.fromProperty(planned, isolationProperty));
    long snapshotId = SnapshotProducer.newSnapshotId(planned);
    SnapshotProducer.Change change = new SnapshotProducer.Change(branch, snapshotId, plan.operation(),
        plan.added(), SnapshotProducer.Removals.of(plan.removed(), plan.removalHint()), summary);
    String targetBranch = branch;
    return sink.submit((fresh, ctx) -> {
      List<Snapshot> since = Conflicts.committedSince(ctx.io(), fresh, targetBranch, start, ctx, name());
      SnapshotProducer.Change current = plan.removalHint() instanceof Expression.True ? change
          : new SnapshotProducer.Change(change.branch(), change.snapshotId(), change.operation(), change.added(),
              new SnapshotProducer.Removals(change.removals().paths(), change.removals().specIds(),
                  rebound(fresh, planned, plan.removalHint())), change.extraSummary());
      // Producing first checks that every removed file is still live: when another commit rewrote
      // one, that is the conflict to report, before any about rows that commit added.
      TableMetadata updated = SnapshotProducer.produce(fresh, ctx, current);
      if (level == IsolationLevel.SERIALIZABLE && plan.conflictFilter().isPresent()) {
        Conflicts.requireNoMatchingAppends(ctx.io(), fresh, targetBranch, since, startSequence,
            rebound(fresh, planned, plan.conflictFilter().get()), name(), isolationProperty);
      }
      return updated;
    }, key, plan.cleanup());
  }
}
