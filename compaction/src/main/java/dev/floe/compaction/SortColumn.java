package dev.floe.compaction;

import dev.floe.error.InvalidInputException;
import dev.floe.metadata.SortOrder.Direction;
import dev.floe.metadata.SortOrder.NullOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One column of a sort given by name: {@code id}, {@code id desc}, {@code ts asc nulls last}.
 * Nulls come first in ascending and last in descending order unless said otherwise (the
 * convention of Iceberg and most SQL engines).
 */
public record SortColumn(String column, Direction direction, NullOrder nullOrder) {
  public SortColumn {
    if (column == null || column.isBlank()) {
      throw new InvalidInputException("sort-by", "column name must not be blank");
    }
  }

  public static SortColumn asc(String column) {
    return new SortColumn(column, Direction.ASC, NullOrder.NULLS_FIRST);
  }

  public static SortColumn desc(String column) {
    return new SortColumn(column, Direction.DESC, NullOrder.NULLS_LAST);
  }

  /** Parses {@code "a, b desc, c asc nulls last"}. */
  public static List<SortColumn> parseList(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("sort-by", "no columns given");
    }
    List<SortColumn> out = new ArrayList<>();
    for (String term : splitList(text)) {
      out.add(parse(term));
    }
    return out;
  }

  static SortColumn parse(String term) {
    String[] words = term.trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      throw new InvalidInputException("sort-by", "empty column in the sort list");
    }
    String column = words[0];
    Direction direction = Direction.ASC;
    int i = 1;
    if (i < words.length && (is(words[i], "asc") || is(words[i], "desc"))) {
      direction = is(words[i], "asc") ? Direction.ASC : Direction.DESC;
      i++;
    }
    NullOrder nulls = direction == Direction.ASC ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
    if (i < words.length && is(words[i], "nulls")) {
      if (i + 1 >= words.length || !(is(words[i + 1], "first") || is(words[i + 1], "last"))) {
        throw new InvalidInputException("sort-by", "expected 'nulls first' or 'nulls last' in '" + term.trim() + "'");
      }
      nulls = is(words[i + 1], "first") ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
      i += 2;
    }
    if (i != words.length) {
      throw new InvalidInputException("sort-by", "cannot parse '" + term.trim()
          + "'; expected: column [asc|desc] [nulls first|nulls last]");
    }
    return new SortColumn(column, direction, nulls);
  }

  static List<String> splitList(String text) {
    List<String> parts = new ArrayList<>();
    for (String p : text.split(",", -1)) {
      if (p.isBlank()) {
        throw new InvalidInputException("columns", "empty column in '" + text + "'");
      }
      parts.add(p);
    }
    return parts;
  }

  private static boolean is(String word, String keyword) {
    return word.toLowerCase(Locale.ROOT).equals(keyword);
  }
}
