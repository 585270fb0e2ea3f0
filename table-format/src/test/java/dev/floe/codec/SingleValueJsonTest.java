package dev.floe.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SingleValueJsonTest {

  static Stream<Arguments> valuesAndTheirJson() {
    return Stream.of(
        Arguments.of(Types.BOOLEAN, true, "true"),
        Arguments.of(Types.INT, -42, "-42"),
        Arguments.of(Types.LONG, 3051729675574597004L, "3051729675574597004"),
        Arguments.of(Types.FLOAT, 1.5f, "1.5"),
        Arguments.of(Types.FLOAT, 0.1f, "0.1"),
        Arguments.of(Types.DOUBLE, -2.25d, "-2.25"),
        Arguments.of(Types.DOUBLE, 1e300d, "1.0E300"),
        Arguments.of(Types.decimal(9, 2), new BigDecimal("12.30"), "\"12.30\""),
        Arguments.of(Types.decimal(38, 10), new BigDecimal("-1234567890123456789012345678.0123456789"),
            "\"-1234567890123456789012345678.0123456789\""),
        Arguments.of(Types.decimal(5, 0), new BigDecimal("99999"), "\"99999\""),
        Arguments.of(Types.DATE, 20454, "20454"),
        Arguments.of(Types.TIME, 45_296_000_001L, "45296000001"),
        Arguments.of(Types.TIMESTAMP, 1_767_225_600_000_000L, "1767225600000000"),
        Arguments.of(Types.TIMESTAMPTZ, -1L, "-1"),
        Arguments.of(Types.STRING, "héllo \"quoted\" \u2603", "\"héllo \\\"quoted\\\" \u2603\""),
        Arguments.of(Types.UUID, UUID.fromString("8C1E0B2A-1234-4ABC-9DEF-00112233AABB"),
            "\"8c1e0b2a-1234-4abc-9def-00112233aabb\""),
        Arguments.of(Types.BINARY, ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), "\"AAEC/w==\""),
        Arguments.of(Types.BINARY, ByteBuffer.wrap(new byte[0]), "\"\""),
        Arguments.of(Types.fixed(3), ByteBuffer.wrap(new byte[] {'a', 'b', 'c'}), "\"YWJj\""));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("valuesAndTheirJson")
  void writesTheSpecFormAndReadsItBack(Type.PrimitiveType type, Object value, String json) {
    assertThat(SingleValueJson.toJson(type, value)).isEqualTo(json);
    Object back = SingleValueJson.fromJson(type, json);
    assertThat(back).isEqualTo(value).hasSameClassAs(value);
  }

  @Test
  void nullIsJsonNull() {
    assertThat(SingleValueJson.toJson(Types.LONG, null)).isEqualTo("null");
    assertThat(SingleValueJson.fromJson(Types.UUID, "null")).isNull();
  }

  @Test
  void decimalsAreWrittenWithTheTypesScale() {
    assertThat(SingleValueJson.toJson(Types.decimal(9, 2), new BigDecimal("12.3"))).isEqualTo("\"12.30\"");
    assertThat(SingleValueJson.toJson(Types.decimal(9, 2), new BigDecimal("1E+2"))).isEqualTo("\"100.00\"");
    assertThat(SingleValueJson.fromJson(Types.decimal(9, 2), "\"7.5\"")).isEqualTo(new BigDecimal("7.50"));
    assertThatThrownBy(() -> SingleValueJson.toJson(Types.decimal(9, 2), new BigDecimal("1.234")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("decimal(9,2)");
    assertThatThrownBy(() -> SingleValueJson.toJson(Types.decimal(3, 2), new BigDecimal("12.34")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("decimal(3,2)");
  }

  @Test
  void nonFiniteFloatsAreStrings() {
    assertThat(SingleValueJson.toJson(Types.FLOAT, Float.NaN)).isEqualTo("\"NaN\"");
    assertThat(SingleValueJson.toJson(Types.DOUBLE, Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    assertThat((Float) SingleValueJson.fromJson(Types.FLOAT, "\"NaN\"")).isNaN();
    assertThat(SingleValueJson.fromJson(Types.DOUBLE, "\"Infinity\"")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void numbersReadAsWhateverTheCurrentTypeWants() {
    // a bound written while the column was int reads as long after promotion
    assertThat(SingleValueJson.fromJson(Types.LONG, "7")).isEqualTo(7L);
    assertThat(SingleValueJson.fromJson(Types.DOUBLE, "7")).isEqualTo(7.0d);
    assertThat(SingleValueJson.fromJson(Types.FLOAT, "3")).isEqualTo(3.0f);
    assertThat(SingleValueJson.toJson(Types.LONG, 7)).isEqualTo("7");
  }

  @Test
  void rejectsValuesNotInInternalRepresentation() {
    assertThatThrownBy(() -> SingleValueJson.toJson(Types.INT, 7L))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Integer");
    assertThatThrownBy(() -> SingleValueJson.toJson(Types.DATE, java.time.LocalDate.of(2026, 1, 1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("LocalDate");
    assertThatThrownBy(() -> SingleValueJson.toJson(Types.UUID, "8c1e0b2a-1234-4abc-9def-00112233aabb"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.toJson(Types.BINARY, new byte[] {1}))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rejectsJsonThatDoesNotFitTheType() {
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.INT, "\"1\"")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.INT, "1.5")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.INT, "3000000000")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.decimal(9, 2), "12.30")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.decimal(9, 2), "\"1.234\"")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.decimal(9, 2), "\"abc\"")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.UUID, "\"1-2-3-4-5\"")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.BINARY, "\"not base64!\"")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.BOOLEAN, "1")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.STRING, "[\"a\"]")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SingleValueJson.fromJson(Types.FLOAT, "1e39")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void readFromAParserNamesTheFileAndField() throws Exception {
    try (JsonParser p = new JsonFactory().createParser("{\"lower-bound\": \"x\"}")) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      assertThatThrownBy(() -> SingleValueJson.read(p, Types.LONG, "mem://t/m.json"))
          .isInstanceOf(CorruptFileException.class)
          .hasMessageStartingWith("mem://t/m.json: /lower-bound: ")
          .hasMessageContaining("long");
    }
  }
}
