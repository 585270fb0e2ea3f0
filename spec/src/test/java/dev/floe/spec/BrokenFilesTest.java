package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.floe.spec.SpecValidator.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliberately broken variants of the example files: each must be rejected, for the right reason. */
class BrokenFilesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path METADATA = SpecValidator.specDir().resolve("examples/metadata");
  private static final String TABLE = "v4.metadata.json";
  private static final String LIST = "snap-7210385927461035320-c41d8e27-6b3a-4f19-9e5d-2a7c0b8f4e13.json";
  private static final String MANIFEST = "9f0c3a52-7d1e-4b8a-a1f3-2c6e5d4b7a90-m0.json";
  private static final String ARCHIVED = "v8.metadata.json";
  private static final String HISTORY = "history-6b2f0e4d-93a1-4c7e-8f25-d04b1a7c3e96.json";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        // table metadata: shape
        broken("table-uuid missing", Kind.TABLE_METADATA, TABLE, remove("/table-uuid"), "table-uuid"),
        broken("floe.format-version missing", Kind.TABLE_METADATA, TABLE,
            remove("/properties/floe.format-version"), "floe.format-version"),
        broken("unsupported floe.format-version", Kind.TABLE_METADATA, TABLE,
            set("/properties/floe.format-version", TextNode.valueOf("2")), "floe.format-version"),
        broken("Iceberg format-version 1", Kind.TABLE_METADATA, TABLE,
            set("/format-version", IntNode.valueOf(1)), "format-version"),
        broken("snapshot id as a string", Kind.TABLE_METADATA, TABLE,
            set("/snapshots/0/snapshot-id", TextNode.valueOf("4183920574610292615")), "snapshot-id"),
        broken("snapshot id beyond 64 bits", Kind.TABLE_METADATA, TABLE,
            set("/snapshots/0/snapshot-id", BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(63))), "snapshot-id"),
        broken("unknown operation", Kind.TABLE_METADATA, TABLE,
            set("/snapshots/1/summary/operation", TextNode.valueOf("merge")), "operation"),
        broken("writer id without writer sequence", Kind.TABLE_METADATA, TABLE,
            remove("/snapshots/0/summary/floe.writer-sequence"), "floe.writer-sequence"),
        broken("writer sequence not a number", Kind.TABLE_METADATA, TABLE,
            set("/snapshots/0/summary/floe.writer-sequence", TextNode.valueOf("-3")), "floe.writer-sequence"),
        broken("summary without total-records", Kind.TABLE_METADATA, TABLE,
            remove("/snapshots/1/summary/total-records"), "total-records"),
        broken("misspelled top-level field", Kind.TABLE_METADATA, TABLE,
            set("/last-updated", LongNode.valueOf(1L)), "last-updated"),
        broken("main is a tag", Kind.TABLE_METADATA, TABLE,
            set("/refs/main/type", TextNode.valueOf("tag")), "main"),
        broken("current snapshot without a main ref", Kind.TABLE_METADATA, TABLE, remove("/refs/main"), "main"),
        broken("bucket without a count", Kind.TABLE_METADATA, TABLE,
            set("/partition-specs/0/fields/2/transform", TextNode.valueOf("bucket")), "transform"),
        broken("decimal precision above 38", Kind.TABLE_METADATA, TABLE,
            set("/schemas/1/fields/3/type", TextNode.valueOf("decimal(39, 2)")), "type"),
        broken("retry count not a number", Kind.TABLE_METADATA, TABLE,
            set("/properties/commit.retry.num-retries", TextNode.valueOf("ten")), "commit.retry.num-retries"),
        broken("property value not a string", Kind.TABLE_METADATA, TABLE,
            set("/properties/owner", IntNode.valueOf(7)), "owner"),
        // table metadata: cross-field rules
        broken("current snapshot does not exist", Kind.TABLE_METADATA, TABLE,
            set("/current-snapshot-id", LongNode.valueOf(42L)).andThen(set("/refs/main/snapshot-id", LongNode.valueOf(42L))),
            "no snapshot with id 42"),
        broken("main disagrees with current snapshot", Kind.TABLE_METADATA, TABLE,
            set("/refs/main/snapshot-id", LongNode.valueOf(4183920574610292615L)), "differs from current-snapshot-id"),
        broken("current schema does not exist", Kind.TABLE_METADATA, TABLE,
            set("/current-schema-id", IntNode.valueOf(7)), "no schema with id 7"),
        broken("field id reused", Kind.TABLE_METADATA, TABLE,
            set("/schemas/1/fields/10/id", IntNode.valueOf(3)), "used twice"),
        broken("field id above last-column-id", Kind.TABLE_METADATA, TABLE,
            set("/last-column-id", IntNode.valueOf(15)), "above last-column-id"),
        broken("partition field id above last-partition-id", Kind.TABLE_METADATA, TABLE,
            set("/last-partition-id", IntNode.valueOf(1001)), "above last-partition-id"),
        broken("snapshot log goes back in time", Kind.TABLE_METADATA, TABLE,
            set("/snapshot-log/1/timestamp-ms", LongNode.valueOf(1L)), "must not decrease"),
        broken("history location that is not a history file", Kind.TABLE_METADATA, ARCHIVED,
            set("/properties/floe.history.location", TextNode.valueOf("s3://warehouse/sales/orders/metadata/v7.metadata.json")),
            "floe.history.location"),
        broken("inline limit below two", Kind.TABLE_METADATA, ARCHIVED,
            set("/properties/floe.history.max-inline-snapshots", TextNode.valueOf("1")),
            "floe.history.max-inline-snapshots"),
        broken("merge factor not a number", Kind.TABLE_METADATA, TABLE,
            set("/properties/commit.manifest.merge-factor", TextNode.valueOf("sixteen")), "commit.manifest.merge-factor"),
        // history file: shape (the snapshot shape is shared with table metadata)
        broken("history without format marker", Kind.HISTORY, HISTORY, remove("/format"), "format"),
        broken("history with a manifest's format marker", Kind.HISTORY, HISTORY,
            set("/format", TextNode.valueOf("floe-manifest")), "format"),
        broken("unsupported history version", Kind.HISTORY, HISTORY,
            set("/format-version", IntNode.valueOf(2)), "format-version"),
        broken("history without writer-sequences", Kind.HISTORY, HISTORY, remove("/writer-sequences"),
            "writer-sequences"),
        broken("negative writer sequence", Kind.HISTORY, HISTORY,
            set("/writer-sequences/orders-ingest", IntNode.valueOf(-1)), "orders-ingest"),
        broken("writer sequence as a string", Kind.HISTORY, HISTORY,
            set("/writer-sequences/orders-ingest", TextNode.valueOf("42")), "orders-ingest"),
        broken("previous that is not a history file", Kind.HISTORY, HISTORY,
            set("/previous", TextNode.valueOf("s3://warehouse/sales/orders/metadata/v4.metadata.json")), "previous"),
        broken("archived snapshot with a misspelled field", Kind.HISTORY, HISTORY,
            set("/snapshots/1/parent-id", LongNode.valueOf(4183920574610292615L)), "parent-id"),
        broken("archived snapshot without summary totals", Kind.HISTORY, HISTORY,
            remove("/snapshots/2/summary/total-records"), "total-records"),
        // history file: cross-field rules
        broken("archived snapshot twice", Kind.HISTORY, HISTORY,
            set("/snapshots/2/snapshot-id", LongNode.valueOf(7210385927461035320L)), "appears twice"),
        broken("log entry naming a snapshot of another file", Kind.HISTORY, HISTORY,
            set("/snapshot-log/2/snapshot-id", LongNode.valueOf(2960457183306715482L)),
            "no snapshot of this history file with id 2960457183306715482"),
        broken("archived log goes back in time", Kind.HISTORY, HISTORY,
            set("/snapshot-log/2/timestamp-ms", LongNode.valueOf(1L)), "must not decrease"),
        broken("writer sequence below an archived key", Kind.HISTORY, HISTORY,
            set("/writer-sequences/orders-ingest", IntNode.valueOf(41)), "is below the sequence 42"),
        broken("writer of an archived key missing", Kind.HISTORY, HISTORY,
            set("/writer-sequences", NODES.objectNode().put("orders-backfill", 3)), "no entry for writer 'orders-ingest'"),
        // manifest list
        broken("manifest-length missing", Kind.MANIFEST_LIST, LIST,
            remove("/manifests/0/manifest-length"), "manifest-length"),
        broken("negative file count", Kind.MANIFEST_LIST, LIST,
            set("/manifests/0/added-files-count", IntNode.valueOf(-1)), "added-files-count"),
        broken("wrong format marker", Kind.MANIFEST_LIST, LIST,
            set("/format", TextNode.valueOf("floe-manifest")), "format"),
        broken("delete manifests are not v1", Kind.MANIFEST_LIST, LIST,
            set("/manifests/0/content", TextNode.valueOf("deletes")), "content"),
        broken("partition summary without contains-null", Kind.MANIFEST_LIST, LIST,
            remove("/manifests/0/partitions/0/contains-null"), "contains-null"),
        broken("min sequence number above sequence number", Kind.MANIFEST_LIST, LIST,
            set("/manifests/1/min-sequence-number", IntNode.valueOf(2)), "min-sequence-number"),
        // manifest
        broken("unknown status", Kind.MANIFEST, MANIFEST,
            set("/entries/0/status", TextNode.valueOf("removed")), "status"),
        broken("existing entry without its sequence number", Kind.MANIFEST, MANIFEST,
            remove("/entries/2/sequence-number"), "sequence-number"),
        broken("deleted entry without its snapshot id", Kind.MANIFEST, MANIFEST,
            remove("/entries/3/snapshot-id"), "snapshot-id"),
        broken("record count as a string", Kind.MANIFEST, MANIFEST,
            set("/entries/0/data-file/record-count", TextNode.valueOf("800")), "record-count"),
        broken("column stats without field id", Kind.MANIFEST, MANIFEST,
            remove("/entries/0/data-file/column-stats/0/field-id"), "field-id"),
        broken("bound that is not a single value", Kind.MANIFEST, MANIFEST,
            set("/entries/0/data-file/column-stats/0/lower-bound", NODES.objectNode().put("long", 1)),
            "lower-bound"),
        broken("data file format other than parquet", Kind.MANIFEST, MANIFEST,
            set("/entries/0/data-file/file-format", TextNode.valueOf("orc")), "file-format"),
        broken("misspelled data file field", Kind.MANIFEST, MANIFEST,
            set("/entries/0/data-file/file_path", TextNode.valueOf("s3://x/y.parquet")), "file_path"),
        broken("unsupported manifest version", Kind.MANIFEST, MANIFEST,
            set("/format-version", IntNode.valueOf(2)), "format-version"),
        broken("partition tuples of different widths", Kind.MANIFEST, MANIFEST,
            edit("/entries/1/data-file/partition", n -> ((ArrayNode) n).remove(2)), "partition"),
        broken("two stats for one column", Kind.MANIFEST, MANIFEST,
            set("/entries/0/data-file/column-stats/1/field-id", IntNode.valueOf(1)), "appears twice"),
        broken("a file live twice", Kind.MANIFEST, MANIFEST,
            set("/entries/1/data-file/file-path", TextNode.valueOf(
                "s3://warehouse/sales/orders/data/order_ts_day=2026-01-02/status=shipped/customer_id_bucket=3/"
                    + "0d3c7a61-2f4e-4b9d-8c5a-91e7f2b4d6a8.parquet")), "live in two entries"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void brokenVariantIsRejected(String description, Kind kind, byte[] json, String expected) {
    assertThat(SpecValidator.validate(kind, json)).as(description)
        .isNotEmpty()
        .anyMatch(error -> error.contains(expected));
    assertThatThrownBy(() -> SpecValidator.assertValid(kind, json)).isInstanceOf(AssertionError.class);
  }

  @Test
  void unparsableJsonIsAnErrorNotAnException() {
    assertThat(SpecValidator.validate(Kind.MANIFEST, "{\"format\": ".getBytes(StandardCharsets.UTF_8)))
        .singleElement().asString().startsWith("$: not valid JSON");
    assertThat(SpecValidator.validate(Kind.MANIFEST, new byte[0])).containsExactly("$: empty document");
  }

  @Test
  void duplicateKeysAreRejected() {
    byte[] json = "{\"format\": \"floe-manifest\", \"format\": \"floe-manifest\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(SpecValidator.validate(Kind.MANIFEST, json)).singleElement().asString().contains("Duplicate");
  }

  @Test
  void addedEntriesMayInheritSnapshotIdAndSequenceNumbers() {
    byte[] json = mutated(MANIFEST, remove("/entries/1/snapshot-id")
        .andThen(remove("/entries/1/sequence-number"))
        .andThen(remove("/entries/1/file-sequence-number")));

    assertThat(SpecValidator.validate(Kind.MANIFEST, json)).isEmpty();
  }

  @Test
  void summaryCountsOtherThanTotalsMayBeOmittedWhenZero() {
    byte[] json = mutated(TABLE, remove("/snapshots/0/summary/deleted-data-files")
        .andThen(remove("/snapshots/0/summary/deleted-records")));

    assertThat(SpecValidator.validate(Kind.TABLE_METADATA, json)).isEmpty();
  }

  @Test
  void historyMayNameAPreviousFileAndWritersWithoutSnapshotsInIt() {
    byte[] json = mutated(HISTORY, set("/previous", TextNode.valueOf(
            "s3://warehouse/sales/orders/metadata/history-0c5d9e2a-7b41-4f3e-a6d8-5e1f2b3c4d5e.json"))
        .andThen(set("/writer-sequences", NODES.objectNode().put("orders-ingest", 42).put("orders-backfill", 3))));

    assertThat(SpecValidator.validate(Kind.HISTORY, json)).isEmpty();
  }

  @Test
  void decimalTypesMayBeWrittenWithOrWithoutASpace() {
    byte[] json = mutated(TABLE, set("/schemas/1/fields/3/type", TextNode.valueOf("decimal(12,2)")));

    assertThat(SpecValidator.validate(Kind.TABLE_METADATA, json)).isEmpty();
  }

  private static Arguments broken(String description, Kind kind, String example, Consumer<ObjectNode> mutation,
      String expected) {
    return Arguments.of(description, kind, mutated(example, mutation), expected);
  }

  private static byte[] mutated(String example, Consumer<ObjectNode> mutation) {
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(METADATA.resolve(example).toFile());
      mutation.accept(root);
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Consumer<ObjectNode> remove(String pointer) {
    JsonPointer p = JsonPointer.compile(pointer);
    return root -> {
      JsonNode parent = root.at(p.head());
      if (!(parent instanceof ObjectNode object) || object.remove(p.last().getMatchingProperty()) == null) {
        throw new IllegalArgumentException("nothing to remove at " + pointer);
      }
    };
  }

  private static Consumer<ObjectNode> set(String pointer, JsonNode value) {
    JsonPointer p = JsonPointer.compile(pointer);
    return root -> {
      JsonNode parent = root.at(p.head());
      if (parent instanceof ObjectNode object) {
        object.set(p.last().getMatchingProperty(), value);
      } else if (parent instanceof ArrayNode array && p.last().mayMatchElement()) {
        array.set(p.last().getMatchingIndex(), value);
      } else {
        throw new IllegalArgumentException("no container at " + pointer);
      }
    };
  }

  private static Consumer<ObjectNode> edit(String pointer, Consumer<JsonNode> change) {
    return root -> {
      JsonNode node = root.at(pointer);
      if (node.isMissingNode()) {
        throw new IllegalArgumentException("nothing at " + pointer);
      }
      change.accept(node);
    };
  }
}
