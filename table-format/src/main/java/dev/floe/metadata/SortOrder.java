package dev.floe.metadata;

import dev.floe.error.InvalidInputException;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.PartitionTerm;
import dev.floe.partition.Transform;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The order writers sort rows in within files. Order id 0 is "unsorted". */
public record SortOrder(int orderId, List<SortField> fields) {
  private static final SortOrder UNSORTED = new SortOrder(0, List.of());
  private static final Pattern TERM = Pattern.compile(
      "(.+?)(?:\\s+(asc|desc))?(?:\\s+nulls\\s+(first|last))?\\s*", Pattern.CASE_INSENSITIVE);

  public SortOrder {
    fields = List.copyOf(fields);
  }

  public static SortOrder unsorted() {
    return UNSORTED;
  }

  public boolean isUnsorted() {
    return fields.isEmpty();
  }

  public enum Direction { ASC, DESC }

  public enum NullOrder { NULLS_FIRST, NULLS_LAST }

  public record SortField(int sourceId, Transform transform, Direction direction, NullOrder nullOrder) {}

  /**
   * Parses the CLI/SQL form: comma-separated terms ({@code col} or a transform such as
   * {@code bucket(4, id)}), each optionally followed by {@code asc} or {@code desc} and
   * {@code nulls first} or {@code nulls last}. Nulls come first in ascending order and last in
   * descending order unless told otherwise, as in Iceberg. Blank text is the unsorted order.
   */
  public static SortOrder parse(Schema schema, String text) {
    if (text == null || text.isBlank()) {
      return unsorted();
    }
    List<SortField> fields = new ArrayList<>();
    for (String part : PartitionSpec.splitTopLevel(text)) {
      Matcher m = TERM.matcher(part.trim());
      if (!m.matches()) {
        throw new InvalidInputException("sort-order", "cannot parse '" + part.trim()
            + "'; expected col [asc|desc] [nulls first|nulls last]");
      }
      PartitionTerm term = PartitionTerm.parse(schema, m.group(1), "sort-order");
      Direction direction = m.group(2) != null && m.group(2).toLowerCase(Locale.ROOT).equals("desc")
          ? Direction.DESC : Direction.ASC;
      NullOrder nulls = m.group(3) == null
          ? (direction == Direction.ASC ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST)
          : m.group(3).toLowerCase(Locale.ROOT).equals("first") ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
      fields.add(new SortField(term.sourceId(), term.transform(), direction, nulls));
    }
    return new SortOrder(0, fields);
  }
}
