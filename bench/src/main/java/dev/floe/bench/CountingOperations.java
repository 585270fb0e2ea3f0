package dev.floe.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * Wraps HadoopTables' own operations to count the commit attempts that lose a race (Iceberg
 * retries them inside SnapshotProducer and reports nothing); behaviour is otherwise untouched.
 */
final class CountingOperations implements TableOperations {
  private final TableOperations delegate;
  private final AtomicLong conflicts;

  CountingOperations(TableOperations delegate, AtomicLong conflicts) {
    this.delegate = delegate;
    this.conflicts = conflicts;
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    try {
      delegate.commit(base, metadata);
    } catch (CommitFailedException e) {
      conflicts.incrementAndGet();
      throw e;
    }
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public EncryptionManager encryption() {
    return delegate.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return delegate.locationProvider();
  }

  @Override
  public TableOperations temp(TableMetadata uncommittedMetadata) {
    return delegate.temp(uncommittedMetadata);
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }
}
