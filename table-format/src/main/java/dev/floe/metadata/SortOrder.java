package dev.floe.metadata;

import dev.floe.partition.Transform;
import java.util.List;

/** The order writers sort rows in within files. Order id 0 is "unsorted". */
public record SortOrder(int orderId, List<SortField> fields) {
  private static final SortOrder UNSORTED = new SortOrder(0, List.of());

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
}
