package dev.floe.table;

import dev.floe.io.FileIO;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Floe table: its current state and the factory of operations on it. Accessors reflect the
 * metadata as of the last {@link #refresh()} or commit through this object.
 *
 * <pre>{@code
 * Table t = catalog.loadTable(TableIdentifier.parse("db.events"));
 * t.newAppend().appendRecords(rows).commit();
 * try (var it = t.newScan().filter(Expressions.greaterThan("amount", 10)).records()) { ... }
 * }</pre>
 */
public interface Table {
  String name();

  String location();

  TableMetadata metadata();

  /** Reloads the latest committed metadata and returns it. */
  TableMetadata refresh();

  FileIO io();

  default Schema schema() {
    return metadata().schema();
  }

  default PartitionSpec spec() {
    return metadata().spec();
  }

  default Map<String, String> properties() {
    return metadata().properties();
  }

  default Optional<Snapshot> currentSnapshot() {
    return metadata().currentSnapshot();
  }

  /** The recent snapshots, kept inline in the metadata; {@link #history()} has all of them. */
  default List<Snapshot> snapshots() {
    return metadata().snapshots();
  }

  /** The table's whole history, including snapshots archived out of the metadata. */
  History history();

  TableScan newScan();

  AppendFiles newAppend();

  /** Deletes rows by filter (copy-on-write where files match in part) or whole files. */
  DeleteFiles newDelete();

  /** Replaces rows matching a filter, or named files, with new rows or files. */
  OverwriteFiles newOverwrite();

  /** Sets columns to new values in the rows a filter matches (copy-on-write). */
  UpdateRows newUpdateRows();

  /** Replaces files by others holding the same rows (compaction). */
  RewriteFiles newRewrite();

  /** Rewrites the current snapshot's manifests: merged, clustered by partition, the same files. */
  RewriteManifests newRewriteManifests();

  UpdateProperties updateProperties();

  /** Evolves the schema: add, drop, rename, move and widen columns, defaults, identifier fields. */
  UpdateSchema updateSchema();

  /** Changes how new data is partitioned (partition evolution). */
  UpdatePartitionSpec updateSpec();

  /** Sets the order writers sort rows in within files. */
  ReplaceSortOrder replaceSortOrder();

  /** Creates, moves and drops branches and tags; rolls main back. */
  ManageSnapshots manageSnapshots();

  /** Removes old snapshots and the files only they referenced. */
  ExpireSnapshots expireSnapshots();

  /** Deletes files under the table's location that no metadata refers to. */
  RemoveOrphanFiles removeOrphanFiles();

  Transaction newTransaction();

  /** A writer of records into new data files of this table; commit them with {@link #newAppend()}. */
  TableWriter newWriter();
}
