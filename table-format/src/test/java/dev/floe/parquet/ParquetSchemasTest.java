package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetSchemasTest {
  @Test
  void everyTypeMapsToTheIcebergCompatibleParquetType() {
    Schema schema = Schema.of(
        required(1, "b", Types.BOOLEAN),
        optional(2, "i", Types.INT),
        optional(3, "l", Types.LONG),
        optional(4, "f", Types.FLOAT),
        optional(5, "d", Types.DOUBLE),
        optional(6, "d9", Types.decimal(9, 2)),
        optional(7, "d10", Types.decimal(10, 0)),
        optional(8, "d18", Types.decimal(18, 3)),
        optional(9, "d19", Types.decimal(19, 4)),
        optional(10, "d38", Types.decimal(38, 10)),
        optional(11, "day", Types.DATE),
        optional(12, "t", Types.TIME),
        optional(13, "ts", Types.TIMESTAMP),
        optional(14, "tstz", Types.TIMESTAMPTZ),
        optional(15, "s", Types.STRING),
        optional(16, "u", Types.UUID),
        optional(17, "bin", Types.BINARY),
        optional(18, "fx", Types.fixed(3)),
        required(19, "st", Types.StructType.of(optional(20, "x", Types.INT))),
        optional(21, "tags", new Types.ListType(22, Types.STRING, false)),
        optional(23, "m", new Types.MapType(24, Types.STRING, 25, Types.LONG, true)));

    String expected = "message table {\n"
        + "  required boolean b = 1;\n"
        + "  optional int32 i = 2;\n"
        + "  optional int64 l = 3;\n"
        + "  optional float f = 4;\n"
        + "  optional double d = 5;\n"
        + "  optional int32 d9 (DECIMAL(9,2)) = 6;\n"
        + "  optional int64 d10 (DECIMAL(10,0)) = 7;\n"
        + "  optional int64 d18 (DECIMAL(18,3)) = 8;\n"
        + "  optional fixed_len_byte_array(9) d19 (DECIMAL(19,4)) = 9;\n"
        + "  optional fixed_len_byte_array(16) d38 (DECIMAL(38,10)) = 10;\n"
        + "  optional int32 day (DATE) = 11;\n"
        + "  optional int64 t (TIME(MICROS,false)) = 12;\n"
        + "  optional int64 ts (TIMESTAMP(MICROS,false)) = 13;\n"
        + "  optional int64 tstz (TIMESTAMP(MICROS,true)) = 14;\n"
        + "  optional binary s (STRING) = 15;\n"
        + "  optional fixed_len_byte_array(16) u (UUID) = 16;\n"
        + "  optional binary bin = 17;\n"
        + "  optional fixed_len_byte_array(3) fx = 18;\n"
        + "  required group st = 19 {\n"
        + "    optional int32 x = 20;\n"
        + "  }\n"
        + "  optional group tags (LIST) = 21 {\n"
        + "    repeated group list {\n"
        + "      optional binary element (STRING) = 22;\n"
        + "    }\n"
        + "  }\n"
        + "  optional group m (MAP) = 23 {\n"
        + "    repeated group key_value {\n"
        + "      required binary key (STRING) = 24;\n"
        + "      required int64 value = 25;\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    assertThat(ParquetSchemas.toParquet(schema).toString())
        .isEqualTo(MessageTypeParser.parseMessageType(expected).toString());
  }

  @Test
  void decimalFixedWidthIsTheMinimalByteCount() {
    // 10^p - 1 must fit in a signed integer of n bytes
    assertThat(ParquetSchemas.decimalBytes(19)).isEqualTo(9);
    assertThat(ParquetSchemas.decimalBytes(20)).isEqualTo(9);
    assertThat(ParquetSchemas.decimalBytes(21)).isEqualTo(9);
    assertThat(ParquetSchemas.decimalBytes(22)).isEqualTo(10);
    assertThat(ParquetSchemas.decimalBytes(38)).isEqualTo(16);
  }

  @Test
  void footerOfAFloeFileGivesBackTheSchemaWithItsIds() {
    InMemoryFileIO io = new InMemoryFileIO();
    Schema schema = ParquetRoundTripTest.ALL_TYPES;
    ParquetTestFiles.write(io, "mem:/s.parquet", schema, List.of(ParquetRoundTripTest.full1()), Map.of());
    ParquetFooter footer = ParquetFooter.read(io.newInputFile("mem:/s.parquet"));
    assertThat(footer.schema()).hasValueSatisfying(s -> assertThat(s.sameStructure(schema)).isTrue());
  }
}
