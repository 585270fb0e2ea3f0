package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.partition.PartitionSpec;

/**
 * Changes how new data is partitioned, in one commit (partition evolution). Files already
 * written keep the spec they were written with, and planning prunes the files of every spec with
 * the filter projected through that spec's transforms. Partition field ids are never reused: a
 * field added again after removal gets a new id. Terms are written as in {@code --partition-by}:
 * {@code day(ts)}, {@code bucket(16, id)}, {@code truncate(4, name)}, {@code category}.
 *
 * <p>The commit conflicts when another partition change committed first (the default spec id or
 * the last assigned partition field id moved on).
 *
 * <pre>{@code
 * table.updateSpec().addField("day(ts)").removeField("id_bucket").commit();
 * table.updateSpec().replaceWith("day(ts), bucket(8, id)").commit();
 * }</pre>
 */
public interface UpdatePartitionSpec {
  /** Adds a partition field for the term, named by default ({@code ts_day}, {@code id_bucket}, ...). */
  UpdatePartitionSpec addField(String term);

  /** Adds a partition field for the term with this name. */
  UpdatePartitionSpec addField(String name, String term);

  /** Removes the partition field with this name, or for this term. */
  UpdatePartitionSpec removeField(String nameOrTerm);

  UpdatePartitionSpec renameField(String name, String newName);

  /**
   * Makes the spec exactly these terms (blank: unpartitioned). A term the current spec already
   * has keeps its field id and name.
   */
  UpdatePartitionSpec replaceWith(String terms);

  /** The spec the changes so far give (its spec id is assigned at commit). */
  PartitionSpec apply();

  CommitResult commit();
}
