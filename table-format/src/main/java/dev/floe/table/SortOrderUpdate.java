package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.TableMetadataBuilder;
import dev.floe.partition.PartitionTerm;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class SortOrderUpdate implements ReplaceSortOrder {
  private final ChangeSink sink;
  private final TableMetadata base;
  private final Schema schema;
  private final List<SortOrder.SortField> fields = new ArrayList<>();
  private boolean committed;

  SortOrderUpdate(ChangeSink sink) {
    this.sink = sink;
    this.base = sink.current();
    this.schema = base.schema();
  }

  @Override
  public ReplaceSortOrder asc(String term) {
    return asc(term, SortOrder.NullOrder.NULLS_FIRST);
  }

  @Override
  public ReplaceSortOrder asc(String term, SortOrder.NullOrder nullOrder) {
    return add(term, SortOrder.Direction.ASC, nullOrder);
  }

  @Override
  public ReplaceSortOrder desc(String term) {
    return desc(term, SortOrder.NullOrder.NULLS_LAST);
  }

  @Override
  public ReplaceSortOrder desc(String term, SortOrder.NullOrder nullOrder) {
    return add(term, SortOrder.Direction.DESC, nullOrder);
  }

  private ReplaceSortOrder add(String term, SortOrder.Direction direction, SortOrder.NullOrder nullOrder) {
    PartitionTerm t = PartitionTerm.parse(schema, term, "sort-order");
    return add(new SortOrder.SortField(t.sourceId(), t.transform(), direction, nullOrder), term);
  }

  private ReplaceSortOrder add(SortOrder.SortField f, String term) {
    if (!reachableThroughStructs(schema.asStruct(), f.sourceId())) {
      throw new InvalidInputException(term.trim(), "cannot sort by a value inside a list or a map");
    }
    fields.add(f);
    return this;
  }

  private static boolean reachableThroughStructs(Types.StructType struct, int id) {
    for (NestedField f : struct.fields()) {
      if (f.id() == id || (f.type() instanceof Types.StructType s && reachableThroughStructs(s, id))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ReplaceSortOrder terms(String text) {
    SortOrder parsed = SortOrder.parse(schema, text);
    for (SortOrder.SortField f : parsed.fields()) {
      add(f, schema.findColumnName(f.sourceId()).orElse(text));
    }
    return this;
  }

  @Override
  public SortOrder apply() {
    return new SortOrder(0, fields);
  }

  @Override
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("this sort order replacement was already committed");
    }
    committed = true;
    SortOrder order = new SortOrder(0, fields);
    Optional<SortOrder> current = base.sortOrders().stream().filter(o -> o.orderId() == base.defaultSortOrderId())
        .findFirst();
    if (current.isPresent() && current.get().fields().equals(order.fields())) {
      return new CommitResult(sink.current(), Optional.empty(), 0, false);
    }
    return sink.submit((fresh, ctx) -> {
      // assert-default-sort-order-id
      if (fresh.defaultSortOrderId() != base.defaultSortOrderId()) {
        throw new ValidationException("conflict: another sort order change committed first (default sort order "
            + base.defaultSortOrderId() + " became " + fresh.defaultSortOrderId() + "); run this change again");
      }
      return fresh.toBuilder().lastUpdatedMs(ctx.nowMs()).addSortOrder(order)
          .setDefaultSortOrder(TableMetadataBuilder.LAST_ADDED).build();
    }, Optional.empty(), () -> {});
  }
}
