package dev.floe.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.data.Record;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transform;
import dev.floe.partition.Transforms;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionsTest {
  static final Schema SCHEMA = new Schema(0, List.of(
      NestedField.optional(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "name", Types.STRING),
      NestedField.optional(4, "f", Types.DOUBLE)));

  private static PartitionSpec spec(PartitionField... fields) {
    return new PartitionSpec(0, List.of(fields));
  }

  private static Expression inclusive(PartitionSpec spec, String filter) {
    return Projections.inclusive(spec, SCHEMA, ExpressionParser.parse(filter));
  }

  private static Expression strict(PartitionSpec spec, String filter) {
    return Projections.strict(spec, SCHEMA, ExpressionParser.parse(filter));
  }

  private static BoundPredicate part(Operation op, int id, String name, Type.PrimitiveType type, Object... lits) {
    return new BoundPredicate(op, id, name, type, List.of(lits));
  }

  // ---------------------------------------------------------------- worked examples

  @Test
  void dayRangesBecomeDayRangesTightAtBoundaries() {
    PartitionSpec spec = spec(new PartitionField(2, 1000, "ts_day", Transforms.day()));
    int jan1 = 20454;
    assertThat(inclusive(spec, "ts >= '2026-01-01T12:00:00'"))
        .isEqualTo(part(Operation.GT_EQ, 1000, "ts_day", Types.DATE, jan1));
    assertThat(strict(spec, "ts >= '2026-01-01T12:00:00'"))
        .isEqualTo(part(Operation.GT, 1000, "ts_day", Types.DATE, jan1));
    // at midnight the whole day qualifies
    assertThat(strict(spec, "ts >= '2026-01-01T00:00:00'"))
        .isEqualTo(part(Operation.GT, 1000, "ts_day", Types.DATE, jan1 - 1));
    // strictly before midnight of Jan 2 is at most Jan 1
    assertThat(inclusive(spec, "ts < '2026-01-02T00:00:00'"))
        .isEqualTo(part(Operation.LT_EQ, 1000, "ts_day", Types.DATE, jan1));
    assertThat(inclusive(spec, "ts = '2026-01-01T05:00:00'"))
        .isEqualTo(part(Operation.EQ, 1000, "ts_day", Types.DATE, jan1));
    assertThat(strict(spec, "ts = '2026-01-01T05:00:00'")).isEqualTo(Expressions.alwaysFalse());
    assertThat(inclusive(spec, "ts != '2026-01-01T05:00:00'")).isEqualTo(Expressions.alwaysTrue());
    assertThat(strict(spec, "ts != '2026-01-01T05:00:00'"))
        .isEqualTo(part(Operation.NOT_EQ, 1000, "ts_day", Types.DATE, jan1));
    assertThat(inclusive(spec, "ts is null")).isEqualTo(part(Operation.IS_NULL, 1000, "ts_day", Types.DATE));
    // other columns say nothing about this partition
    assertThat(inclusive(spec, "id = 1")).isEqualTo(Expressions.alwaysTrue());
    assertThat(strict(spec, "id = 1")).isEqualTo(Expressions.alwaysFalse());
    assertThat(inclusive(spec, "id = 1 and ts < '2026-01-02T00:00:00'"))
        .isEqualTo(part(Operation.LT_EQ, 1000, "ts_day", Types.DATE, jan1));
    assertThat(inclusive(spec, "id = 1 or ts < '2026-01-02T00:00:00'")).isEqualTo(Expressions.alwaysTrue());
    assertThat(inclusive(spec, "not (ts >= '2026-01-02T00:00:00')"))
        .isEqualTo(part(Operation.LT_EQ, 1000, "ts_day", Types.DATE, jan1));
  }

  @Test
  void bucketsProjectEqualityAndSets() {
    PartitionSpec spec = spec(new PartitionField(1, 1000, "id_bucket", Transforms.bucket(16)));
    int b5 = (Integer) Transforms.bucket(16).apply(5L);
    assertThat(inclusive(spec, "id = 5")).isEqualTo(part(Operation.EQ, 1000, "id_bucket", Types.INT, b5));
    assertThat(inclusive(spec, "id > 5")).isEqualTo(Expressions.alwaysTrue());
    assertThat(inclusive(spec, "id in (5, 5)")).isEqualTo(part(Operation.EQ, 1000, "id_bucket", Types.INT, b5));
    assertThat(strict(spec, "id = 5")).isEqualTo(Expressions.alwaysFalse());
    assertThat(strict(spec, "id != 5")).isEqualTo(part(Operation.NOT_EQ, 1000, "id_bucket", Types.INT, b5));
  }

  @Test
  void truncatedStringsProjectPrefixes() {
    PartitionSpec spec = spec(new PartitionField(3, 1000, "name_trunc", Transforms.truncate(3)));
    assertThat(inclusive(spec, "name like 'ab%'"))
        .isEqualTo(part(Operation.STARTS_WITH, 1000, "name_trunc", Types.STRING, "ab"));
    assertThat(inclusive(spec, "name like 'abcdef%'"))
        .isEqualTo(part(Operation.EQ, 1000, "name_trunc", Types.STRING, "abc"));
    assertThat(strict(spec, "name like 'abcdef%'")).isEqualTo(Expressions.alwaysFalse());
    assertThat(strict(spec, "name not like 'abcdef%'"))
        .isEqualTo(part(Operation.NOT_EQ, 1000, "name_trunc", Types.STRING, "abc"));
    assertThat(inclusive(spec, "name = 'abcdef'"))
        .isEqualTo(part(Operation.EQ, 1000, "name_trunc", Types.STRING, "abc"));
    assertThat(inclusive(spec, "name < 'abcdef'"))
        .isEqualTo(part(Operation.LT_EQ, 1000, "name_trunc", Types.STRING, "abc"));
    assertThat(strict(spec, "name < 'abcdef'"))
        .isEqualTo(part(Operation.LT, 1000, "name_trunc", Types.STRING, "abc"));
  }

  @Test
  void identityKeepsThePredicateAndVoidSaysNothing() {
    PartitionSpec identity = spec(new PartitionField(4, 1000, "f", Transforms.identity()));
    assertThat(inclusive(identity, "f is nan or f < 2"))
        .isEqualTo(Expressions.or(part(Operation.IS_NAN, 1000, "f", Types.DOUBLE),
            part(Operation.LT, 1000, "f", Types.DOUBLE, 2.0)));
    assertThat(strict(identity, "f != 2")).isEqualTo(part(Operation.NOT_EQ, 1000, "f", Types.DOUBLE, 2.0));
    PartitionSpec empty = spec(new PartitionField(1, 1000, "id_null", Transforms.alwaysNull()));
    assertThat(inclusive(empty, "id = 1")).isEqualTo(Expressions.alwaysTrue());
    assertThat(inclusive(empty, "id is null")).isEqualTo(Expressions.alwaysTrue());
    assertThat(strict(empty, "id is null")).isEqualTo(Expressions.alwaysFalse());
  }

  @Test
  void severalFieldsOfOneSourceCombine() {
    PartitionSpec spec = spec(new PartitionField(2, 1000, "ts_day", Transforms.day()),
        new PartitionField(2, 1001, "ts_hour", Transforms.hour()));
    Expression e = inclusive(spec, "ts = '1970-01-02T01:30:00'");
    assertThat(e).isEqualTo(Expressions.and(part(Operation.EQ, 1000, "ts_day", Types.DATE, 1),
        part(Operation.EQ, 1001, "ts_hour", Types.INT, 25)));
    assertThat(strict(spec, "ts < '1970-01-02T01:00:00'")).isEqualTo(Expressions.or(
        part(Operation.LT, 1000, "ts_day", Types.DATE, 1), part(Operation.LT, 1001, "ts_hour", Types.INT, 25)));
  }

  @Test
  void rangesAtTheEndOfTheTypeAreEmpty() {
    PartitionSpec spec = spec(new PartitionField(1, 1000, "id_trunc", Transforms.truncate(10)));
    assertThat(inclusive(spec, "id < " + Long.MIN_VALUE)).isEqualTo(Expressions.alwaysFalse());
    assertThat(inclusive(spec, "id > " + Long.MAX_VALUE)).isEqualTo(Expressions.alwaysFalse());
  }

  // ---------------------------------------------------------------- property

  private record Case(Type.PrimitiveType type, Transform transform) {}

  /**
   * For every transform and source type: for random values v and random predicates p (and
   * combinations), p(v) implies inclusive(f(v)), and strict(f(v)) implies p(v). A failure here is
   * a partition that would be wrongly skipped (or wrongly deleted whole).
   */
  @Test
  void projectionsAreSoundForEveryTransform() {
    List<Case> cases = new ArrayList<>();
    for (Type.PrimitiveType t : List.of(Types.BOOLEAN, Types.INT, Types.LONG, Types.FLOAT, Types.DOUBLE,
        Types.decimal(5, 2), Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMPTZ, Types.STRING, Types.UUID,
        Types.BINARY, Types.fixed(2))) {
      cases.add(new Case(t, Transforms.identity()));
      cases.add(new Case(t, Transforms.alwaysNull()));
      if (Transforms.bucket(3).canTransform(t)) {
        cases.add(new Case(t, Transforms.bucket(3)));
      }
    }
    cases.add(new Case(Types.INT, Transforms.truncate(4)));
    cases.add(new Case(Types.LONG, Transforms.truncate(4)));
    cases.add(new Case(Types.LONG, Transforms.truncate(1)));
    cases.add(new Case(Types.decimal(5, 2), Transforms.truncate(50)));
    cases.add(new Case(Types.STRING, Transforms.truncate(1)));
    cases.add(new Case(Types.STRING, Transforms.truncate(2)));
    cases.add(new Case(Types.STRING, Transforms.truncate(3)));
    cases.add(new Case(Types.BINARY, Transforms.truncate(1)));
    for (Type.PrimitiveType t : List.of(Types.DATE, Types.TIMESTAMP, Types.TIMESTAMPTZ)) {
      cases.add(new Case(t, Transforms.year()));
      cases.add(new Case(t, Transforms.month()));
      cases.add(new Case(t, Transforms.day()));
    }
    cases.add(new Case(Types.TIMESTAMP, Transforms.hour()));
    cases.add(new Case(Types.TIMESTAMPTZ, Transforms.hour()));

    RandomData data = new RandomData(42);
    for (Case c : cases) {
      checkCase(c, data);
    }
  }

  private static void checkCase(Case c, RandomData data) {
    Schema schema = new Schema(0, List.of(NestedField.optional(1, "x", c.type())));
    PartitionField field = new PartitionField(1, 1000, "p", c.transform());
    PartitionSpec spec = new PartitionSpec(0, List.of(field));
    Types.StructType partitionType = spec.partitionType(schema);
    Type.PrimitiveType resultType = partitionType.fields().get(0).type().asPrimitive();
    int pruned = 0;
    int proven = 0;
    for (int i = 0; i < 500; i++) {
      Expression filter = data.predicate("x", c.type());
      if (data.random().nextInt(3) == 0) {
        Expression other = data.predicate("x", c.type());
        filter = switch (data.random().nextInt(3)) {
          case 0 -> Expressions.and(filter, other);
          case 1 -> Expressions.or(filter, other);
          default -> Expressions.not(filter);
        };
      }
      Expression inclusive = Projections.inclusive(spec, schema, filter);
      Expression strict = Projections.strict(spec, schema, filter);
      Evaluator rows = new Evaluator(schema.asStruct(), filter);
      Evaluator inclusiveOnPartitions = new Evaluator(partitionType, inclusive);
      Evaluator strictOnPartitions = new Evaluator(partitionType, strict);
      PartitionEvaluator partitionEvaluator = new PartitionEvaluator(spec, schema, filter);
      for (int j = 0; j < 12; j++) {
        Object v = data.valueOrNull(c.type(), 0.1);
        Object partitionValue = c.transform().apply(Values.toInternal(c.type(), v));
        boolean rowMatches = rows.eval(Record.of(schema.asStruct(), v));
        Record partition = Record.of(partitionType, Values.toExternal(resultType, partitionValue));
        boolean mightMatch = inclusiveOnPartitions.eval(partition);
        boolean allMatch = strictOnPartitions.eval(partition);
        if (rowMatches && !mightMatch) {
          fail(c + ": inclusive projection " + inclusive + " of " + filter + " skips partition "
              + partitionValue + " of matching value " + v);
        }
        if (allMatch && !rowMatches) {
          fail(c + ": strict projection " + strict + " of " + filter + " holds on partition "
              + partitionValue + " of non-matching value " + v);
        }
        assertThat(partitionEvaluator.mightMatch(PartitionData.of(partitionValue))).isEqualTo(mightMatch);
        pruned += mightMatch ? 0 : 1;
        proven += allMatch ? 1 : 0;
      }
    }
    if (!(c.transform() instanceof Transforms.Void)) {
      assertThat(pruned).as("%s never pruned", c).isGreaterThan(30);
      assertThat(proven).as("%s never proved", c).isGreaterThan(30);
    }
  }
}
