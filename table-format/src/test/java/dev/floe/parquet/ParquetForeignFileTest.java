package dev.floe.parquet;

import static dev.floe.types.Types.NestedField.optional;
import static dev.floe.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.io.InputFile;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files written by other tools: no field ids, other physical types, legacy layouts. */
class ParquetForeignFileTest {
  static final MessageType FOREIGN = MessageTypeParser.parseMessageType(
      "message spark_schema {\n"
          + "  required int32 ID;\n"
          + "  optional binary Name;\n"
          + "  optional int64 Ts (TIMESTAMP(MILLIS,true));\n"
          + "  optional int64 Tsn (TIMESTAMP(NANOS,false));\n"
          + "  optional int96 legacy;\n"
          + "  optional float ratio;\n"
          + "  optional group Tags (LIST) {\n"
          + "    repeated binary array (STRING);\n"
          + "  }\n"
          + "  optional int32 small (INTEGER(16,true));\n"
          + "}");

  private final InMemoryFileIO io = new InMemoryFileIO();
  private InputFile file;

  @BeforeEach
  void writeForeignFile() throws Exception {
    // parquet-java's example writer stands in for a foreign tool
    SimpleGroupFactory groups = new SimpleGroupFactory(FOREIGN);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new ParquetIO.Output(io.newOutputFile("mem:/f.parquet")))
        .withType(FOREIGN).withConf(new Configuration(false)).build()) {
      Group g = groups.newGroup()
          .append("ID", 7)
          .append("Name", Binary.fromString("seven"))
          .append("Ts", 1_500L) // 1.5 s after the epoch
          .append("Tsn", 2_000_001_999L) // 2.000001999 s
          .append("legacy", new NanoTime(2_440_589, 3_600_000_000_123L)) // 1970-01-02T01:00:00.000000123
          .append("ratio", 0.25f)
          .append("small", -3);
      Group tags = g.addGroup("Tags");
      tags.append("array", "x");
      tags.append("array", "y");
      w.write(g);
      w.write(groups.newGroup().append("ID", 8));
    }
    file = io.newInputFile("mem:/f.parquet");
  }

  @Test
  void readByNameMatchesColumnsIgnoringCaseAndConvertsTypes() {
    Schema target = Schema.of(
        required(1, "id", Types.LONG),
        optional(2, "name", Types.STRING),
        optional(3, "ts", Types.TIMESTAMPTZ),
        optional(4, "tsn", Types.TIMESTAMP),
        optional(5, "legacy", Types.TIMESTAMPTZ),
        optional(6, "ratio", Types.DOUBLE),
        optional(7, "tags", new Types.ListType(8, Types.STRING, true)),
        optional(9, "small", Types.INT),
        optional(10, "extra", Types.STRING));

    List<Record> read = ParquetTestFiles.drain(ParquetRecordReader.readByName(file, target));

    assertThat(read).containsExactly(
        Record.of(target.asStruct(), 7L, "seven",
            OffsetDateTime.of(1970, 1, 1, 0, 0, 1, 500_000_000, ZoneOffset.UTC),
            LocalDateTime.of(1970, 1, 1, 0, 0, 2, 1_000),
            OffsetDateTime.of(1970, 1, 2, 1, 0, 0, 0, ZoneOffset.UTC),
            0.25d, List.of("x", "y"), -3, null),
        Record.of(target.asStruct(), 8L, null, null, null, null, null, null, null, null));
  }

  @Test
  void readByNameRejectsIncompatibleAndMissingRequiredColumns() {
    Schema wrongType = Schema.of(required(1, "id", Types.LONG), optional(2, "ratio", Types.INT));
    assertThatThrownBy(() -> ParquetRecordReader.readByName(file, wrongType))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("ratio"));

    Schema missing = Schema.of(required(1, "id", Types.LONG), required(2, "gone", Types.STRING));
    assertThatThrownBy(() -> ParquetRecordReader.readByName(file, missing))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("gone"));
  }

  @Test
  void inferSchemaAssignsIdsAndMapsTypes() {
    Schema inferred = ParquetRecordReader.inferSchema(file);
    assertThat(inferred.columns()).containsExactly(
        required(1, "ID", Types.INT),
        optional(2, "Name", Types.BINARY),
        optional(3, "Ts", Types.TIMESTAMPTZ),
        optional(4, "Tsn", Types.TIMESTAMP),
        optional(5, "legacy", Types.TIMESTAMPTZ),
        optional(6, "ratio", Types.FLOAT),
        optional(7, "Tags", new Types.ListType(9, Types.STRING, true)),
        optional(8, "small", Types.INT));
  }

  @Test
  void footerOfAFileWithoutIdsHasNoSchemaAndNoStatsByFieldId() {
    ParquetFooter footer = ParquetFooter.read(file);
    assertThat(footer.schema()).isEmpty();
    assertThat(footer.recordCount()).isEqualTo(2);
    assertThat(footer.rowGroups().get(0).columnStats()).isEmpty();
    assertThat(footer.createdBy()).isPresent();
  }
}
