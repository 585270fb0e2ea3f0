package dev.floe.spark;

import dev.floe.error.FloeException;
import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import scala.Option;

/**
 * The one place Spark-facing errors are built. Each message names the problem, the cause and,
 * where there is one, the fix. Analysis-time problems (a type Floe cannot store, a snapshot that
 * does not exist, a transform Floe does not have) are {@link AnalysisException}s, as Spark's own
 * are, so users see them the way they see Spark's.
 */
public final class SparkErrors {
  private SparkErrors() {}

  public static AnalysisException analysis(String message) {
    return analysis(message, null);
  }

  public static AnalysisException analysis(String message, Throwable cause) {
    return new AnalysisException(message, Option.empty(), Option.empty(), Option.apply(cause), Option.empty(),
        scala.collection.immutable.Map$.MODULE$.empty(), new QueryContext[0]);
  }

  /** A Floe input error (a bad filter, name, value or transform) as an analysis error. */
  public static AnalysisException fromFloe(FloeException e) {
    return analysis(e.getMessage(), e);
  }

  /**
   * Throws an {@link AnalysisException} from a Spark interface method that does not declare it:
   * Spark's own callers catch and report it like any analysis error.
   */
  public static RuntimeException raise(AnalysisException e) {
    throw SparkErrors.<RuntimeException>sneaky(e);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  public static AnalysisException unsupportedType(String column, String type, String why) {
    return analysis("Cannot use column '" + column + "' of type " + type + " in a Floe table: " + why);
  }

  public static AnalysisException noSuchSnapshot(String table, String version) {
    return analysis("Table " + table + " has no snapshot, branch or tag '" + version + "' to read"
        + " VERSION AS OF; list its snapshots with SELECT * FROM " + table + ".snapshots");
  }

  public static UnsupportedOperationException notYet(String what, String why) {
    return new UnsupportedOperationException(what + " is not supported by Floe's Spark catalog yet: " + why);
  }
}
