package dev.floe.expressions;

import static dev.floe.expressions.Expressions.and;
import static dev.floe.expressions.Expressions.equal;
import static dev.floe.expressions.Expressions.not;
import static dev.floe.expressions.Expressions.or;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.data.Record;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  static final Types.StructType ADDRESS = Types.StructType.of(
      NestedField.optional(11, "city", Types.STRING));
  static final Types.StructType STRUCT = Types.StructType.of(
      NestedField.optional(1, "id", Types.LONG),
      NestedField.optional(2, "f", Types.DOUBLE),
      NestedField.optional(3, "s", Types.STRING),
      NestedField.optional(4, "d", Types.DATE),
      NestedField.optional(5, "ts", Types.TIMESTAMP),
      NestedField.optional(6, "tz", Types.TIMESTAMPTZ),
      NestedField.optional(7, "dec", Types.decimal(9, 2)),
      NestedField.optional(8, "u", Types.UUID),
      NestedField.optional(9, "b", Types.BINARY),
      NestedField.optional(10, "address", ADDRESS));

  private static Record row(Object... values) {
    Object[] all = new Object[STRUCT.fields().size()];
    System.arraycopy(values, 0, all, 0, values.length);
    return Record.of(STRUCT, all);
  }

  private static boolean eval(String filter, Record r) {
    return new Evaluator(STRUCT, ExpressionParser.parse(filter)).eval(r);
  }

  @Test
  void comparesTypedValues() {
    Record r = row(5L, 1.5, "abc", LocalDate.of(2026, 1, 2), LocalDateTime.of(2026, 1, 2, 3, 4),
        OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(1)), new BigDecimal("12.30"),
        UUID.fromString("00000000-0000-0000-0000-000000000001"), ByteBuffer.wrap(new byte[] {1, (byte) 0xff}));
    assertThat(eval("id = 5 and id < 6 and id > 4 and id <= 5 and id >= 5 and id != 4", r)).isTrue();
    assertThat(eval("id in (1, 5) and id not in (1, 2)", r)).isTrue();
    assertThat(eval("f > 1 and f < 1.6", r)).isTrue();
    assertThat(eval("s like 'ab%' and s not like 'b%' and s > 'ab' and s < 'abd'", r)).isTrue();
    assertThat(eval("d = '2026-01-02' and d > '2026-01-01'", r)).isTrue();
    assertThat(eval("ts >= '2026-01-02T03:04:00' and ts < '2026-01-02 03:04:00.000001'", r)).isTrue();
    assertThat(eval("tz = '2026-01-02T02:04:00Z'", r)).isTrue();
    assertThat(eval("dec = 12.3 and dec > 12.29", r)).isTrue();
    assertThat(eval("u = '00000000-0000-0000-0000-000000000001'", r)).isTrue();
    assertThat(eval("b > 'AQ=='", r)).isTrue(); // 01 ff > 01: unsigned, longer wins
    assertThat(eval("id = 6 or s = 'abd'", r)).isFalse();
  }

  @Test
  void nullsNeverMatchComparisonsNorTheirNegations() {
    Record r = row();
    for (String f : new String[] {"id = 1", "id != 1", "id < 1", "id >= 1", "id in (1, 2)", "id not in (1, 2)",
        "s like 'a%'", "s not like 'a%'", "not (id = 1)", "not (id in (1, 2))", "not (s like 'a%')",
        "f is nan"}) {
      assertThat(eval(f, r)).as(f).isFalse();
    }
    for (String f : new String[] {"id is null", "not (id is not null)", "f is not nan", "not (f is nan)",
        "id = 1 or id is null"}) {
      assertThat(eval(f, r)).as(f).isTrue();
    }
  }

  @Test
  void nanEqualsNothingAndIsOnlySeenByIsNan() {
    Record r = row(null, Double.NaN);
    for (String f : new String[] {"f = 1", "f != 1", "f < 1", "f > 1", "f in (1, 2)", "f not in (1, 2)",
        "not (f < 1)", "f is not nan", "f is null"}) {
      assertThat(eval(f, r)).as(f).isFalse();
    }
    assertThat(eval("f is nan", r)).isTrue();
    assertThat(eval("f is not null", r)).isTrue();
    assertThat(eval("f is nan", row(null, 1.0))).isFalse();
    assertThat(eval("f is not nan", row(null, Double.POSITIVE_INFINITY))).isTrue();
  }

  @Test
  void threeValuedLogicCollapsesOnlyAtTheTop() {
    // unknown or true is true; not (unknown and false) is true
    Record r = row(null, 1.0);
    assertThat(eval("id = 1 or f = 1", r)).isTrue();
    assertThat(eval("not (id = 1 and f = 2)", r)).isTrue();
    assertThat(eval("not (id = 1 and f = 1)", r)).isFalse();
  }

  @Test
  void nestedFieldsAreReachedByIdAndANullParentMeansNull() {
    Record withCity = row(null, null, null, null, null, null, null, null, null, Record.of(ADDRESS, "Oslo"));
    assertThat(eval("address.city = 'Oslo'", withCity)).isTrue();
    assertThat(eval("address.city is null", row())).isTrue();
    assertThat(eval("address.city = 'Oslo'", row())).isFalse();
  }

  @Test
  void acceptsAlreadyBoundAndConstantExpressions() {
    Expression bound = Binder.bind(STRUCT, and(equal("id", 1), not(or(equal("s", "x"), Expressions.alwaysFalse()))), true);
    assertThat(new Evaluator(STRUCT, bound).eval(row(1L, null, "y"))).isTrue();
    assertThat(new Evaluator(STRUCT, Expressions.alwaysTrue()).eval(row())).isTrue();
    assertThat(new Evaluator(STRUCT, Expressions.alwaysFalse()).eval(row())).isFalse();
  }
}
