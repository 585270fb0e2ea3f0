package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaParserTest {

  @Test
  void parsesPrimitiveColumnsWithIdsInOrder() {
    Schema s = SchemaParser.parse("id long not null, ts timestamp, category string, amount double");
    assertThat(s.columns()).containsExactly(
        NestedField.required(1, "id", Types.LONG),
        NestedField.optional(2, "ts", Types.TIMESTAMP),
        NestedField.optional(3, "category", Types.STRING),
        NestedField.optional(4, "amount", Types.DOUBLE));
  }

  @Test
  void parsesParameterizedTypesAndIgnoresCaseAndSpacing() {
    Schema s = SchemaParser.parse("  price DECIMAL( 10 , 2 ) NOT NULL,hash fixed[16] ,at timestamptz,u uuid");
    assertThat(s.columns()).containsExactly(
        NestedField.required(1, "price", Types.decimal(10, 2)),
        NestedField.optional(2, "hash", Types.fixed(16)),
        NestedField.optional(3, "at", Types.TIMESTAMPTZ),
        NestedField.optional(4, "u", Types.UUID));
  }

  @Test
  void assignsNestedIdsDepthFirst() {
    Schema s = SchemaParser.parse(
        "id int, address struct<street: string, zip: int not null>, tags list<string>, "
            + "attrs map<string, long>, last boolean");
    assertThat(s.columns()).containsExactly(
        NestedField.optional(1, "id", Types.INT),
        NestedField.optional(2, "address", new Types.StructType(List.of(
            NestedField.optional(3, "street", Types.STRING),
            NestedField.required(4, "zip", Types.INT)))),
        NestedField.optional(5, "tags", new Types.ListType(6, Types.STRING, false)),
        NestedField.optional(7, "attrs", new Types.MapType(8, Types.STRING, 9, Types.LONG, false)),
        NestedField.optional(10, "last", Types.BOOLEAN));
  }

  @Test
  void parsesNestedInsideNestedAndRequiredElements() {
    Schema s = SchemaParser.parse("events list<struct<name: string not null, at: timestamp>> not null,"
        + " m map<int, list<double not null>>");
    assertThat(s.columns()).containsExactly(
        NestedField.required(1, "events", new Types.ListType(2, new Types.StructType(List.of(
            NestedField.required(3, "name", Types.STRING),
            NestedField.optional(4, "at", Types.TIMESTAMP))), false)),
        NestedField.optional(5, "m", new Types.MapType(6, Types.INT, 7,
            new Types.ListType(8, Types.DOUBLE, true), false)));
  }

  @Test
  void acceptsQuotedNames() {
    Schema s = SchemaParser.parse("\"order id\" long, `select` string");
    assertThat(s.columns()).extracting(NestedField::name).containsExactly("order id", "select");
  }

  @Test
  void unknownTypeNamesTheColumnAndPosition() {
    assertThatThrownBy(() -> SchemaParser.parse("id long, amount dobule, x int"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column 2 ('amount')")
        .hasMessageContaining("dobule")
        .hasMessageNotContaining("\n");
  }

  @Test
  void malformedSchemasFailWithOneLineMessages() {
    List<String> bad = List.of(
        "",
        "id",
        "id long,",
        ", id long",
        "id long not",
        "id long nul",
        "id long extra",
        "s struct<a int>",
        "s struct<a: int",
        "l list<string",
        "m map<string>",
        "d decimal(10,2",
        "\"unterminated long",
        "id long, id int");
    for (String text : bad) {
      assertThatThrownBy(() -> SchemaParser.parse(text)).as(text)
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void missingTypeNamesTheColumn() {
    assertThatThrownBy(() -> SchemaParser.parse("id long, name, x int"))
        .hasMessageContaining("column 2 ('name')")
        .hasMessageContaining("expected a type");
  }
}
