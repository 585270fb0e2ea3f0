package dev.floe.commit;

import dev.floe.io.FileIO;
import dev.floe.metadata.TableMetadata;

/**
 * Where a table's metadata lives and how it is swapped atomically. Two implementations share
 * this contract: storage-only tables create the next metadata file exclusively; catalog-managed
 * tables compare-and-set a pointer in the catalog.
 */
public interface TableOperations {

  /** The metadata as of the last refresh or commit. */
  TableMetadata current();

  /** Reloads the latest committed metadata. */
  TableMetadata refresh();

  /**
   * Atomically replaces {@code base} with {@code updated}.
   *
   * @throws dev.floe.error.CommitFailedException if {@code base} is no longer current (someone
   *     else committed): the caller may refresh and retry
   * @throws dev.floe.error.CommitStateUnknownException if it cannot be told whether the swap
   *     happened; nothing written for this commit may then be deleted
   */
  void commit(TableMetadata base, TableMetadata updated);

  FileIO io();

  /**
   * The location of the metadata file {@link #current()} was read from, when the operations know
   * it. Orphan removal keeps it and everything newer; without it, it deletes no metadata file.
   */
  default java.util.Optional<String> currentMetadataLocation() {
    return java.util.Optional.empty();
  }

  /** A new location for a metadata-side file (manifest, manifest list) with this file name. */
  default String metadataLocation(String fileName) {
    return current().location() + "/metadata/" + fileName;
  }
}
