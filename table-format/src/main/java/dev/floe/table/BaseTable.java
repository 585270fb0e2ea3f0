package dev.floe.table;

import dev.floe.commit.CommitLoop;
import dev.floe.commit.CommitResult;
import dev.floe.commit.IdempotencyKey;
import dev.floe.commit.MetadataChange;
import dev.floe.commit.TableOperations;
import dev.floe.io.FileIO;
import dev.floe.metadata.TableMetadata;
import java.util.List;
import java.util.Optional;

/** A table backed by a {@link TableOperations}; every commit goes through one {@link CommitLoop}. */
public final class BaseTable implements Table, ChangeSink {
  private final String name;
  private final TableOperations ops;
  private final CommitLoop loop;

  public BaseTable(String name, TableOperations ops) {
    this(name, ops, new CommitLoop(ops, new CommitLoop.CommittedKeys() {
      public java.util.Optional<dev.floe.metadata.Snapshot> find(TableMetadata metadata, IdempotencyKey key) {
        return new History(ops.io(), metadata).findCommitted(key);
      }

      public boolean committed(TableMetadata metadata, IdempotencyKey key) {
        return new History(ops.io(), metadata).isCommitted(key);
      }
    }));
  }

  public BaseTable(String name, TableOperations ops, CommitLoop loop) {
    this.name = name;
    this.ops = ops;
    this.loop = loop;
  }

  public TableOperations operations() {
    return ops;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return ops.current().location();
  }

  @Override
  public TableMetadata metadata() {
    return ops.current();
  }

  @Override
  public TableMetadata refresh() {
    return ops.refresh();
  }

  @Override
  public FileIO io() {
    return ops.io();
  }

  @Override
  public History history() {
    return new History(ops.io(), ops.current());
  }

  @Override
  public TableScan newScan() {
    return BaseTableScan.of(ops.io(), ops.current());
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
  public RewriteManifests newRewriteManifests() {
    return new ManifestRewrite(this);
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
  public ExpireSnapshots expireSnapshots() {
    return new SnapshotExpiration(this);
  }

  @Override
  public RemoveOrphanFiles removeOrphanFiles() {
    return new OrphanFileRemoval(this);
  }

  @Override
  public UpdateProperties updateProperties() {
    return new PropertiesUpdate(this);
  }

  @Override
  public Transaction newTransaction() {
    return new BaseTransaction(ops, loop);
  }

  @Override
  public TableWriter newWriter() {
    return new TableWriter(ops.io(), ops.current());
  }

  @Override
  public CommitResult submit(MetadataChange change, Optional<IdempotencyKey> key, Runnable cleanup) {
    return loop.commit(List.of(change), key, cleanup);
  }

  @Override
  public TableMetadata current() {
    return ops.current();
  }

  @Override
  public String toString() {
    return name;
  }
}
