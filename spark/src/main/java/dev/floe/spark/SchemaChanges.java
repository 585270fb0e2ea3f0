package dev.floe.spark;

import dev.floe.table.Table;
import dev.floe.table.UpdateProperties;
import dev.floe.table.UpdateSchema;
import dev.floe.types.Type;
import dev.floe.types.Types.NestedField;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * ALTER TABLE as Floe changes: property changes in one properties commit, column changes in one
 * schema commit (Floe's UpdateSchema: by field id, no data file rewritten). Nested columns are
 * named with dots, as Spark's field names join.
 */
final class SchemaChanges {
  private SchemaChanges() {}

  static void apply(Table table, String name, TableChange... changes) {
    UpdateProperties properties = null;
    UpdateSchema schema = null;
    for (TableChange change : changes) {
      if (change instanceof TableChange.SetProperty set) {
        properties = properties == null ? table.updateProperties() : properties;
        properties.set(set.property(), set.value());
      } else if (change instanceof TableChange.RemoveProperty remove) {
        properties = properties == null ? table.updateProperties() : properties;
        properties.remove(remove.property());
      } else if (change instanceof TableChange.ColumnChange column) {
        schema = schema == null ? table.updateSchema() : schema;
        column(schema, table, name, column);
      } else {
        throw SparkErrors.notYet("ALTER TABLE " + name + " (" + change.getClass().getSimpleName() + ")",
            "Floe's Spark catalog changes properties and columns");
      }
    }
    if (properties != null) {
      properties.commit();
    }
    if (schema != null) {
      schema.commit();
    }
  }

  private static void column(UpdateSchema schema, Table table, String tableName, TableChange.ColumnChange change) {
    String column = String.join(".", change.fieldNames());
    if (change instanceof TableChange.AddColumn add) {
      String[] names = add.fieldNames();
      String leaf = names[names.length - 1];
      Type type = floeType(leaf, add.dataType(), add.comment());
      if (!add.isNullable()) {
        throw SparkErrors.raise(SparkErrors.analysis("Cannot add NOT NULL column " + column + " to " + tableName
            + ": rows already written have no value for it; add it nullable"));
      }
      if (add.defaultValue() != null) {
        throw SparkErrors.notYet("ADD COLUMN " + column + " ... DEFAULT", "add the column, then set its values");
      }
      if (names.length == 1) {
        schema.addColumn(leaf, type);
      } else {
        schema.addColumn(String.join(".", java.util.Arrays.copyOf(names, names.length - 1)), leaf, type);
      }
      if (add.comment() != null) {
        schema.updateColumnDoc(column, add.comment());
      }
      position(schema, column, add.position());
    } else if (change instanceof TableChange.RenameColumn rename) {
      schema.renameColumn(column, rename.newName());
    } else if (change instanceof TableChange.DeleteColumn delete) {
      if (Boolean.TRUE.equals(delete.ifExists()) && table.schema().findField(column).isEmpty()) {
        return;
      }
      schema.deleteColumn(column);
    } else if (change instanceof TableChange.UpdateColumnType update) {
      Type type = floeType(column, update.newDataType(), null);
      if (!type.isPrimitive()) {
        throw SparkErrors.raise(SparkErrors.analysis("Cannot change " + column + " of " + tableName + " to "
            + update.newDataType().simpleString() + ": only primitive columns widen"));
      }
      schema.updateColumn(column, type.asPrimitive());
    } else if (change instanceof TableChange.UpdateColumnNullability nullability) {
      if (!nullability.nullable()) {
        throw SparkErrors.raise(SparkErrors.analysis("Cannot make " + column + " of " + tableName
            + " NOT NULL: rows already written may hold nulls"));
      }
      schema.makeColumnOptional(column);
    } else if (change instanceof TableChange.UpdateColumnComment comment) {
      schema.updateColumnDoc(column, comment.newComment());
    } else if (change instanceof TableChange.UpdateColumnPosition move) {
      position(schema, column, move.position());
    } else {
      throw SparkErrors.notYet("ALTER TABLE " + tableName + " (" + change.getClass().getSimpleName() + ")",
          "Floe's Spark catalog adds, renames, drops, widens, comments and moves columns");
    }
  }

  private static void position(UpdateSchema schema, String column, TableChange.ColumnPosition position) {
    if (position instanceof TableChange.First) {
      schema.moveFirst(column);
    } else if (position instanceof TableChange.After after) {
      String parent = column.contains(".") ? column.substring(0, column.lastIndexOf('.') + 1) : "";
      schema.moveAfter(column, parent + after.column());
    }
  }

  /** The Floe type of a Spark type for a new or changed column (nested ids are assigned by the update). */
  private static Type floeType(String name, DataType type, String comment) {
    NestedField f = SparkSchemas.toFloe(new StructType(new StructField[] {
        new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty())})).columns().get(0);
    return f.type();
  }
}
