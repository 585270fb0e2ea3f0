package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.metadata.SortOrder;
import dev.floe.table.RowSorter;
import dev.floe.types.Schema;

/**
 * The key of a {@link SortOrder}, exactly as the table's writer sorts by it ({@link RowSorter}):
 * each sort field's transformed value in internal form, compared with the one ordering bounds and
 * filters use, so that sorted files get min/max statistics that do not overlap.
 */
final class RowOrderKey implements SortKey<Object[]> {
  private final RowSorter sorter;

  RowOrderKey(Schema schema, SortOrder order) {
    for (SortOrder.SortField f : order.fields()) {
      FieldAccessor.of(schema, f.sourceId(), "sort-by"); // a sort column people can name, or a clear error
    }
    this.sorter = new RowSorter(schema, order);
  }

  @Override
  public Object[] of(Record row) {
    return sorter.key(row);
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    return sorter.compare(a, b);
  }
}
