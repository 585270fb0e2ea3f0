package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.SortOrder.Direction;
import dev.floe.metadata.SortOrder.NullOrder;
import dev.floe.partition.Transform;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Values;
import java.util.Comparator;
import java.util.List;

/**
 * The key of a {@link SortOrder}: each sort field's transformed value in internal form, compared
 * with the one ordering bounds and filters use ({@link Comparators}), so that sorted files get
 * min/max statistics that do not overlap.
 */
final class RowOrderKey implements SortKey<Object[]> {
  private final FieldAccessor[] accessors;
  private final Transform[] transforms;
  private final Comparator<Object>[] comparators;
  private final boolean[] descending;
  private final boolean[] nullsFirst;

  @SuppressWarnings("unchecked")
  RowOrderKey(Schema schema, SortOrder order) {
    List<SortOrder.SortField> fields = order.fields();
    accessors = new FieldAccessor[fields.size()];
    transforms = new Transform[fields.size()];
    comparators = new Comparator[fields.size()];
    descending = new boolean[fields.size()];
    nullsFirst = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      SortOrder.SortField f = fields.get(i);
      accessors[i] = FieldAccessor.of(schema, f.sourceId(), "sort-by");
      transforms[i] = f.transform();
      Type result = f.transform().resultType(accessors[i].type());
      comparators[i] = Comparators.forType(result.asPrimitive());
      descending[i] = f.direction() == Direction.DESC;
      nullsFirst[i] = f.nullOrder() == NullOrder.NULLS_FIRST;
    }
  }

  @Override
  public Object[] of(Record row) {
    Object[] key = new Object[accessors.length];
    for (int i = 0; i < key.length; i++) {
      Object internal = Values.toInternal(accessors[i].type(), accessors[i].get(row));
      key[i] = internal == null ? null : transforms[i].apply(internal);
    }
    return key;
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      Object x = a[i];
      Object y = b[i];
      int c;
      if (x == null || y == null) {
        if (x == y) {
          continue;
        }
        // null placement is absolute: it does not flip with the direction
        c = (x == null) == nullsFirst[i] ? -1 : 1;
        return c;
      }
      c = comparators[i].compare(x, y);
      if (c != 0) {
        return descending[i] ? -c : c;
      }
    }
    return 0;
  }
}
