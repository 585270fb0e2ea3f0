package dev.floe.server.service;

import dev.floe.error.InvalidInputException;
import dev.floe.metadata.SortOrder;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A new table's ids, assigned by the catalog as Iceberg catalogs do: column ids from 1 (each
 * struct's fields first, then what nests inside them), partition field ids from 1000, and the
 * spec's and sort order's source ids mapped onto the new column ids.
 */
final class FreshIds {
  private final Map<Integer, Integer> columnIds = new HashMap<>();
  private int next = 1;

  static FreshIds forNewTable() {
    return new FreshIds();
  }

  Schema schema(Schema schema) {
    List<NestedField> fields = struct(schema.columns());
    List<Integer> identifiers = new ArrayList<>();
    for (int id : schema.identifierFieldIds()) {
      identifiers.add(mapped(id, "identifier-field-ids"));
    }
    return new Schema(0, new Types.StructType(fields), identifiers);
  }

  private List<NestedField> struct(List<NestedField> fields) {
    List<Integer> ids = new ArrayList<>();
    for (NestedField f : fields) {
      ids.add(assign(f.id()));
    }
    List<NestedField> out = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      NestedField f = fields.get(i);
      out.add(f.withId(ids.get(i), type(f.type())));
    }
    return out;
  }

  private Type type(Type t) {
    if (t instanceof Types.StructType s) {
      return new Types.StructType(struct(s.fields()));
    }
    if (t instanceof Types.ListType l) {
      int element = assign(l.elementId());
      return new Types.ListType(element, type(l.elementType()), l.elementRequired());
    }
    if (t instanceof Types.MapType m) {
      int key = assign(m.keyId());
      int value = assign(m.valueId());
      return new Types.MapType(key, type(m.keyType()), value, type(m.valueType()), m.valueRequired());
    }
    return t;
  }

  private int assign(int oldId) {
    int id = next++;
    columnIds.putIfAbsent(oldId, id);
    return id;
  }

  private int mapped(int oldId, String field) {
    Integer id = columnIds.get(oldId);
    if (id == null) {
      throw new InvalidInputException(field, "refers to column id " + oldId + ", which the schema does not have");
    }
    return id;
  }

  PartitionSpec spec(PartitionSpec spec) {
    List<PartitionField> out = new ArrayList<>();
    int fieldId = PartitionSpec.FIRST_FIELD_ID;
    for (PartitionField f : spec.fields()) {
      out.add(new PartitionField(mapped(f.sourceId(), "partition-spec"), fieldId++, f.name(), f.transform()));
    }
    return new PartitionSpec(0, out);
  }

  SortOrder sortOrder(SortOrder order) {
    if (order.isUnsorted()) {
      return SortOrder.unsorted();
    }
    List<SortOrder.SortField> out = new ArrayList<>();
    for (SortOrder.SortField f : order.fields()) {
      out.add(new SortOrder.SortField(mapped(f.sourceId(), "write-order"), f.transform(), f.direction(), f.nullOrder()));
    }
    return new SortOrder(1, out);
  }
}
