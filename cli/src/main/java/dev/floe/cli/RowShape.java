package dev.floe.cli;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table's top-level columns as input files name them: finds a column by name (exact, then
 * ignoring case) and checks that a finished row has every required column (a required column
 * with a write default takes it when the input has no value).
 */
final class RowShape {
  private final Schema schema;
  private final List<NestedField> columns;
  private final Map<String, Integer> exact = new HashMap<>();
  private final Map<String, Integer> folded = new HashMap<>();

  RowShape(Schema schema) {
    this.schema = schema;
    this.columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      exact.put(columns.get(i).name(), i);
      folded.putIfAbsent(columns.get(i).name().toLowerCase(Locale.ROOT), i);
    }
  }

  Schema schema() {
    return schema;
  }

  int size() {
    return columns.size();
  }

  NestedField column(int index) {
    return columns.get(index);
  }

  /** The position of the named column; {@code where} says which file and line named it. */
  int indexOf(String name, String where) {
    Integer i = exact.get(name);
    if (i == null) {
      i = folded.get(name.toLowerCase(Locale.ROOT));
    }
    if (i == null) {
      throw new InvalidInputException(where, "unknown column '" + name + "'; the table has "
          + columns.stream().map(NestedField::name).collect(Collectors.joining(", ")));
    }
    return i;
  }

  /** The row as a record of the table's struct, after checking required columns. */
  Record finish(Object[] values, String where) {
    for (int i = 0; i < values.length; i++) {
      NestedField c = columns.get(i);
      if (values[i] == null && c.required() && c.writeDefault().isPresent()) {
        // a column added with a default: inputs written before it existed leave it out
        values[i] = dev.floe.types.Values.toExternal(c.type().asPrimitive(), c.writeDefault().get());
      }
      if (values[i] == null && columns.get(i).required()) {
        throw new InvalidInputException(where + ", column '" + columns.get(i).name() + "'",
            "null in a required (not null) column");
      }
    }
    return Record.wrap(schema.asStruct(), values);
  }

  static String at(String file, long line) {
    return file + " line " + line;
  }

  static String at(String file, long line, String column) {
    return file + " line " + line + ", column '" + column + "'";
  }
}
