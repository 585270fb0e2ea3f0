package dev.floe.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static final UUID ID = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

  /** One external sample per type, with its internal form worked out by hand. */
  private static final List<Object[]> SAMPLES = List.of(
      new Object[] {Types.BOOLEAN, true, true},
      new Object[] {Types.INT, -7, -7},
      new Object[] {Types.LONG, 1L << 40, 1L << 40},
      new Object[] {Types.FLOAT, 1.5f, 1.5f},
      new Object[] {Types.DOUBLE, -0.25, -0.25},
      new Object[] {Types.decimal(9, 2), new BigDecimal("12.30"), new BigDecimal("12.30")},
      new Object[] {Types.DATE, LocalDate.of(2026, 1, 1), 20454},
      new Object[] {Types.DATE, LocalDate.of(1969, 12, 31), -1},
      new Object[] {Types.TIME, LocalTime.of(0, 0, 1, 500_000), 1_000_500L},
      new Object[] {Types.TIMESTAMP, LocalDateTime.of(2026, 1, 1, 0, 0), 20454L * 86_400_000_000L},
      new Object[] {Types.TIMESTAMP, LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), -1L},
      new Object[] {Types.TIMESTAMPTZ, OffsetDateTime.of(1970, 1, 1, 0, 0, 1, 0, ZoneOffset.UTC), 1_000_000L},
      new Object[] {Types.STRING, "héllo ☃", "héllo ☃"},
      new Object[] {Types.UUID, ID, ID},
      new Object[] {Types.BINARY, ByteBuffer.wrap(new byte[] {0, -1, 7}), ByteBuffer.wrap(new byte[] {0, -1, 7})},
      new Object[] {Types.fixed(2), ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {1, 2})});

  @Test
  void externalAndInternalFormsConvertBothWaysForEveryType() {
    for (Object[] s : SAMPLES) {
      Type.PrimitiveType type = (Type.PrimitiveType) s[0];
      assertThat(Values.toInternal(type, s[1])).as("toInternal %s", type).isEqualTo(s[2]);
      assertThat(Values.toExternal(type, s[2])).as("toExternal %s", type).isEqualTo(s[1]);
    }
  }

  @Test
  void textFormsRoundTripForEveryType() {
    for (Object[] s : SAMPLES) {
      Type.PrimitiveType type = (Type.PrimitiveType) s[0];
      String text = Values.toDisplayString(type, s[1]);
      assertThat(Values.parse(type, text, "col")).as("%s via '%s'", type, text).isEqualTo(s[1]);
    }
  }

  @Test
  void nullStaysNull() {
    for (Object[] s : SAMPLES) {
      Type.PrimitiveType type = (Type.PrimitiveType) s[0];
      assertThat(Values.toInternal(type, null)).isNull();
      assertThat(Values.toExternal(type, null)).isNull();
      assertThat(Values.toDisplayString(type, null)).isEmpty();
      assertThat(Values.parse(type, null, "c")).isNull();
    }
    assertThat(Values.parse(Types.LONG, "", "c")).isNull();
    assertThat(Values.parse(Types.STRING, "", "c")).isEqualTo("");
  }

  @Test
  void displayStringsAreIsoPlainAndBase64() {
    assertThat(Values.toDisplayString(Types.decimal(38, 10), new BigDecimal("1E-10"))).isEqualTo("0.0000000001");
    assertThat(Values.toDisplayString(Types.TIME, LocalTime.of(10, 15))).isEqualTo("10:15:00");
    assertThat(Values.toDisplayString(Types.TIMESTAMP, LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6000)))
        .isEqualTo("2026-01-02T03:04:05.000006");
    assertThat(Values.toDisplayString(Types.TIMESTAMPTZ,
        OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)))).isEqualTo("2026-01-02T01:04:05Z");
    assertThat(Values.toDisplayString(Types.BINARY, ByteBuffer.wrap(new byte[] {(byte) 0xfb, (byte) 0xff})))
        .isEqualTo("+/8=");
    assertThat(Values.toDisplayString(Types.UUID, ID)).isEqualTo("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
  }

  @Test
  void displayDoesNotMoveTheBufferPosition() {
    ByteBuffer b = ByteBuffer.wrap(new byte[] {1, 2, 3});
    Values.toDisplayString(Types.BINARY, b);
    assertThat(b.remaining()).isEqualTo(3);
  }

  @Test
  void timestampsBeforeTheEpochFloorToMicros() {
    // 1969-12-31T23:59:59.9999995 is 0.5 micros before the epoch: floor gives -1
    LocalDateTime t = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500);
    assertThat(Values.toInternal(Types.TIMESTAMP, t)).isEqualTo(-1L);
    assertThat(Values.toExternal(Types.TIMESTAMP, -1_500_000L))
        .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 58, 500_000_000));
  }

  @Test
  void timestamptzAcceptsAnyOffsetAndInstants() {
    OffsetDateTime plusTwo = OffsetDateTime.of(1970, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2));
    assertThat(Values.toInternal(Types.TIMESTAMPTZ, plusTwo)).isEqualTo(0L);
    assertThat(Values.toInternal(Types.TIMESTAMPTZ, Instant.ofEpochSecond(3))).isEqualTo(3_000_000L);
  }

  @Test
  void toInternalRejectsTheWrongJavaClass() {
    assertThatThrownBy(() -> Values.toInternal(Types.DATE, 5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("LocalDate").hasMessageContaining("date");
    assertThatThrownBy(() -> Values.toInternal(Types.TIMESTAMP, OffsetDateTime.now()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Values.toInternal(Types.fixed(3), ByteBuffer.wrap(new byte[2])))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("3 bytes");
    assertThatThrownBy(() -> Values.toInternal(Types.decimal(4, 2), new BigDecimal("123.45")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 digits");
  }

  @Test
  void toInternalWidensSafely() {
    assertThat(Values.toInternal(Types.LONG, 5)).isEqualTo(5L);
    assertThat(Values.toInternal(Types.DOUBLE, 1.5f)).isEqualTo(1.5);
    assertThat(Values.toInternal(Types.decimal(9, 2), new BigDecimal("12.5"))).isEqualTo(new BigDecimal("12.50"));
    assertThat(Values.toExternal(Types.LONG, 5)).isEqualTo(5L);
  }

  // ---------------------------------------------------------------- literals

  @Test
  void literalsConvertToTheColumnsInternalForm() {
    Map<Object[], Object> cases = Map.ofEntries(
        Map.entry(new Object[] {Types.LONG, 5}, 5L),
        Map.entry(new Object[] {Types.LONG, "12"}, 12L),
        Map.entry(new Object[] {Types.LONG, new BigDecimal("3.00")}, 3L),
        Map.entry(new Object[] {Types.INT, 5L}, 5),
        Map.entry(new Object[] {Types.INT, 5.0}, 5),
        Map.entry(new Object[] {Types.DOUBLE, 10}, 10.0),
        Map.entry(new Object[] {Types.DOUBLE, new BigDecimal("0.1")}, 0.1),
        Map.entry(new Object[] {Types.FLOAT, 0.1}, 0.1f),
        Map.entry(new Object[] {Types.decimal(9, 2), "12.5"}, new BigDecimal("12.50")),
        Map.entry(new Object[] {Types.decimal(9, 2), 12.5}, new BigDecimal("12.50")),
        Map.entry(new Object[] {Types.decimal(9, 2), 7}, new BigDecimal("7.00")),
        Map.entry(new Object[] {Types.DATE, "2026-01-01"}, 20454),
        Map.entry(new Object[] {Types.DATE, LocalDate.of(1970, 1, 2)}, 1),
        Map.entry(new Object[] {Types.TIME, "00:00:01"}, 1_000_000L),
        Map.entry(new Object[] {Types.TIMESTAMP, "2026-01-01T00:00:00"}, 20454L * 86_400_000_000L),
        Map.entry(new Object[] {Types.TIMESTAMP, "2026-01-01"}, 20454L * 86_400_000_000L),
        Map.entry(new Object[] {Types.TIMESTAMP, "2026-01-01 00:00:00.000001"}, 20454L * 86_400_000_000L + 1),
        Map.entry(new Object[] {Types.TIMESTAMPTZ, "1970-01-01T01:00:00+01:00"}, 0L),
        Map.entry(new Object[] {Types.TIMESTAMPTZ, "1970-01-01T00:00:00Z"}, 0L),
        Map.entry(new Object[] {Types.TIMESTAMPTZ, "1970-01-01T00:00:01"}, 1_000_000L),
        Map.entry(new Object[] {Types.BOOLEAN, "TRUE"}, true),
        Map.entry(new Object[] {Types.UUID, "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"}, ID),
        Map.entry(new Object[] {Types.BINARY, "AAE="}, ByteBuffer.wrap(new byte[] {0, 1})),
        Map.entry(new Object[] {Types.STRING, "x"}, "x"));
    cases.forEach((in, expected) -> assertThat(
        Values.convertLiteral((Type.PrimitiveType) in[0], in[1], "c")).as("%s %s", in[0], in[1]).isEqualTo(expected));
  }

  @Test
  void wrongLiteralsNameTheColumnTheTypeAndTheValue() {
    assertLiteralError(Types.LONG, "abc", "'abc'", "long");
    assertLiteralError(Types.INT, 1.5, "1.5", "whole number");
    assertLiteralError(Types.INT, 3_000_000_000L, "3000000000", "out of range");
    assertLiteralError(Types.decimal(9, 2), "12.345", "12.345", "more than 2 digits after");
    assertLiteralError(Types.decimal(3, 0), 1000, "1000", "more than 3 digits");
    assertLiteralError(Types.DATE, "2026-13-01", "'2026-13-01'", "date");
    assertLiteralError(Types.DATE, 5, "5", "date");
    assertLiteralError(Types.TIMESTAMP, "2026-01-01T00:00:00Z", "'2026-01-01T00:00:00Z'", "offset");
    assertLiteralError(Types.TIMESTAMP, "2026-01-01T00:00:00.0000001", "microsecond", "timestamp");
    assertLiteralError(Types.UUID, "1-1-1-1-1", "'1-1-1-1-1'", "uuid");
    assertLiteralError(Types.STRING, 5, "5", "string");
    assertLiteralError(Types.BOOLEAN, 1, "1", "boolean");
    assertLiteralError(Types.FLOAT, 1e300, "1.0E300", "out of range for float");
    assertLiteralError(Types.fixed(4), "AAE=", "4 bytes", "fixed[4]");
    assertLiteralError(Types.DOUBLE, Double.NaN, "is nan", "NaN");
    assertThatThrownBy(() -> Values.convertLiteral(Types.LONG, null, "c"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("is null");
  }

  private static void assertLiteralError(Type.PrimitiveType type, Object literal, String... fragments) {
    assertThatThrownBy(() -> Values.convertLiteral(type, literal, "col"))
        .as("%s %s", type, literal)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("col");
          for (String f : fragments) {
            assertThat(e.reason()).contains(f);
          }
        });
  }

  // ---------------------------------------------------------------- CSV text

  @Test
  void parseAcceptsCommonSpellings() {
    assertThat(Values.parse(Types.BOOLEAN, " t ", "c")).isEqualTo(true);
    assertThat(Values.parse(Types.BOOLEAN, "0", "c")).isEqualTo(false);
    assertThat(Values.parse(Types.DOUBLE, "NaN", "c")).isEqualTo(Double.NaN);
    assertThat(Values.parse(Types.decimal(5, 2), "1.5", "c")).isEqualTo(new BigDecimal("1.50"));
    assertThat(Values.parse(Types.TIMESTAMP, "2026-01-01 10:00", "c")).isEqualTo(LocalDateTime.of(2026, 1, 1, 10, 0));
    assertThat(Values.parse(Types.TIMESTAMPTZ, "2026-01-01T10:00:00+02:00", "c"))
        .isEqualTo(OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC));
    assertThat(Values.parse(Types.TIMESTAMPTZ, "2026-01-01T10:00:00", "c"))
        .isEqualTo(OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC));
    assertThat(Values.parse(Types.STRING, " padded ", "c")).isEqualTo(" padded ");
  }

  @Test
  void parseRejectsBadTextNamingTheField() {
    String[][] bad = {
        {"int", "12x"}, {"int", "3000000000"}, {"long", "1.5"}, {"boolean", "yes please"},
        {"date", "01/02/2026"}, {"time", "25:00"}, {"timestamp", "2026-01-01T00:00:00Z"},
        {"uuid", "nope"}, {"binary", "!!"}, {"decimal(4,2)", "1.234"}, {"fixed[2]", "AAAA"},
        {"double", "one"}};
    for (String[] b : bad) {
      Type.PrimitiveType type = Types.parsePrimitive(b[0]);
      assertThatThrownBy(() -> Values.parse(type, b[1], "price"))
          .as("%s '%s'", b[0], b[1])
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("price"));
    }
  }
}
