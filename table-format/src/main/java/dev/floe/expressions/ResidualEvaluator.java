package dev.floe.expressions;

import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simplifies a row filter for the rows of one partition: what still has to be checked on each row
 * after the partition value is known. A predicate that every row of the partition satisfies
 * (its strict projection holds) becomes true; one that no row can satisfy (its inclusive
 * projection fails) becomes false; anything else stays.
 *
 * <p>Example: with partitioning {@code day(ts)}, {@code ts >= '2026-01-01T00:00:00' and id = 5}
 * leaves {@code id = 5} for the partition {@code 2026-01-02}, and false for {@code 2025-12-31}.
 * The residual is bound to the table schema and has no NOT.
 */
public final class ResidualEvaluator {
  private final Expression bound;
  private final Map<Integer, Integer> positionById = new HashMap<>();
  /** Per predicate of the bound filter (by identity): its projections onto each partition field. */
  private final Map<BoundPredicate, List<Projected>> projections = new IdentityHashMap<>();

  private record Projected(Predicates.StoredFilter strict, Predicates.StoredFilter inclusive) {}

  public ResidualEvaluator(PartitionSpec spec, Schema schema, Expression rowFilter) {
    this.bound = Expressions.rewriteNot(Binder.bind(schema.asStruct(), rowFilter, false));
    for (int i = 0; i < spec.fields().size(); i++) {
      positionById.put(spec.fields().get(i).fieldId(), i);
    }
    project(bound, spec, schema);
  }

  private void project(Expression e, PartitionSpec spec, Schema schema) {
    if (e instanceof Expression.And a) {
      project(a.left(), spec, schema);
      project(a.right(), spec, schema);
    } else if (e instanceof Expression.Or o) {
      project(o.left(), spec, schema);
      project(o.right(), spec, schema);
    } else if (e instanceof BoundPredicate p) {
      List<Projected> list = new ArrayList<>();
      for (PartitionField f : spec.fieldsBySourceId(p.fieldId())) {
        Optional<Type.PrimitiveType> type = Projections.resultType(schema, f);
        type.ifPresent(t -> list.add(new Projected(
            Predicates.compileStored(Projections.projectStrict(p, f, t), false),
            Predicates.compileStored(Projections.projectInclusive(p, f, t), true))));
      }
      projections.put(p, list);
    }
  }

  /** The filter left to apply to rows of the partition with these (internal) values. */
  public Expression residualFor(PartitionData partition) {
    return residual(bound, partition);
  }

  private Expression residual(Expression e, PartitionData partition) {
    if (e instanceof Expression.And a) {
      return Expressions.and(residual(a.left(), partition), residual(a.right(), partition));
    }
    if (e instanceof Expression.Or o) {
      return Expressions.or(residual(o.left(), partition), residual(o.right(), partition));
    }
    if (!(e instanceof BoundPredicate p)) {
      return e;
    }
    for (Projected projected : projections.getOrDefault(p, List.of())) {
      if (projected.strict().test(id -> valueOf(id, partition))) {
        return Expressions.alwaysTrue();
      }
      if (!projected.inclusive().test(id -> valueOf(id, partition))) {
        return Expressions.alwaysFalse();
      }
    }
    return p;
  }

  private Object valueOf(int id, PartitionData partition) {
    Integer pos = positionById.get(id);
    return pos == null || pos >= partition.size() ? Predicates.UNUSABLE : partition.get(pos);
  }
}
