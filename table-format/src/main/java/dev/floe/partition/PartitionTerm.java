package dev.floe.partition;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transform of a source column as people write it: {@code col}, {@code identity(col)},
 * {@code day(ts)}, {@code bucket(16, id)}, {@code truncate(4, name)}. Partition specs and sort
 * orders are lists of these.
 */
public record PartitionTerm(int sourceId, Transform transform, String defaultName) {
  private static final Pattern TERM =
      Pattern.compile("\\s*(\\w+)\\s*(?:\\(\\s*(?:(\\d+)\\s*,\\s*)?([\\w.]+)\\s*\\))?\\s*");

  /**
   * Parses one term against a schema.
   *
   * @param what names the input in errors (e.g. {@code partition-by})
   * @throws InvalidInputException for text that is not a term, an unknown column, or a transform
   *     that does not apply to the column's type
   */
  public static PartitionTerm parse(Schema schema, String text, String what) {
    Matcher m = TERM.matcher(text);
    if (!m.matches()) {
      throw new InvalidInputException(what, "cannot parse '" + text.trim()
          + "'; expected col, day(col), bucket(N, col), truncate(W, col), ...");
    }
    String fn = m.group(1);
    String column;
    Transform transform;
    if (m.group(3) == null) {
      column = fn;
      transform = Transforms.identity();
    } else {
      column = m.group(3);
      String lower = fn.toLowerCase(Locale.ROOT);
      boolean takesArg = lower.equals("bucket") || lower.equals("truncate");
      if (takesArg != (m.group(2) != null)) {
        throw new InvalidInputException(what, takesArg
            ? fn + " needs a number: " + fn + "(N, " + column + ")"
            : fn + " takes no number: " + fn + "(" + column + ")");
      }
      transform = Transform.parse(takesArg ? lower + "[" + m.group(2) + "]" : lower);
    }
    NestedField source = schema.field(column);
    if (!transform.canTransform(source.type())) {
      throw new InvalidInputException(what, "cannot apply " + transform + " to column '"
          + column + "' of type " + source.type());
    }
    return new PartitionTerm(source.id(), transform, PartitionSpec.defaultName(source.name(), transform));
  }

  /** The text form of a transform of a column, e.g. {@code bucket(16, id)}. */
  public static String describe(Transform transform, String column) {
    if (transform instanceof Transforms.Identity) {
      return column;
    }
    if (transform instanceof Transforms.Bucket b) {
      return "bucket(" + b.numBuckets() + ", " + column + ")";
    }
    if (transform instanceof Transforms.Truncate t) {
      return "truncate(" + t.width() + ", " + column + ")";
    }
    return transform + "(" + column + ")";
  }
}
