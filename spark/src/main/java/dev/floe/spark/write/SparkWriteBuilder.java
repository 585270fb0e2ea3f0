package dev.floe.spark.write;

import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.spark.SparkErrors;
import dev.floe.spark.SparkSchemas;
import dev.floe.spark.SparkTable;
import dev.floe.spark.read.SparkFilters;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.SupportsDynamicOverwrite;
import org.apache.spark.sql.connector.write.SupportsOverwriteV2;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Plans a write into a Floe table: matches the incoming columns to the table's by name (Spark
 * has already resolved and cast them for catalog tables) and refuses, before any file is
 * written, input whose columns the table does not have or whose types differ.
 */
public final class SparkWriteBuilder implements WriteBuilder, SupportsOverwriteV2, SupportsDynamicOverwrite {
  private final SparkTable table;
  private final LogicalWriteInfo info;
  private WriteMode mode = new WriteMode.Append();

  public SparkWriteBuilder(SparkTable table, LogicalWriteInfo info) {
    this.table = table;
    this.info = info;
  }

  @Override
  public boolean canOverwrite(Predicate[] predicates) {
    return new SparkFilters(table.floeTable().schema()).convertAll(predicates).isPresent();
  }

  @Override
  public WriteBuilder overwrite(Predicate[] predicates) {
    Expression filter = new SparkFilters(table.floeTable().schema()).convertAll(predicates).orElseThrow(() ->
        SparkErrors.raise(SparkErrors.analysis("Cannot overwrite rows of " + table.name() + " where "
            + java.util.Arrays.toString(predicates) + ": Floe cannot evaluate that filter exactly")));
    mode = new WriteMode.OverwriteWhere(filter);
    return this;
  }

  @Override
  public WriteBuilder truncate() {
    mode = new WriteMode.OverwriteWhere(Expressions.alwaysTrue());
    return this;
  }

  @Override
  public WriteBuilder overwriteDynamicPartitions() {
    mode = new WriteMode.OverwritePartitions();
    return this;
  }

  @Override
  public Write build() {
    int[] positions = inputPositions(table.floeTable().schema(), info.schema(), table.name());
    return new Write() {
      @Override
      public String description() {
        return "floe " + mode.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " into " + table.name();
      }

      @Override
      public BatchWrite toBatch() {
        PendingFiles pending = PendingFiles.newJob(table.floeTable().location());
        WriterFactory factory = new WriterFactory(table.context(), positions, pending);
        return mode instanceof WriteMode.Append ? new BatchAppend(table, info.queryId(), factory, pending)
            : new BatchOverwrite(table, info.queryId(), factory, pending, mode);
      }

      @Override
      public StreamingWrite toStreaming() {
        if (!(mode instanceof WriteMode.Append)) {
          throw SparkErrors.raise(SparkErrors.analysis("A stream into " + table.name() + " can only append"
              + " (output mode append); Floe's streaming sink does not replace rows"));
        }
        PendingFiles pending = PendingFiles.newJob(table.floeTable().location());
        return new StreamingAppend(table, info.queryId(), new WriterFactory(table.context(), positions, pending),
            pending);
      }
    };
  }

  /** For each table column, its position in the input (-1: absent, written as null). */
  static int[] inputPositions(Schema schema, StructType input, String tableName) {
    List<String> problems = new ArrayList<>();
    for (StructField f : input.fields()) {
      if (schema.asStruct().field(f.name()).isEmpty() && schema.findField(f.name()).isEmpty()) {
        problems.add("column '" + f.name() + "' is not in the table");
      }
    }
    List<NestedField> cols = schema.columns();
    int[] positions = new int[cols.size()];
    for (int i = 0; i < positions.length; i++) {
      NestedField col = cols.get(i);
      positions[i] = indexOf(input, col.name());
      DataType expected = SparkSchemas.toSpark(col.type(), col.name());
      if (positions[i] < 0) {
        if (col.required()) {
          problems.add("required column '" + col.name() + "' is missing");
        }
      } else if (!sameIgnoringNullability(input.fields()[positions[i]].dataType(), expected)) {
        problems.add("column '" + col.name() + "' is " + input.fields()[positions[i]].dataType().simpleString()
            + " but the table has " + expected.simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot write to Floe table " + tableName
          + ": the data does not match the table's schema: " + String.join("; ", problems)
          + ". Table schema: " + SparkSchemas.toSpark(schema).simpleString()));
    }
    return positions;
  }

  private static int indexOf(StructType input, String name) {
    StructField[] fields = input.fields();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameIgnoringNullability(DataType a, DataType b) {
    return a.asNullable().sameType(b.asNullable()) || a.asNullable().equals(b.asNullable());
  }
}
