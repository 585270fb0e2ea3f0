package dev.floe.expressions;

import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether a partition (the partition tuple of a data file) might hold rows matching a row
 * filter, through the filter's {@link Projections#inclusive inclusive projection}. False means no
 * row of any file in that partition can match.
 */
public final class PartitionEvaluator {
  private final Expression projected;
  private final Predicates.StoredFilter filter;
  private final Map<Integer, Integer> positionById = new HashMap<>();

  public PartitionEvaluator(PartitionSpec spec, Schema schema, Expression rowFilter) {
    this.projected = Projections.inclusive(spec, schema, rowFilter);
    this.filter = Predicates.compileStored(projected, true);
    for (int i = 0; i < spec.fields().size(); i++) {
      positionById.put(spec.fields().get(i).fieldId(), i);
    }
  }

  /**
   * Whether rows in this partition might match.
   *
   * @param partition internal values in spec order
   */
  public boolean mightMatch(PartitionData partition) {
    return filter.test(id -> {
      Integer pos = positionById.get(id);
      return pos == null || pos >= partition.size() ? Predicates.UNUSABLE : partition.get(pos);
    });
  }

  /** The projected filter over the partition struct that this evaluator tests. */
  public Expression projectedExpression() {
    return projected;
  }
}
