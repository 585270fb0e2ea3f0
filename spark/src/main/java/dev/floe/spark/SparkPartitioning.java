package dev.floe.spark;

import dev.floe.error.InvalidInputException;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.Transform;

/**
 * Spark's {@code PARTITIONED BY} transforms as Floe partition specs and back: {@code col},
 * {@code years(col)}, {@code months(col)}, {@code days(col)}, {@code hours(col)},
 * {@code bucket(N, col)} and {@code truncate(col, W)} (either argument order). The spec is built
 * through {@link PartitionSpec#parse}, so Floe's own checks (a transform that cannot apply to the
 * column's type) give the error.
 */
public final class SparkPartitioning {
  private SparkPartitioning() {}

  public static PartitionSpec toFloe(Schema schema, Transform[] transforms) {
    List<String> terms = new ArrayList<>();
    for (Transform t : transforms) {
      terms.add(term(t));
    }
    try {
      return PartitionSpec.parse(schema, String.join(", ", terms));
    } catch (InvalidInputException e) {
      throw SparkErrors.raise(SparkErrors.fromFloe(e));
    }
  }

  private static String term(Transform t) {
    String name = t.name().toLowerCase(Locale.ROOT);
    NamedReference[] refs = t.references();
    if (refs.length != 1) {
      throw SparkErrors.raise(SparkErrors.analysis("Cannot partition a Floe table by " + t.describe()
          + ": each partition transform takes exactly one column"));
    }
    String column = String.join(".", refs[0].fieldNames());
    return switch (name) {
      case "identity" -> column;
      case "year", "years" -> "year(" + column + ")";
      case "month", "months" -> "month(" + column + ")";
      case "day", "days", "date" -> "day(" + column + ")";
      case "hour", "hours", "date_hour" -> "hour(" + column + ")";
      case "bucket" -> "bucket(" + intArgument(t) + ", " + column + ")";
      case "truncate" -> "truncate(" + intArgument(t) + ", " + column + ")";
      default -> throw SparkErrors.raise(SparkErrors.analysis("Cannot partition a Floe table by " + t.describe()
          + ": Floe has identity, years, months, days, hours, bucket(N, col) and truncate(col, W)"));
    };
  }

  private static int intArgument(Transform t) {
    for (Expression arg : t.arguments()) {
      if (arg instanceof Literal<?> lit && lit.value() instanceof Number n) {
        return n.intValue();
      }
    }
    throw SparkErrors.raise(SparkErrors.analysis("Cannot partition a Floe table by " + t.describe()
        + ": " + t.name() + " needs a whole-number argument"));
  }

  /** The spec as Spark transforms (for DESCRIBE and SHOW CREATE TABLE); void fields are left out. */
  public static Transform[] toSpark(Schema schema, PartitionSpec spec) {
    List<Transform> out = new ArrayList<>();
    for (PartitionField f : spec.fields()) {
      String column = schema.findColumnName(f.sourceId()).orElse("field-" + f.sourceId());
      Transform t = toSpark(f.transform(), column);
      if (t != null) {
        out.add(t);
      }
    }
    return out.toArray(new Transform[0]);
  }

  private static Transform toSpark(dev.floe.partition.Transform t, String column) {
    if (t instanceof Transforms.Identity) {
      return Expressions.identity(column);
    }
    if (t instanceof Transforms.Year) {
      return Expressions.years(column);
    }
    if (t instanceof Transforms.Month) {
      return Expressions.months(column);
    }
    if (t instanceof Transforms.Day) {
      return Expressions.days(column);
    }
    if (t instanceof Transforms.Hour) {
      return Expressions.hours(column);
    }
    if (t instanceof Transforms.Bucket b) {
      return Expressions.bucket(b.numBuckets(), column);
    }
    if (t instanceof Transforms.Truncate tr) {
      return Expressions.apply("truncate", Expressions.column(column), Expressions.literal(tr.width()));
    }
    return null; // void: no Spark counterpart, and nothing to show
  }
}
