package dev.floe.partition;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partition transform: turns a source column's value into a partition value. Values are in
 * Floe's internal representation (see {@link dev.floe.types.Values}). The text form is the one
 * Iceberg metadata uses: {@code identity}, {@code bucket[16]}, {@code truncate[4]}, {@code year},
 * {@code month}, {@code day}, {@code hour}, {@code void}.
 */
public sealed interface Transform permits Transforms.Identity, Transforms.Bucket,
    Transforms.Truncate, Transforms.Year, Transforms.Month, Transforms.Day, Transforms.Hour,
    Transforms.Void {

  /** The partition value for a source value (null stays null). */
  Object apply(Object internalValue);

  /** The type of the partition values for a source column of this type. */
  Type resultType(Type sourceType);

  /** Whether this transform accepts a source column of this type. */
  boolean canTransform(Type sourceType);

  /**
   * Whether the partition value keeps the source order (a &lt;= b implies f(a) &lt;= f(b)), so
   * range predicates can be projected onto it.
   */
  boolean preservesOrder();

  /** The partition value as a path segment, e.g. {@code 2026-01-01} for a day. */
  String toHumanString(Object partitionValue);

  static Transform parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "identity": return Transforms.identity();
      case "year": case "years": return Transforms.year();
      case "month": case "months": return Transforms.month();
      case "day": case "days": return Transforms.day();
      case "hour": case "hours": return Transforms.hour();
      case "void": return Transforms.alwaysNull();
      default: break;
    }
    Matcher m = Pattern.compile("(bucket|truncate)\\[(\\d+)]").matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(2));
      return m.group(1).equals("bucket") ? Transforms.bucket(n) : Transforms.truncate(n);
    }
    throw new InvalidInputException("transform", "unknown partition transform '" + text
        + "'; expected identity, bucket[N], truncate[W], year, month, day, hour or void");
  }
}
