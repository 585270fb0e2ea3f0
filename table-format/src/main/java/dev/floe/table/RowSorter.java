package dev.floe.table;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.SortOrder;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts a batch of rows by a sort order: for each row the key of each sort field (the source
 * value, found by field id through structs, in internal form, through the field's transform),
 * compared with the type's order, direction and null order. Public for the rewrites that sort more
 * rows than one batch (compaction's external sort): they keep each row's {@link #key} and merge by
 * {@link #compare}, in exactly the order this writer sorts.
 */
public final class RowSorter {
  private final int[][] paths;
  private final Type.PrimitiveType[] sourceTypes;
  private final SortOrder.SortField[] fields;
  private final Comparator<Object[]> keyOrder;

  public RowSorter(Schema schema, SortOrder order) {
    int n = order.fields().size();
    this.paths = new int[n][];
    this.sourceTypes = new Type.PrimitiveType[n];
    this.fields = order.fields().toArray(new SortOrder.SortField[0]);
    Comparator<Object[]> cmp = null;
    for (int i = 0; i < n; i++) {
      SortOrder.SortField f = fields[i];
      paths[i] = path(schema.asStruct(), f.sourceId());
      if (paths[i] == null) {
        throw new InvalidInputException("sort-order", "sort column " + f.sourceId()
            + " is not a field of the schema reachable through structs");
      }
      NestedField source = schema.findField(f.sourceId()).orElseThrow();
      sourceTypes[i] = source.type().asPrimitive();
      Comparator<Object> values = Comparators.forType(f.transform().resultType(source.type()).asPrimitive());
      if (f.direction() == SortOrder.Direction.DESC) {
        values = values.reversed();
      }
      values = f.nullOrder() == SortOrder.NullOrder.NULLS_FIRST
          ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      int k = i;
      Comparator<Object> byField = values;
      Comparator<Object[]> one = (a, b) -> byField.compare(a[k], b[k]);
      cmp = cmp == null ? one : cmp.thenComparing(one);
    }
    this.keyOrder = cmp;
  }

  private static int[] path(Types.StructType struct, int id) {
    List<NestedField> fs = struct.fields();
    for (int i = 0; i < fs.size(); i++) {
      if (fs.get(i).id() == id) {
        return new int[] {i};
      }
      if (fs.get(i).type() instanceof Types.StructType s) {
        int[] rest = path(s, id);
        if (rest != null) {
          int[] out = new int[rest.length + 1];
          out[0] = i;
          System.arraycopy(rest, 0, out, 1, rest.length);
          return out;
        }
      }
    }
    return null;
  }

  /** The row's key: one internal, transformed value per sort field. */
  public Object[] key(Record row) {
    Object[] key = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Object v = row;
      for (int p : paths[i]) {
        v = v == null ? null : ((Record) v).get(p);
      }
      key[i] = v == null ? null : fields[i].transform().apply(Values.toInternal(sourceTypes[i], v));
    }
    return key;
  }

  /** The order of two keys made by {@link #key}. */
  public int compare(Object[] a, Object[] b) {
    return keyOrder.compare(a, b);
  }

  /** The rows in sort order; equal keys keep their arrival order. */
  Record[] sort(List<Record> rows) {
    Object[][] keys = new Object[rows.size()][];
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key(rows.get(i));
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> keyOrder.compare(keys[a], keys[b]));
    Record[] out = new Record[order.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(order[i]);
    }
    return out;
  }
}
