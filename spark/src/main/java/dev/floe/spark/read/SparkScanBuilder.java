package dev.floe.spark.read;

import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.spark.ReadOptions;
import dev.floe.spark.SparkTable;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes into a scan: the predicates Floe evaluates itself (see
 * {@link SparkFilters}) and the top-level columns Spark needs.
 */
public final class SparkScanBuilder implements ScanBuilder, SupportsPushDownV2Filters,
    SupportsPushDownRequiredColumns {
  private final SparkTable table;
  private final Schema schema;
  private final ReadOptions options;
  private final List<Predicate> pushed = new ArrayList<>();
  private Expression filter = Expressions.alwaysTrue();
  private List<String> columns;

  public SparkScanBuilder(SparkTable table, ReadOptions options) {
    this.table = table;
    this.schema = table.readSchema();
    this.options = options;
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    SparkFilters converter = new SparkFilters(schema);
    List<Predicate> rejected = new ArrayList<>();
    for (Predicate p : predicates) {
      Optional<Expression> e = converter.convert(p);
      if (e.isPresent()) {
        filter = Expressions.and(filter, e.get());
        pushed.add(p);
      } else {
        rejected.add(p);
      }
    }
    return rejected.toArray(new Predicate[0]);
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(new Predicate[0]);
  }

  @Override
  public void pruneColumns(StructType required) {
    List<String> names = new ArrayList<>();
    for (StructField f : required.fields()) {
      // nested fields are read whole: Floe projects top-level columns
      schema.findField(f.name()).ifPresent(field -> names.add(field.name()));
    }
    columns = names;
  }

  @Override
  public Scan build() {
    Schema output = columns == null ? schema : schema.select(columns);
    return new SparkScan(table, options, filter, output);
  }
}
