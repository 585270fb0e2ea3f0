package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one primitive column of a record, top-level or inside structs, by positions found once
 * from the schema. Columns inside lists or maps have no single value per row and are refused.
 */
final class FieldAccessor {
  private final int[] path;
  private final NestedField field;
  private final String name;

  private FieldAccessor(int[] path, NestedField field, String name) {
    this.path = path;
    this.field = field;
    this.name = name;
  }

  static FieldAccessor of(Schema schema, int fieldId, String option) {
    String name = schema.findColumnName(fieldId).orElseThrow(() -> new InvalidInputException(option,
        "column id " + fieldId + " is not in the current schema"));
    List<Integer> positions = new ArrayList<>();
    if (!find(schema.asStruct(), fieldId, positions)) {
      throw new InvalidInputException(option, "column '" + name + "' is inside a list or map; only columns"
          + " with one value per row can order rows");
    }
    NestedField field = schema.findField(fieldId).orElseThrow();
    if (!field.type().isPrimitive()) {
      throw new InvalidInputException(option, "column '" + name + "' is a " + field.type().kind().name()
          .toLowerCase(java.util.Locale.ROOT) + "; only primitive columns can order rows");
    }
    return new FieldAccessor(positions.stream().mapToInt(Integer::intValue).toArray(), field, name);
  }

  static FieldAccessor of(Schema schema, String column, String option) {
    NestedField f = schema.findField(column).orElseThrow(() -> new InvalidInputException(option,
        "unknown column '" + column + "'; the table has " + String.join(", ",
            schema.columns().stream().map(NestedField::name).toList())));
    return of(schema, f.id(), option);
  }

  private static boolean find(StructType struct, int fieldId, List<Integer> positions) {
    List<NestedField> fields = struct.fields();
    for (int i = 0; i < fields.size(); i++) {
      NestedField f = fields.get(i);
      if (f.id() == fieldId) {
        positions.add(i);
        return true;
      }
      if (f.type() instanceof StructType inner) {
        positions.add(i);
        if (find(inner, fieldId, positions)) {
          return true;
        }
        positions.remove(positions.size() - 1);
      }
    }
    return false;
  }

  /** The value in its record (external) form; null when it or an enclosing struct is null. */
  Object get(Record row) {
    Object v = row;
    for (int p : path) {
      if (v == null) {
        return null;
      }
      v = ((Record) v).get(p);
    }
    return v;
  }

  Type.PrimitiveType type() {
    return field.type().asPrimitive();
  }

  int fieldId() {
    return field.id();
  }

  String name() {
    return name;
  }
}
