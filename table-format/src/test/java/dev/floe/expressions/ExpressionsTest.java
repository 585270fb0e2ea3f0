package dev.floe.expressions;

import static dev.floe.expressions.Expressions.alwaysFalse;
import static dev.floe.expressions.Expressions.alwaysTrue;
import static dev.floe.expressions.Expressions.and;
import static dev.floe.expressions.Expressions.equal;
import static dev.floe.expressions.Expressions.in;
import static dev.floe.expressions.Expressions.not;
import static dev.floe.expressions.Expressions.notIn;
import static dev.floe.expressions.Expressions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private final Expression a = equal("a", 1);
  private final Expression b = Expressions.lessThan("b", 2);

  @Test
  void constantsFoldAway() {
    assertThat(and(alwaysTrue(), a)).isEqualTo(a);
    assertThat(and(a, alwaysTrue())).isEqualTo(a);
    assertThat(and(alwaysFalse(), a)).isEqualTo(alwaysFalse());
    assertThat(and(a, b, alwaysFalse())).isEqualTo(alwaysFalse());
    assertThat(or(alwaysTrue(), a)).isEqualTo(alwaysTrue());
    assertThat(or(alwaysFalse(), a)).isEqualTo(a);
    assertThat(or(a, alwaysFalse(), alwaysFalse())).isEqualTo(a);
    assertThat(not(alwaysTrue())).isEqualTo(alwaysFalse());
    assertThat(not(alwaysFalse())).isEqualTo(alwaysTrue());
    assertThat(and(a, a)).isEqualTo(a);
    assertThat(and(List.of())).isEqualTo(alwaysTrue());
    assertThat(or(List.of())).isEqualTo(alwaysFalse());
  }

  @Test
  void doubleNegationCancels() {
    assertThat(not(not(a))).isEqualTo(a);
    assertThat(not(a)).isEqualTo(new Expression.Not(a));
  }

  @Test
  void variadicAndOrNestLeftToRight() {
    Expression c = Expressions.isNull("c");
    assertThat(and(a, b, c)).isEqualTo(new Expression.And(new Expression.And(a, b), c));
    assertThat(or(a, b, c)).isEqualTo(new Expression.Or(new Expression.Or(a, b), c));
  }

  @Test
  void inListsSimplify() {
    assertThat(in("x")).isEqualTo(alwaysFalse());
    assertThat(in("x", 5, 5)).isEqualTo(equal("x", 5));
    assertThat(in("x", List.of(1, 2))).isEqualTo(new UnboundPredicate(Operation.IN, "x", List.of(1, 2)));
    assertThat(notIn("x", List.of())).isEqualTo(Expressions.notNull("x"));
    assertThat(notIn("x", 3)).isEqualTo(Expressions.notEqual("x", 3));
  }

  @Test
  void nullLiteralsAreRejectedWithAHint() {
    assertThatThrownBy(() -> equal("x", null)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is null");
    assertThatThrownBy(() -> in("x", 1, null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rewriteNotPushesNegationToPredicates() {
    Expression e = not(and(a, or(b, not(Expressions.startsWith("s", "x")))));
    Expression expected = or(Expressions.notEqual("a", 1),
        and(Expressions.greaterThanOrEqual("b", 2), Expressions.startsWith("s", "x")));
    assertThat(Expressions.rewriteNot(e)).isEqualTo(expected);
    assertThat(Expressions.rewriteNot(not(alwaysTrue()))).isEqualTo(alwaysFalse());
    assertThat(Expressions.rewriteNot(not(in("x", 1, 2))))
        .isEqualTo(new UnboundPredicate(Operation.NOT_IN, "x", List.of(1, 2)));
  }

  @Test
  void everyOperationNegatesToItsComplementAndBack() {
    for (Operation op : Operation.values()) {
      assertThat(op.negate()).isNotEqualTo(op);
      assertThat(op.negate().negate()).isEqualTo(op);
    }
  }

  @Test
  void predicatesCheckTheirValueCount() {
    assertThatThrownBy(() -> new UnboundPredicate(Operation.EQ, "x", List.of()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new UnboundPredicate(Operation.IS_NULL, "x", List.of(1)))
        .isInstanceOf(InvalidInputException.class);
  }
}
