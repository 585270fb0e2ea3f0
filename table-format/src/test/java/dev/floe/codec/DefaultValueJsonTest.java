package dev.floe.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Column defaults in table metadata: written in Apache Iceberg's JSON single-value form, read
 * back to the same values, and read by Iceberg's own parser to the same values.
 */
class DefaultValueJsonTest {
  private record Case(Type.PrimitiveType type, Object external, String json) {}

  private static final List<Case> CASES = List.of(
      new Case(Types.BOOLEAN, true, "true"),
      new Case(Types.INT, -7, "-7"),
      new Case(Types.LONG, 8589934592L, "8589934592"),
      new Case(Types.FLOAT, 0.1f, "0.1"),
      new Case(Types.DOUBLE, -2.5e-10, "-2.5E-10"),
      new Case(Types.decimal(9, 2), new BigDecimal("14.20"), "\"14.20\""),
      new Case(Types.DATE, LocalDate.of(2017, 11, 16), "\"2017-11-16\""),
      new Case(Types.TIME, LocalTime.of(22, 31, 8, 123_456_000), "\"22:31:08.123456\""),
      new Case(Types.TIMESTAMP, LocalDateTime.of(2017, 11, 16, 22, 31, 8, 1000), "\"2017-11-16T22:31:08.000001\""),
      new Case(Types.TIMESTAMPTZ, OffsetDateTime.of(2017, 11, 16, 22, 31, 8, 0, ZoneOffset.UTC),
          "\"2017-11-16T22:31:08.000000+00:00\""),
      new Case(Types.STRING, "caf\u00e9 \"x\"", "\"caf\u00e9 \\\"x\\\"\""),
      new Case(Types.UUID, UUID.fromString("f79c3e09-677c-4bbd-a479-3f349cb785e7"),
          "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\""),
      new Case(Types.fixed(4), ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), "\"000102FF\""),
      new Case(Types.BINARY, ByteBuffer.wrap(new byte[] {(byte) 0xab}), "\"AB\""));

  private static TableMetadata metadataWithDefaults() {
    List<NestedField> fields = new ArrayList<>();
    fields.add(NestedField.required(1, "id", Types.LONG));
    int id = 2;
    for (Case c : CASES) {
      Object internal = Values.toInternal(c.type(), c.external());
      fields.add(new NestedField(id, "c" + id, true, c.type(), Optional.empty(), Optional.of(internal),
          Optional.of(internal)));
      id++;
    }
    Schema schema = new Schema(0, fields);
    return TableMetadata.newTable("5d3c9e1a-8f4b-4c2d-9a7e-6b1f0c3d2e4a", "file:/wh/t", schema,
        PartitionSpec.unpartitioned(), Map.of(), 1767139200000L);
  }

  @Test
  void writesIcebergsSingleValueForms() {
    String json = new String(TableMetadataJson.toJson(metadataWithDefaults()), StandardCharsets.UTF_8);
    int id = 2;
    for (Case c : CASES) {
      assertThat(json).as(c.type().toString())
          .contains("\"id\":" + id + ",\"name\":\"c" + id + "\",\"required\":true,\"type\":\"" + c.type()
              + "\",\"initial-default\":" + c.json() + ",\"write-default\":" + c.json());
      id++;
    }
  }

  @Test
  void roundTripsEveryType() {
    TableMetadata m = metadataWithDefaults();
    TableMetadata back = TableMetadataJson.fromJson("mem://v1.metadata.json", TableMetadataJson.toJson(m));
    assertThat(back.schema().sameStructure(m.schema())).isTrue();
    assertThat(back).isEqualTo(m);
  }

  @Test
  void apacheIcebergReadsTheSameDefaults() {
    String json = new String(TableMetadataJson.toJson(metadataWithDefaults()), StandardCharsets.UTF_8);
    org.apache.iceberg.Schema ice = org.apache.iceberg.TableMetadataParser.fromJson(json).schema();
    assertThat(ice.findField("c2").initialDefault()).isEqualTo(true);
    assertThat(ice.findField("c3").writeDefault()).isEqualTo(-7);
    assertThat(ice.findField("c4").initialDefault()).isEqualTo(8589934592L);
    assertThat(ice.findField("c5").initialDefault()).isEqualTo(0.1f);
    assertThat(ice.findField("c7").initialDefault()).isEqualTo(new BigDecimal("14.20"));
    // Iceberg holds dates as days and times and timestamps as microseconds, as Floe does inside
    for (int id = 8; id <= 11; id++) {
      Case c = CASES.get(id - 2);
      assertThat(ice.findField("c" + id).initialDefault()).as(c.type().toString())
          .isEqualTo(Values.toInternal(c.type(), c.external()));
    }
    assertThat(ice.findField("c12").initialDefault().toString()).isEqualTo("caf\u00e9 \"x\"");
    assertThat(ice.findField("c13").initialDefault()).isEqualTo(UUID.fromString("f79c3e09-677c-4bbd-a479-3f349cb785e7"));
    assertThat(ice.findField("c14").initialDefault()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}));
    assertThat(ice.findField("c15").writeDefault()).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) 0xab}));
  }

  @Test
  void readsDefaultsWrittenBeforeTheType() {
    String json = new String(TableMetadataJson.toJson(metadataWithDefaults()), StandardCharsets.UTF_8)
        .replace("\"type\":\"date\",\"initial-default\":\"2017-11-16\"",
            "\"initial-default\":\"2017-11-16\",\"type\":\"date\"");
    TableMetadata back = TableMetadataJson.fromJson("mem://v1.metadata.json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(back.schema().findField("c8").orElseThrow().initialDefault()).contains(Values.toInternal(Types.DATE,
        LocalDate.of(2017, 11, 16)));
  }

  @Test
  void aDefaultOfTheWrongTypeIsACorruptFileOrBadInput() {
    String json = new String(TableMetadataJson.toJson(metadataWithDefaults()), StandardCharsets.UTF_8)
        .replace("\"initial-default\":-7", "\"initial-default\":\"seven\"");
    assertThatThrownBy(() -> TableMetadataJson.fromJson("mem://v1.metadata.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptFileException.class).hasMessageContaining("initial-default");
    assertThatThrownBy(() -> new NestedField(9, "n", true, Types.INT, Optional.empty(), Optional.of("seven"),
        Optional.empty()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("n");
    assertThatThrownBy(() -> new NestedField(9, "s", false, Types.StructType.of(NestedField.optional(10, "x", Types.INT)),
        Optional.empty(), Optional.of(1), Optional.empty()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("only primitive fields");
  }
}
