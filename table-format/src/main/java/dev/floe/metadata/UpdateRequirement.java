package dev.floe.metadata;

import dev.floe.error.CommitFailedException;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition a catalog checks against its current metadata before applying a commit's
 * {@link MetadataUpdate}s, as the Apache Iceberg REST Catalog protocol names them
 * ({@link #type()}). A failed requirement means someone else committed first: it throws
 * {@link CommitFailedException}, and the committer refreshes and tries again.
 */
public sealed interface UpdateRequirement {

  String type();

  /**
   * Checks the requirement against the table's current metadata (empty when the table does not
   * exist yet).
   *
   * @throws CommitFailedException if it does not hold
   */
  void validate(Optional<TableMetadata> current);

  private static TableMetadata existing(Optional<TableMetadata> current, UpdateRequirement r) {
    return current.orElseThrow(() -> new CommitFailedException("Requirement failed: table does not exist"));
  }

  /** The table must not exist yet. */
  record AssertCreate() implements UpdateRequirement {
    public String type() { return "assert-create"; }
    public void validate(Optional<TableMetadata> current) {
      if (current.isPresent()) {
        throw new CommitFailedException("Requirement failed: table already exists");
      }
    }
  }

  record AssertTableUuid(String uuid) implements UpdateRequirement {
    public AssertTableUuid {
      Objects.requireNonNull(uuid, "uuid");
    }
    public String type() { return "assert-table-uuid"; }
    public void validate(Optional<TableMetadata> current) {
      String actual = existing(current, this).tableUuid();
      if (!uuid.equals(actual)) {
        throw new CommitFailedException("Requirement failed: UUID does not match: expected " + uuid + " != " + actual);
      }
    }
  }

  /** The ref points at this snapshot, or (empty) does not exist. */
  record AssertRefSnapshotId(String ref, Optional<Long> snapshotId) implements UpdateRequirement {
    public AssertRefSnapshotId {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(snapshotId, "snapshotId");
    }
    public String type() { return "assert-ref-snapshot-id"; }
    public void validate(Optional<TableMetadata> current) {
      SnapshotRef actual = existing(current, this).refs().get(ref);
      if (actual == null) {
        if (snapshotId.isPresent()) {
          throw new CommitFailedException("Requirement failed: branch or tag " + ref + " is missing, expected "
              + snapshotId.get());
        }
        return;
      }
      String kind = actual.type().id();
      if (snapshotId.isEmpty()) {
        throw new CommitFailedException("Requirement failed: " + kind + " " + ref + " was created concurrently");
      }
      if (actual.snapshotId() != snapshotId.get()) {
        throw new CommitFailedException("Requirement failed: " + kind + " " + ref + " has changed: expected id "
            + snapshotId.get() + " != " + actual.snapshotId());
      }
    }
  }

  record AssertLastAssignedFieldId(int lastAssignedFieldId) implements UpdateRequirement {
    public String type() { return "assert-last-assigned-field-id"; }
    public void validate(Optional<TableMetadata> current) {
      int actual = existing(current, this).lastColumnId();
      if (actual != lastAssignedFieldId) {
        throw mismatch("last assigned field id changed", lastAssignedFieldId, actual);
      }
    }
  }

  record AssertCurrentSchemaId(int currentSchemaId) implements UpdateRequirement {
    public String type() { return "assert-current-schema-id"; }
    public void validate(Optional<TableMetadata> current) {
      int actual = existing(current, this).currentSchemaId();
      if (actual != currentSchemaId) {
        throw mismatch("current schema changed", currentSchemaId, actual);
      }
    }
  }

  record AssertLastAssignedPartitionId(int lastAssignedPartitionId) implements UpdateRequirement {
    public String type() { return "assert-last-assigned-partition-id"; }
    public void validate(Optional<TableMetadata> current) {
      int actual = existing(current, this).lastPartitionId();
      if (actual != lastAssignedPartitionId) {
        throw mismatch("last assigned partition id changed", lastAssignedPartitionId, actual);
      }
    }
  }

  record AssertDefaultSpecId(int defaultSpecId) implements UpdateRequirement {
    public String type() { return "assert-default-spec-id"; }
    public void validate(Optional<TableMetadata> current) {
      int actual = existing(current, this).defaultSpecId();
      if (actual != defaultSpecId) {
        throw mismatch("default partition spec changed", defaultSpecId, actual);
      }
    }
  }

  record AssertDefaultSortOrderId(int defaultSortOrderId) implements UpdateRequirement {
    public String type() { return "assert-default-sort-order-id"; }
    public void validate(Optional<TableMetadata> current) {
      int actual = existing(current, this).defaultSortOrderId();
      if (actual != defaultSortOrderId) {
        throw mismatch("default sort order changed", defaultSortOrderId, actual);
      }
    }
  }

  /** In the wording Iceberg's catalogs use, which clients and the REST compatibility kit expect. */
  private static CommitFailedException mismatch(String what, long expected, long actual) {
    return new CommitFailedException("Requirement failed: " + what + ": expected id " + expected + " != " + actual);
  }
}
