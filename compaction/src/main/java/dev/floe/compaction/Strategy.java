package dev.floe.compaction;

import dev.floe.error.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a rewrite lays out the rows of its output files.
 *
 * <ul>
 *   <li>{@link BinPack}: rows are copied in file order; only the file sizes change.
 *   <li>{@link Sort}: rows are sorted, by the given columns or by the table's sort order, so that
 *       the output files' min/max ranges on the leading sort column stop overlapping.
 *   <li>{@link ZOrder}: rows are ordered along a Z-order curve over 2 to 4 columns, so that a
 *       filter on any of them prunes files.
 * </ul>
 */
public sealed interface Strategy permits Strategy.BinPack, Strategy.Sort, Strategy.ZOrder {

  /** The name the CLI and plans use: {@code binpack}, {@code sort} or {@code zorder}. */
  String id();

  record BinPack() implements Strategy {
    @Override
    public String id() {
      return "binpack";
    }
  }

  /**
   * Sort by an order in the table's text form ({@code "id desc nulls last, day(ts)"}, see
   * {@link dev.floe.metadata.SortOrder#parse}), read against the schema when the plan is made;
   * empty means the table's own sort order.
   */
  record Sort(Optional<String> order) implements Strategy {
    public Sort {
      java.util.Objects.requireNonNull(order, "order");
      if (order.isPresent() && order.get().isBlank()) {
        throw new InvalidInputException("sort-by", "no columns given");
      }
    }

    @Override
    public String id() {
      return "sort";
    }
  }

  record ZOrder(List<String> columns) implements Strategy {
    public static final int MIN_COLUMNS = 2;
    public static final int MAX_COLUMNS = 4;

    public ZOrder {
      columns = List.copyOf(columns);
      if (columns.size() < MIN_COLUMNS || columns.size() > MAX_COLUMNS) {
        throw new InvalidInputException("zorder-by", "z-order needs " + MIN_COLUMNS + " to " + MAX_COLUMNS
            + " columns, got " + columns.size() + (columns.isEmpty() ? "" : ": " + String.join(", ", columns)));
      }
      if (columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).distinct().count() != columns.size()) {
        throw new InvalidInputException("zorder-by", "a column is named twice: " + String.join(", ", columns));
      }
    }

    @Override
    public String id() {
      return "zorder";
    }
  }

  static Strategy binPack() {
    return new BinPack();
  }

  /** Sort by the table's sort order. */
  static Strategy sort() {
    return new Sort(Optional.empty());
  }

  /** Sort by {@code "id desc nulls last, ts"}: columns or transforms, each with a direction and null order. */
  static Strategy sortBy(String order) {
    return new Sort(Optional.of(order));
  }

  static Strategy zOrder(String... columns) {
    return new ZOrder(List.of(columns));
  }

  /**
   * The strategy named on a command line.
   *
   * @param sortBy columns for {@code sort} (null: the table's order)
   * @param zOrderBy comma-separated columns for {@code zorder}
   */
  static Strategy parse(String name, String sortBy, String zOrderBy) {
    String n = name == null ? "binpack" : name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "binpack", "bin-pack" -> {
        requireAbsent(sortBy, "sort-by", n);
        requireAbsent(zOrderBy, "zorder-by", n);
        return binPack();
      }
      case "sort" -> {
        requireAbsent(zOrderBy, "zorder-by", n);
        return sortBy == null || sortBy.isBlank() ? sort() : sortBy(sortBy);
      }
      case "zorder", "z-order" -> {
        requireAbsent(sortBy, "sort-by", n);
        if (zOrderBy == null || zOrderBy.isBlank()) {
          throw new InvalidInputException("zorder-by", "the zorder strategy needs 2 to 4 columns (--zorder-by a,b)");
        }
        List<String> columns = new java.util.ArrayList<>();
        for (String c : zOrderBy.split(",", -1)) {
          if (c.isBlank()) {
            throw new InvalidInputException("zorder-by", "empty column in '" + zOrderBy + "'");
          }
          columns.add(c.trim());
        }
        return new ZOrder(columns);
      }
      default -> throw new InvalidInputException("strategy", "unknown strategy '" + name
          + "'; expected binpack, sort or zorder");
    }
  }

  private static void requireAbsent(String value, String option, String strategy) {
    if (value != null && !value.isBlank()) {
      throw new InvalidInputException(option, "does not apply to the " + strategy + " strategy");
    }
  }
}
