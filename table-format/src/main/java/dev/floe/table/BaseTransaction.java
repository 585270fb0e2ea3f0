package dev.floe.table;

import dev.floe.commit.CommitLoop;
import dev.floe.commit.CommitResult;
import dev.floe.commit.IdempotencyKey;
import dev.floe.commit.MetadataChange;
import dev.floe.commit.TableOperations;
import dev.floe.io.FileIO;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class BaseTransaction implements Transaction, ChangeSink {
  private final TableOperations ops;
  private final CommitLoop loop;
  private final List<MetadataChange> staged = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();
  private Optional<IdempotencyKey> key = Optional.empty();
  private boolean committed;

  BaseTransaction(TableOperations ops, CommitLoop loop) {
    this.ops = ops;
    this.loop = loop;
  }

  @Override
  public AppendFiles newAppend() {
    return new AppendOperation(this);
  }

  @Override
  public DeleteFiles newDelete() {
    return new DeleteOperation(this);
  }

  @Override
  public OverwriteFiles newOverwrite() {
    return new OverwriteOperation(this);
  }

  @Override
  public UpdateRows newUpdateRows() {
    return new UpdateRowsOperation(this);
  }

  @Override
  public RewriteFiles newRewrite() {
    return new RewriteOperation(this);
  }

  @Override
  public UpdateSchema updateSchema() {
    return new SchemaUpdate(this);
  }

  @Override
  public UpdatePartitionSpec updateSpec() {
    return new PartitionSpecUpdate(this);
  }

  @Override
  public ReplaceSortOrder replaceSortOrder() {
    return new SortOrderUpdate(this);
  }

  @Override
  public ManageSnapshots manageSnapshots() {
    return new SnapshotManager(this);
  }

  @Override
  public UpdateProperties updateProperties() {
    return new PropertiesUpdate(this);
  }

  @Override
  public Transaction idempotencyKey(String writerId, long sequence) {
    key = Optional.of(new IdempotencyKey(writerId, sequence));
    return this;
  }

  /** Stages the change; the result reports the staged state, not a commit (attempts = 0). */
  @Override
  public CommitResult submit(MetadataChange change, Optional<IdempotencyKey> opKey, Runnable cleanup) {
    if (committed) {
      throw new IllegalStateException("the transaction was already committed");
    }
    if (opKey.isPresent()) {
      key = opKey;
    }
    staged.add(change);
    cleanups.add(cleanup);
    return new CommitResult(ops.current(), Optional.empty(), 0, false);
  }

  @Override
  public CommitResult commitTransaction() {
    if (committed) {
      throw new IllegalStateException("the transaction was already committed");
    }
    committed = true;
    return loop.commit(List.copyOf(staged), key, () -> cleanups.forEach(Runnable::run));
  }

  @Override
  public TableMetadata current() {
    return ops.current();
  }

  @Override
  public FileIO io() {
    return ops.io();
  }
}
