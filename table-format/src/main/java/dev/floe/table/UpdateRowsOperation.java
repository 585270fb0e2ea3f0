package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.InvalidInputException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

final class UpdateRowsOperation extends BaseRowLevelOperation<UpdateRows> implements UpdateRows {
  /** Snapshot summary key: rows whose values the update changed (the files it rewrote hold more). */
  static final String UPDATED_RECORDS = "updated-records";

  /** New values (record form) by field id. */
  private final Map<Integer, Object> values = new LinkedHashMap<>();
  private Optional<Expression> where = Optional.empty();

  UpdateRowsOperation(ChangeSink sink) {
    super(sink);
  }

  @Override
  UpdateRows self() {
    return this;
  }

  @Override
  String name() {
    return "update";
  }

  @Override
  public UpdateRows set(String column, Object value) {
    Schema schema = sink.current().schema();
    NestedField f = schema.field(column);
    if (!schema.columns().contains(f) || !f.type().isPrimitive()) {
      throw new InvalidInputException(column, "only top-level columns of primitive types can be set");
    }
    if (value == null) {
      if (f.required()) {
        throw new InvalidInputException(column, "is required (not null); it cannot be set to null");
      }
      values.put(f.id(), null);
    } else {
      Object internal = Values.convertLiteral(f.type().asPrimitive(), value, column);
      values.put(f.id(), Values.toExternal(f.type().asPrimitive(), internal));
    }
    return this;
  }

  @Override
  public UpdateRows where(Expression filter) {
    where = Optional.of(and(where, checked(filter)));
    return this;
  }

  @Override
  public UpdateRows setSummary(String key, String value) {
    return summary(key, value);
  }

  @Override
  public UpdateRows isolationLevel(IsolationLevel level) {
    return isolation(level);
  }

  @Override
  public CommitResult commit() {
    markCommitted();
    if (values.isEmpty()) {
      throw new InvalidInputException("set", "an update needs at least one column to set");
    }
    TableMetadata base = sink.current();
    Schema schema = base.schema();
    int[] positions = new int[values.size()];
    Object[] newValues = new Object[values.size()];
    int k = 0;
    for (Map.Entry<Integer, Object> e : values.entrySet()) {
      NestedField f = schema.findField(e.getKey()).orElseThrow(() -> new InvalidInputException("set",
          "column " + e.getKey() + " is no longer in the table's schema"));
      positions[k] = schema.columns().indexOf(f);
      newValues[k++] = e.getValue();
    }
    Optional<Snapshot> read = planningSnapshot(base);
    Expression filter = where.orElse(Expressions.alwaysTrue());
    CopyOnWrite rewrite = new CopyOnWrite(sink.io(), base);
    try {
      if (read.isPresent()) {
        rewrite.apply(read.get(), filter, row -> changed(row, positions, newValues), false);
      }
      if (rewrite.changedRows() > 0) {
        summary(UPDATED_RECORDS, String.valueOf(rewrite.changedRows()));
      }
      Plan plan = new Plan("overwrite", rewrite.added(), rewrite.removed(), Optional.of(filter), filter,
          rewrite::abort);
      return commitPlan(base, read, plan, IsolationLevel.UPDATE_PROPERTY);
    } catch (CommitStateUnknownException e) {
      throw e; // the commit may have landed: its files must stay
    } catch (RuntimeException e) {
      rewrite.abort();
      throw e;
    }
  }

  private static Record changed(Record row, int[] positions, Object[] newValues) {
    Object[] out = new Object[row.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = row.get(i);
    }
    for (int i = 0; i < positions.length; i++) {
      out[positions[i]] = newValues[i];
    }
    return Record.wrap(row.struct(), out);
  }
}
