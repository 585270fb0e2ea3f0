package dev.floe.compaction;

import dev.floe.error.InvalidInputException;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link Strategy} resolved against a table's schema and sort orders, once, before any file is
 * read: unknown columns and impossible orders fail here, as {@link InvalidInputException}.
 */
sealed interface RowLayout {

  /** The sort-order id the output files carry: 0 for unsorted files, none for an order the table does not define. */
  OptionalInt outputSortOrderId();

  /** Rows in file order (bin-pack). */
  record Unordered() implements RowLayout {
    public OptionalInt outputSortOrderId() {
      return OptionalInt.of(0);
    }
  }

  record Sorted(SortOrder order, OptionalInt outputSortOrderId) implements RowLayout {}

  record ZOrdered(List<FieldAccessor> columns) implements RowLayout {
    public OptionalInt outputSortOrderId() {
      return OptionalInt.empty(); // a Z-order is no sort order the table metadata can name
    }
  }

  static RowLayout resolve(TableMetadata metadata, Strategy strategy) {
    Schema schema = metadata.schema();
    if (strategy instanceof Strategy.Sort s) {
      return sorted(metadata, schema, s);
    }
    if (strategy instanceof Strategy.ZOrder z) {
      List<FieldAccessor> columns = new ArrayList<>();
      for (String c : z.columns()) {
        columns.add(FieldAccessor.of(schema, c, "zorder-by"));
      }
      return new ZOrdered(columns);
    }
    return new Unordered();
  }

  private static RowLayout sorted(TableMetadata metadata, Schema schema, Strategy.Sort s) {
    SortOrder order = s.order().isPresent() ? SortOrder.parse(schema, s.order().get())
        : metadata.sortOrders().stream().filter(o -> o.orderId() == metadata.defaultSortOrderId())
            .findFirst().orElse(SortOrder.unsorted());
    if (order.isUnsorted()) {
      throw new InvalidInputException("sort-by", "the table has no sort order; name the columns to sort by"
          + " (--sort-by col[,col...])");
    }
    for (SortOrder.SortField f : order.fields()) {
      FieldAccessor.of(schema, f.sourceId(), "sort-by"); // the sort column must be one value per row
    }
    // files sorted by an order the table also defines say so; any other order stays unnamed
    OptionalInt id = OptionalInt.empty();
    for (SortOrder o : metadata.sortOrders()) {
      if (!o.isUnsorted() && o.fields().equals(order.fields())) {
        id = OptionalInt.of(o.orderId());
      }
    }
    return new Sorted(new SortOrder(id.orElse(0), order.fields()), id);
  }

  /** The key a group's rows are sorted by, or null for rows kept in file order. */
  static SortKey<?> keyFor(RowLayout layout, Schema schema, List<DataFile> files) {
    if (layout instanceof Sorted s) {
      return new RowOrderKey(schema, s.order());
    }
    if (layout instanceof ZOrdered z) {
      return new ZOrderKey(z.columns(), files);
    }
    return null;
  }
}
