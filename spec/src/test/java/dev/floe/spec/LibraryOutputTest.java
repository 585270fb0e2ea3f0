package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every metadata file the library writes validates against spec/schemas and the spec's invariants. */
class LibraryOutputTest {
  @TempDir Path dir;

  @Test
  void filesWrittenByTheLibraryValidate() throws Exception {
    Schema schema = Schema.of(
        NestedField.required(1, "id", Types.LONG),
        NestedField.optional(2, "ts", Types.TIMESTAMP),
        NestedField.optional(3, "tstz", Types.TIMESTAMPTZ),
        NestedField.optional(4, "day", Types.DATE),
        NestedField.optional(5, "at", Types.TIME),
        NestedField.optional(6, "name", Types.STRING),
        NestedField.optional(7, "price", Types.decimal(9, 2)),
        NestedField.optional(8, "ratio", Types.FLOAT),
        NestedField.optional(9, "score", Types.DOUBLE),
        NestedField.optional(10, "flag", Types.BOOLEAN),
        NestedField.optional(11, "uid", Types.UUID),
        NestedField.optional(12, "raw", Types.BINARY),
        NestedField.optional(13, "code", Types.fixed(4)),
        NestedField.optional(14, "small", Types.INT),
        NestedField.optional(15, "tags", new Types.ListType(16, Types.STRING, false)),
        NestedField.optional(17, "attrs", new Types.MapType(18, Types.STRING, 19, Types.LONG, false)),
        NestedField.optional(20, "address", Types.StructType.of(
            NestedField.optional(21, "city", Types.STRING), NestedField.optional(22, "zip", Types.INT))));
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.all_types"), schema,
          PartitionSpec.parse(schema, "day(ts), bucket(8, id), truncate(3, name), identity(flag)"), Map.of());
      for (int batch = 0; batch < 3; batch++) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          long id = batch * 50L + i;
          boolean nulls = i % 7 == 0;
          rows.add(Record.of(schema.asStruct(), id,
              nulls ? null : LocalDateTime.of(2026, 1, 1, 0, 0).plusHours(id),
              OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusMinutes(id),
              LocalDate.of(2026, 1, 1).plusDays(id), LocalTime.of(1, 2).plusSeconds(id),
              nulls ? null : "name-" + id, new BigDecimal(id).movePointLeft(2),
              i % 11 == 0 ? Float.NaN : (float) id / 3, (double) id * 1.5, id % 2 == 0,
              UUID.nameUUIDFromBytes(new byte[] {(byte) id}), ByteBuffer.wrap(new byte[] {1, 2, (byte) id}),
              ByteBuffer.wrap(new byte[] {0, 0, 0, (byte) id}), (int) id,
              List.of("a", "b"), Map.of("k", id),
              Record.of((Types.StructType) schema.findField(20).orElseThrow().type(), "city-" + i, i)));
        }
        var append = table.newAppend().appendRecords(rows);
        if (batch == 1) {
          append.idempotencyKey("writer-1", 1);
        }
        append.commit();
      }
      // a manifest rewrite: its manifest list and merged manifests must validate too
      assertThat(table.newRewriteManifests().targetSizeBytes(1 << 20).commit().snapshot()).isPresent();
      table.updateProperties().set("owner", "spec-test").commit();
      // schema evolution, with defaults of every kind of primitive type
      table.updateSchema()
          .addRequiredColumn("d_bool", Types.BOOLEAN, true)
          .addRequiredColumn("d_int", Types.INT, 7)
          .addColumn("d_long", Types.LONG, 8_589_934_592L)
          .addColumn("d_float", Types.FLOAT, 0.5f)
          .addColumn("d_double", Types.DOUBLE, -1.25)
          .addColumn("d_decimal", Types.decimal(9, 2), "14.20")
          .addColumn("d_date", Types.DATE, "2026-01-31")
          .addColumn("d_time", Types.TIME, "13:45:00.000001")
          .addColumn("d_ts", Types.TIMESTAMP, "2026-01-31T13:45:00")
          .addColumn("d_tstz", Types.TIMESTAMPTZ, "2026-01-31T13:45:00Z")
          .addColumn("d_string", Types.STRING, "none")
          .addColumn("d_uuid", Types.UUID, "f79c3e09-677c-4bbd-a479-3f349cb785e7")
          .addColumn("d_fixed", Types.fixed(2), "AAE=")
          .addColumn("address", "country", Types.STRING)
          .commit();
      table.updateSchema().renameColumn("name", "label").updateColumn("small", Types.LONG)
          .updateColumn("ratio", Types.DOUBLE).moveFirst("label").commit();
      // partition evolution and a sort order; the rows after them land in sorted files of the new spec
      table.updateSpec().addField("month(tstz)").removeField("name_trunc").renameField("flag", "is_even").commit();
      table.replaceSortOrder().terms("id desc, bucket(4, uid) nulls last").commit();
      Types.StructType evolved = table.schema().asStruct();
      List<Record> later = new ArrayList<>();
      for (long id = 1000; id < 1010; id++) {
        Record.Builder b = Record.builder(evolved).set("id", id).set("d_bool", false).set("d_int", 1)
            .set("flag", id % 2 == 0).set("ts", LocalDateTime.of(2026, 2, 1, 0, 0));
        later.add(b.build());
      }
      table.newAppend().appendRecords(later).commit();
    }
    Path metadata = dir.resolve("db/all_types/metadata");
    long jsonFiles;
    try (Stream<Path> files = Files.list(metadata)) {
      jsonFiles = files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
    }
    // 9 metadata versions + 4 manifest lists + at least 4 manifests
    assertThat(jsonFiles).isGreaterThanOrEqualTo(17);
    assertThat(SpecValidator.assertTreeValid(metadata)).isEqualTo((int) jsonFiles);
  }

  @Test
  void filesWrittenByRowLevelChangesRefsAndExpiryValidate() throws Exception {
    Schema schema = Schema.of(
        NestedField.required(1, "id", Types.LONG),
        NestedField.optional(2, "name", Types.STRING));
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.changes"), schema,
          PartitionSpec.parse(schema, "bucket(2, id)"), Map.of("floe.history.max-inline-snapshots", "4"));
      for (int c = 0; c < 8; c++) {
        List<Record> rows = new ArrayList<>();
        for (long id = c * 10L; id < c * 10L + 10; id++) {
          rows.add(Record.of(schema.asStruct(), id, "n" + id));
        }
        table.newAppend().appendRecords(rows).idempotencyKey("loader", c).commit();
      }
      table.newDelete().deleteWhere(dev.floe.expressions.Expressions.lessThan("id", 15L)).commit();
      table.newUpdateRows().set("name", "x").where(dev.floe.expressions.Expressions.equal("id", 20L)).commit();
      long tagged = table.currentSnapshot().orElseThrow().snapshotId();
      table.manageSnapshots().createTag("t1", tagged).createBranch("dev").setMinSnapshotsToKeep("dev", 2)
          .setMaxRefAgeMs("t1", 86_400_000L).commit();
      table.newDelete().toBranch("dev").deleteWhere(dev.floe.expressions.Expressions.equal("id", 30L)).commit();
      table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(2).commit();
      table.newAppend().appendRecords(List.of(Record.of(schema.asStruct(), 99L, "late"))).commit();
    }
    Path metadata = dir.resolve("db/changes/metadata");
    long jsonFiles;
    try (Stream<Path> files = Files.list(metadata)) {
      jsonFiles = files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
    }
    assertThat(SpecValidator.assertTreeValid(metadata)).isEqualTo((int) jsonFiles);
  }
}
