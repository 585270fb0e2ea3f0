package dev.floe.expressions;

import static dev.floe.expressions.Expressions.equal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinderTest {
  static final Types.StructType STRUCT = Types.StructType.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "amount", Types.decimal(9, 2)),
      NestedField.optional(3, "name", Types.STRING),
      NestedField.optional(4, "f", Types.FLOAT),
      NestedField.optional(5, "address", Types.StructType.of(
          NestedField.required(6, "city", Types.STRING),
          NestedField.optional(7, "zip", Types.INT))),
      NestedField.optional(8, "tags", new Types.ListType(9, Types.STRING, true)),
      NestedField.required(10, "Upper", Types.INT),
      NestedField.required(11, "meta", Types.StructType.of(NestedField.required(12, "v", Types.INT))));

  private static Expression bind(Expression e) {
    return Binder.bind(STRUCT, e, false);
  }

  @Test
  void predicatesGetFieldIdsTypesAndInternalLiterals() {
    assertThat(bind(Expressions.greaterThan("amount", 10)))
        .isEqualTo(new BoundPredicate(Operation.GT, 2, "amount", Types.decimal(9, 2), List.of(new BigDecimal("10.00"))));
    assertThat(bind(equal("id", 5))).isEqualTo(new BoundPredicate(Operation.EQ, 1, "id", Types.LONG, List.of(5L)));
    assertThat(bind(equal("address.zip", "0150")))
        .isEqualTo(new BoundPredicate(Operation.EQ, 7, "address.zip", Types.INT, List.of(150)));
  }

  @Test
  void namesMatchIgnoringCaseUnlessCaseSensitive() {
    assertThat(bind(equal("ADDRESS.City", "x"))).isEqualTo(
        new BoundPredicate(Operation.EQ, 6, "address.city", Types.STRING, List.of("x")));
    assertThatThrownBy(() -> Binder.bind(STRUCT, equal("upper", 1), true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown column");
    assertThat(Binder.bind(STRUCT, equal("Upper", 1), true)).isInstanceOf(BoundPredicate.class);
  }

  @Test
  void ambiguousCaseInsensitiveNamesAreRejected() {
    Types.StructType s = Types.StructType.of(NestedField.optional(1, "a", Types.INT),
        NestedField.optional(2, "A", Types.INT));
    assertThat(Binder.bind(s, equal("A", 1), false)).isEqualTo(
        new BoundPredicate(Operation.EQ, 2, "A", Types.INT, List.of(1)));
    assertThatThrownBy(() -> Binder.bind(Types.StructType.of(NestedField.optional(1, "ab", Types.INT),
        NestedField.optional(2, "AB", Types.INT)), equal("Ab", 1), false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ambiguous");
  }

  @Test
  void unknownColumnsListTheTablesColumns() {
    assertThatThrownBy(() -> bind(equal("nope", 1)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("nope");
          assertThat(e.reason()).isEqualTo("unknown column; the table has id, amount, name, f, address, tags, Upper, meta");
        });
  }

  @Test
  void unsupportedPredicatesAreRejected() {
    assertBindError(equal("address", 1), "address", "struct");
    assertBindError(Expressions.isNull("tags.element"), "tags.element", "lists and maps");
    assertBindError(Expressions.startsWith("id", "1"), "id", "string column");
    assertBindError(Expressions.isNaN("amount"), "amount", "float or double");
    assertBindError(equal("id", "abc"), "id", "'abc'");
    assertBindError(Expressions.in("id", 1, 2.5), "id", "2.5");
  }

  private static void assertBindError(Expression e, String field, String fragment) {
    assertThatThrownBy(() -> bind(e)).as(e.toString())
        .isInstanceOfSatisfying(InvalidInputException.class, ex -> {
          assertThat(ex.field()).isEqualTo(field);
          assertThat(ex.reason()).contains(fragment);
        });
  }

  @Test
  void knownAnswersSimplifyWhileBinding() {
    assertThat(bind(Expressions.isNull("id"))).isEqualTo(Expressions.alwaysFalse());
    assertThat(bind(Expressions.notNull("id"))).isEqualTo(Expressions.alwaysTrue());
    // required inside required: never null; required inside optional: null when the parent is
    assertThat(bind(Expressions.isNull("meta.v"))).isEqualTo(Expressions.alwaysFalse());
    assertThat(bind(Expressions.isNull("address.city"))).isInstanceOf(BoundPredicate.class);
    assertThat(bind(Expressions.and(Expressions.notNull("id"), equal("name", "x"))))
        .isEqualTo(bind(equal("name", "x")));
    assertThat(bind(Expressions.in("id", 5, 5L, new BigDecimal("5.0"))))
        .isEqualTo(new BoundPredicate(Operation.EQ, 1, "id", Types.LONG, List.of(5L)));
    assertThat(bind(Expressions.notIn("id", 2, 1, 2L)))
        .isEqualTo(new BoundPredicate(Operation.NOT_IN, 1, "id", Types.LONG, List.of(1L, 2L)));
    assertThat(bind(new UnboundPredicate(Operation.IN, "id", List.of()))).isEqualTo(Expressions.alwaysFalse());
    assertThat(bind(new UnboundPredicate(Operation.NOT_IN, "name", List.of())))
        .isEqualTo(new BoundPredicate(Operation.NOT_NULL, 3, "name", Types.STRING, List.of()));
    assertThat(bind(Expressions.startsWith("name", ""))).isEqualTo(bind(Expressions.notNull("name")));
    assertThat(bind(Expressions.notStartsWith("name", ""))).isEqualTo(Expressions.alwaysFalse());
    assertThat(bind(Expressions.not(Expressions.isNull("id")))).isEqualTo(Expressions.alwaysTrue());
  }

  @Test
  void alreadyBoundPredicatesAreKeptWhenTheyFit() {
    Expression bound = bind(equal("id", 5));
    assertThat(bind(bound)).isEqualTo(bound);
    assertThatThrownBy(() -> Binder.bind(Types.StructType.of(NestedField.optional(1, "id", Types.INT)), bound, true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("another schema");
  }

  @Test
  void boundReferencesListFieldIds() {
    Expression e = bind(Expressions.or(equal("id", 1),
        Expressions.not(Expressions.and(equal("address.zip", 2), Expressions.isNaN("f")))));
    assertThat(Binder.boundReferences(e)).isEqualTo(Set.of(1, 7, 4));
    assertThat(Binder.isBound(e)).isTrue();
    assertThat(Binder.isBound(equal("id", 1))).isFalse();
    assertThatThrownBy(() -> Binder.boundReferences(equal("id", 1))).isInstanceOf(InvalidInputException.class);
  }
}
