package dev.floe.expressions;

import static dev.floe.expressions.Expressions.and;
import static dev.floe.expressions.Expressions.equal;
import static dev.floe.expressions.Expressions.greaterThan;
import static dev.floe.expressions.Expressions.lessThan;
import static dev.floe.expressions.Expressions.not;
import static dev.floe.expressions.Expressions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

  private static Expression parse(String text) {
    return ExpressionParser.parse(text);
  }

  @Test
  void comparisonsAndConnectives() {
    assertThat(parse("amount > 10 and category = 'cat-07'"))
        .isEqualTo(and(greaterThan("amount", 10), equal("category", "cat-07")));
    assertThat(parse("ts >= '2026-01-01T00:00:00'"))
        .isEqualTo(Expressions.greaterThanOrEqual("ts", "2026-01-01T00:00:00"));
    assertThat(parse("a <> 1")).isEqualTo(Expressions.notEqual("a", 1));
    assertThat(parse("a != 1")).isEqualTo(Expressions.notEqual("a", 1));
    assertThat(parse("a == 1")).isEqualTo(equal("a", 1));
    assertThat(parse("a <= 1 or a < 2")).isEqualTo(or(Expressions.lessThanOrEqual("a", 1), lessThan("a", 2)));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesOverride() {
    Expression a = equal("a", 1);
    Expression b = equal("b", 2);
    Expression c = equal("c", 3);
    assertThat(parse("a = 1 or b = 2 and c = 3")).isEqualTo(or(a, and(b, c)));
    assertThat(parse("a = 1 and b = 2 or c = 3")).isEqualTo(or(and(a, b), c));
    assertThat(parse("(a = 1 or b = 2) and c = 3")).isEqualTo(and(or(a, b), c));
    assertThat(parse("not (a = 1 or b < 2)")).isEqualTo(not(or(a, lessThan("b", 2))));
    assertThat(parse("not a = 1 and b = 2")).isEqualTo(and(not(a), b));
  }

  @Test
  void setsNullsNanAndPrefixes() {
    assertThat(parse("id in (1,2,3)")).isEqualTo(Expressions.in("id", 1, 2, 3));
    assertThat(parse("id not in (4)")).isEqualTo(Expressions.notEqual("id", 4));
    assertThat(parse("id not in (4, 5)")).isEqualTo(Expressions.notIn("id", 4, 5));
    assertThat(parse("name is null")).isEqualTo(Expressions.isNull("name"));
    assertThat(parse("name IS NOT NULL")).isEqualTo(Expressions.notNull("name"));
    assertThat(parse("x is nan or x is not nan"))
        .isEqualTo(or(Expressions.isNaN("x"), Expressions.notNaN("x")));
    assertThat(parse("name like 'abc%'")).isEqualTo(Expressions.startsWith("name", "abc"));
    assertThat(parse("name not like 'abc%'")).isEqualTo(Expressions.notStartsWith("name", "abc"));
    assertThat(parse("name like 'abc'")).isEqualTo(equal("name", "abc"));
    assertThat(parse("name like 'a\\_b\\%%'")).isEqualTo(Expressions.startsWith("name", "a_b%"));
    assertThat(parse("name starts with 'ab'")).isEqualTo(Expressions.startsWith("name", "ab"));
    assertThat(parse("x between 1 and 5 and y = 2"))
        .isEqualTo(and(Expressions.greaterThanOrEqual("x", 1), Expressions.lessThanOrEqual("x", 5), equal("y", 2)));
  }

  @Test
  void literals() {
    assertThat(parse("a = -5")).isEqualTo(equal("a", -5));
    assertThat(parse("a = 12.50")).isEqualTo(equal("a", new BigDecimal("12.50")));
    assertThat(parse("a = -.5")).isEqualTo(equal("a", new BigDecimal("-.5")));
    assertThat(parse("a = 1e3")).isEqualTo(equal("a", new BigDecimal("1e3")));
    assertThat(parse("a = 3000000000")).isEqualTo(equal("a", 3_000_000_000L));
    assertThat(parse("a = 99999999999999999999")).isEqualTo(equal("a", new BigDecimal("99999999999999999999")));
    assertThat(parse("s = 'it''s'")).isEqualTo(equal("s", "it's"));
    assertThat(parse("b = TRUE and c = false")).isEqualTo(and(equal("b", true), equal("c", false)));
    assertThat(parse("true")).isEqualTo(Expressions.alwaysTrue());
    assertThat(parse("false or a = 1")).isEqualTo(equal("a", 1));
  }

  @Test
  void identifiers() {
    assertThat(parse("\"my col\" = 1")).isEqualTo(equal("my col", 1));
    assertThat(parse("\"say \"\"hi\"\"\" = 1")).isEqualTo(equal("say \"hi\"", 1));
    assertThat(parse("address.city = 'Oslo'")).isEqualTo(equal("address.city", "Oslo"));
    assertThat(parse("\"in\" = 1")).isEqualTo(equal("in", 1));
  }

  @Test
  void literalOnTheLeftFlipsTheOperator() {
    assertThat(parse("5 < id")).isEqualTo(greaterThan("id", 5));
    assertThat(parse("5 >= id")).isEqualTo(Expressions.lessThanOrEqual("id", 5));
    assertThat(parse("'x' = name")).isEqualTo(equal("name", "x"));
  }

  @Test
  void errorsNameTheProblemAndThePosition() {
    assertError("amount > 10 and category = ", "expected a value after '=' at position 28, found the end");
    assertError("category = and x = 1", "expected a value after '=' at position 12, found 'and'");
    assertError("a = 1 b = 2", "expected 'and', 'or' or the end of the filter at position 7, found 'b'");
    assertError("(a = 1", "expected ')' to close the '(' at position 1; found the end of the filter at position 7");
    assertError("a = 'open", "has no closing '");
    assertError("name like '%abc'", "only prefix patterns");
    assertError("name like 'a_c%'", "only prefix patterns");
    assertError("a = b", "comparing two columns is not supported");
    assertError("1 = 2", "comparing two values is not supported");
    assertError("a = null", "is null");
    assertError("a in (1, null)", "is null");
    assertError("a in ()", "expected a value in the list at position 7");
    assertError("a is 5", "expected 'null' or 'nan' after 'is' at position 6");
    assertError("a ~ 1", "unexpected character '~' at position 3");
    assertError("in = 1", "\"in\"");
    assertError("amount", "expected an operator");
    assertError("   ", "empty");
    assertError("a not 5", "expected 'in', 'like', 'between' or 'starts with' after 'not'");
  }

  private static void assertError(String text, String fragment) {
    assertThatThrownBy(() -> parse(text)).as(text)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("filter");
          assertThat(e.reason()).contains(fragment);
        });
  }

  @Test
  void toStringParsesBackToAnEqualExpression() {
    List<Expression> cases = List.of(
        and(greaterThan("amount", 10), or(equal("category", "it's"), Expressions.isNull("category"))),
        not(and(lessThan("a", -3), Expressions.notNaN("f"))),
        Expressions.in("id", 1, 2, 3_000_000_000L),
        Expressions.notIn("s", "a", "b'c"),
        Expressions.startsWith("s", "pre"),
        Expressions.notStartsWith("s", "pre"),
        equal("my col", new BigDecimal("12.50")),
        equal("order", true),
        equal("a.b", new BigDecimal("-0.001")),
        Expressions.notEqual("x", "2026-01-01"),
        Expressions.greaterThanOrEqual("\"quoted\"", 1),
        Expressions.isNaN("f"),
        Expressions.alwaysTrue(),
        Expressions.alwaysFalse(),
        or(not(not(equal("a", 1))), not(Expressions.notNull("b"))));
    for (Expression e : cases) {
      assertThat(parse(e.toString())).as(e.toString()).isEqualTo(e);
    }
  }

  @Test
  void boundToStringParsesAndBindsBackToTheSamePredicate() {
    Schema schema = Schema.of(
        NestedField.optional(1, "d", Types.DATE),
        NestedField.optional(2, "ts", Types.TIMESTAMPTZ),
        NestedField.optional(3, "u", Types.UUID),
        NestedField.optional(4, "b", Types.BINARY),
        NestedField.optional(5, "f", Types.DOUBLE),
        NestedField.optional(6, "dec", Types.decimal(9, 2)),
        NestedField.optional(7, "t", Types.TIME));
    Expression unbound = and(
        Expressions.in("d", "2026-01-01", "1969-12-31"),
        greaterThan("ts", "2026-01-01T10:00:00.5+01:00"),
        equal("u", UUID.randomUUID()),
        equal("b", ByteBuffer.wrap(new byte[] {1, 2, 3})),
        lessThan("f", 1.0E10),
        Expressions.notEqual("dec", 1.5),
        lessThan("t", "23:59:59.999999"));
    Expression bound = Binder.bind(schema.asStruct(), unbound, true);
    assertThat(Binder.bind(schema.asStruct(), parse(bound.toString()), true)).isEqualTo(bound);
    assertThat(Binder.bind(schema.asStruct(), parse(unbound.toString()), true)).isEqualTo(bound);
  }
}
