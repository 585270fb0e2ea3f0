package dev.floe.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of the spec that relate one field to another and so cannot be written as JSON Schema:
 * ids that must be unique or must name something that exists, counters that bound ids. Runs only
 * on documents that already passed their schema, so it can rely on types and required fields.
 */
final class SpecInvariants {
  private SpecInvariants() {}

  static List<String> check(SpecValidator.Kind kind, JsonNode root) {
    List<String> errors = new ArrayList<>();
    switch (kind) {
      case TABLE_METADATA -> tableMetadata(root, errors);
      case MANIFEST_LIST -> manifestList(root, errors);
      case MANIFEST -> manifest(root, errors);
      case HISTORY -> history(root, errors);
      default -> throw new IllegalArgumentException(kind.name());
    }
    return errors;
  }

  private static void tableMetadata(JsonNode root, List<String> errors) {
    long lastColumnId = root.get("last-column-id").asLong();
    Set<Long> schemaIds = uniqueIds(root.get("schemas"), "schema-id", "$.schemas", errors);
    requireMember(schemaIds, root.get("current-schema-id").asLong(), "$.current-schema-id", "schema", errors);
    JsonNode schemas = root.get("schemas");
    for (int i = 0; i < schemas.size(); i++) {
      String at = "$.schemas[" + i + "]";
      Set<Long> fieldIds = new HashSet<>();
      collectFieldIds(schemas.get(i), at, fieldIds, errors);
      for (long id : fieldIds) {
        if (id > lastColumnId) {
          errors.add(at + ": field id " + id + " is above last-column-id " + lastColumnId);
        }
      }
      for (JsonNode id : schemas.get(i).path("identifier-field-ids")) {
        requireMember(fieldIds, id.asLong(), at + ".identifier-field-ids", "field", errors);
      }
    }

    long lastPartitionId = root.get("last-partition-id").asLong();
    Set<Long> specIds = uniqueIds(root.get("partition-specs"), "spec-id", "$.partition-specs", errors);
    requireMember(specIds, root.get("default-spec-id").asLong(), "$.default-spec-id", "partition spec", errors);
    JsonNode specs = root.get("partition-specs");
    for (int i = 0; i < specs.size(); i++) {
      String at = "$.partition-specs[" + i + "].fields";
      uniqueIds(specs.get(i).get("fields"), "field-id", at, errors);
      uniqueStrings(specs.get(i).get("fields"), "name", at, errors);
      for (JsonNode field : specs.get(i).get("fields")) {
        if (field.get("field-id").asLong() > lastPartitionId) {
          errors.add(at + ": partition field id " + field.get("field-id") + " is above last-partition-id "
              + lastPartitionId);
        }
      }
    }

    Set<Long> orderIds = uniqueIds(root.get("sort-orders"), "order-id", "$.sort-orders", errors);
    requireMember(orderIds, root.get("default-sort-order-id").asLong(), "$.default-sort-order-id",
        "sort order", errors);
    for (JsonNode order : root.get("sort-orders")) {
      if (order.get("order-id").asLong() == 0 && !order.get("fields").isEmpty()) {
        errors.add("$.sort-orders: order id 0 is reserved for the unsorted order and must have no fields");
      }
    }

    long lastSequenceNumber = root.get("last-sequence-number").asLong();
    Set<Long> snapshotIds = uniqueIds(root.get("snapshots"), "snapshot-id", "$.snapshots", errors);
    for (JsonNode snapshot : root.get("snapshots")) {
      if (snapshot.get("sequence-number").asLong() > lastSequenceNumber) {
        errors.add("$.snapshots: snapshot " + snapshot.get("snapshot-id") + " has sequence number "
            + snapshot.get("sequence-number") + " above last-sequence-number " + lastSequenceNumber);
      }
    }
    long current = root.get("current-snapshot-id").asLong();
    if (current != -1) {
      requireMember(snapshotIds, current, "$.current-snapshot-id", "snapshot", errors);
      long main = root.get("refs").get("main").get("snapshot-id").asLong();
      if (main != current) {
        errors.add("$.refs.main.snapshot-id: " + main + " differs from current-snapshot-id " + current);
      }
    }
    root.get("refs").properties().forEach(ref -> requireMember(snapshotIds,
        ref.getValue().get("snapshot-id").asLong(), "$.refs." + ref.getKey() + ".snapshot-id", "snapshot", errors));

    nonDecreasingLog(root.get("snapshot-log"), errors);
  }

  /**
   * A history file is self-contained: its log names only its own snapshots, and its
   * writer-sequences (cumulative over the chain) cover every idempotency key of its snapshots.
   */
  private static void history(JsonNode root, List<String> errors) {
    Set<Long> snapshotIds = uniqueIds(root.get("snapshots"), "snapshot-id", "$.snapshots", errors);
    JsonNode log = root.get("snapshot-log");
    for (int i = 0; i < log.size(); i++) {
      requireMember(snapshotIds, log.get(i).get("snapshot-id").asLong(), "$.snapshot-log[" + i + "].snapshot-id",
          "snapshot of this history file", errors);
    }
    nonDecreasingLog(log, errors);
    JsonNode writers = root.get("writer-sequences");
    for (JsonNode snapshot : root.get("snapshots")) {
      JsonNode summary = snapshot.get("summary");
      if (!summary.has("floe.writer-id")) {
        continue;
      }
      String writer = summary.get("floe.writer-id").asText();
      // the schema fixes the sequence as a decimal string; beyond 64 bits it cannot be a sequence
      BigInteger sequence = new BigInteger(summary.get("floe.writer-sequence").asText());
      if (!writers.has(writer)) {
        errors.add("$.writer-sequences: no entry for writer '" + writer + "' of snapshot "
            + snapshot.get("snapshot-id"));
      } else if (writers.get(writer).bigIntegerValue().compareTo(sequence) < 0) {
        errors.add("$.writer-sequences." + writer + ": " + writers.get(writer) + " is below the sequence "
            + sequence + " of snapshot " + snapshot.get("snapshot-id"));
      }
    }
  }

  private static void nonDecreasingLog(JsonNode log, List<String> errors) {
    long previous = Long.MIN_VALUE;
    for (JsonNode entry : log) {
      long ts = entry.get("timestamp-ms").asLong();
      if (ts < previous) {
        errors.add("$.snapshot-log: timestamps must not decrease (" + ts + " after " + previous + ")");
      }
      previous = ts;
    }
  }

  /** Every id in a schema: fields at all levels, list elements, map keys and values. */
  private static void collectFieldIds(JsonNode struct, String at, Set<Long> ids, List<String> errors) {
    JsonNode fields = struct.get("fields");
    uniqueStrings(fields, "name", at + ".fields", errors);
    for (int i = 0; i < fields.size(); i++) {
      JsonNode field = fields.get(i);
      addId(field.get("id").asLong(), at + ".fields[" + i + "]", ids, errors);
      collectTypeIds(field.get("type"), at + ".fields[" + i + "].type", ids, errors);
    }
  }

  private static void collectTypeIds(JsonNode type, String at, Set<Long> ids, List<String> errors) {
    if (!type.isObject()) {
      return;
    }
    switch (type.get("type").asText()) {
      case "struct" -> collectFieldIds(type, at, ids, errors);
      case "list" -> {
        addId(type.get("element-id").asLong(), at + ".element-id", ids, errors);
        collectTypeIds(type.get("element"), at + ".element", ids, errors);
      }
      case "map" -> {
        addId(type.get("key-id").asLong(), at + ".key-id", ids, errors);
        addId(type.get("value-id").asLong(), at + ".value-id", ids, errors);
        collectTypeIds(type.get("key"), at + ".key", ids, errors);
        collectTypeIds(type.get("value"), at + ".value", ids, errors);
      }
      default -> { }
    }
  }

  private static void addId(long id, String at, Set<Long> ids, List<String> errors) {
    if (!ids.add(id)) {
      errors.add(at + ": field id " + id + " is used twice in the schema");
    }
  }

  private static void manifestList(JsonNode root, List<String> errors) {
    long listSequence = root.get("sequence-number").asLong();
    uniqueStrings(root.get("manifests"), "manifest-path", "$.manifests", errors);
    JsonNode manifests = root.get("manifests");
    for (int i = 0; i < manifests.size(); i++) {
      JsonNode m = manifests.get(i);
      String at = "$.manifests[" + i + "]";
      long seq = m.get("sequence-number").asLong();
      if (m.get("min-sequence-number").asLong() > seq) {
        errors.add(at + ": min-sequence-number is above sequence-number");
      }
      if (seq > listSequence) {
        errors.add(at + ": sequence-number " + seq + " is above the snapshot's " + listSequence);
      }
      uniqueIds(m.path("column-stats"), "field-id", at + ".column-stats", errors);
    }
  }

  private static void manifest(JsonNode root, List<String> errors) {
    JsonNode entries = root.get("entries");
    int partitionWidth = -1;
    Set<String> livePaths = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      JsonNode file = entry.get("data-file");
      String at = "$.entries[" + i + "]";
      int width = file.get("partition").size();
      if (partitionWidth < 0) {
        partitionWidth = width;
      } else if (width != partitionWidth) {
        errors.add(at + ".data-file.partition: has " + width + " values, earlier entries have "
            + partitionWidth + " (one spec per manifest)");
      }
      uniqueIds(file.path("column-stats"), "field-id", at + ".data-file.column-stats", errors);
      if (!"deleted".equals(entry.get("status").asText()) && !livePaths.add(file.get("file-path").asText())) {
        errors.add(at + ".data-file.file-path: file is live in two entries: " + file.get("file-path").asText());
      }
      if (entry.has("sequence-number") && entry.has("file-sequence-number")
          && entry.get("sequence-number").asLong() > entry.get("file-sequence-number").asLong()) {
        errors.add(at + ": sequence-number is above file-sequence-number");
      }
    }
  }

  private static Set<Long> uniqueIds(JsonNode array, String member, String at, List<String> errors) {
    Set<Long> ids = new HashSet<>();
    for (JsonNode element : array) {
      long id = element.get(member).asLong();
      if (!ids.add(id)) {
        errors.add(at + ": " + member + " " + id + " appears twice");
      }
    }
    return ids;
  }

  private static void uniqueStrings(JsonNode array, String member, String at, List<String> errors) {
    Set<String> seen = new HashSet<>();
    for (JsonNode element : array) {
      String value = element.get(member).asText();
      if (!seen.add(value)) {
        errors.add(at + ": " + member + " '" + value + "' appears twice");
      }
    }
  }

  private static void requireMember(Set<Long> ids, long id, String at, String what, List<String> errors) {
    if (!ids.contains(id)) {
      errors.add(at + ": no " + what + " with id " + id);
    }
  }
}
