package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.TableMetadataBuilder;
import dev.floe.partition.PartitionField;
import dev.floe.types.Schema;
import dev.floe.types.SchemaChange;
import dev.floe.types.Type;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class SchemaUpdate implements UpdateSchema {
  private final ChangeSink sink;
  private final TableMetadata base;
  private final List<SchemaChange> changes = new ArrayList<>();
  private Schema working;
  private int lastColumnId;
  private boolean committed;

  SchemaUpdate(ChangeSink sink) {
    this.sink = sink;
    this.base = sink.current();
    this.working = base.schema();
    this.lastColumnId = base.lastColumnId();
  }

  private UpdateSchema change(SchemaChange c) {
    SchemaChange.Result r = c.applyTo(working, lastColumnId);
    working = r.schema();
    lastColumnId = r.lastColumnId();
    changes.add(c);
    return this;
  }

  private int id(String name) {
    return working.field(name).id();
  }

  private Optional<Object> defaultOf(String column, Type type, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isPrimitive()) {
      throw new InvalidInputException(column, "only columns of primitive types can have a default value, not "
          + type);
    }
    return Optional.of(Values.convertLiteral(type.asPrimitive(), value, column));
  }

  @Override
  public UpdateSchema addColumn(String name, Type type) {
    return change(new SchemaChange.AddColumn(Optional.empty(), name, type, false, Optional.empty(), Optional.empty()));
  }

  @Override
  public UpdateSchema addColumn(String parent, String name, Type type) {
    return change(new SchemaChange.AddColumn(Optional.of(id(parent)), name, type, false, Optional.empty(),
        Optional.empty()));
  }

  @Override
  public UpdateSchema addColumn(String name, Type type, Object defaultValue) {
    return change(new SchemaChange.AddColumn(Optional.empty(), name, type, false, defaultOf(name, type, defaultValue),
        Optional.empty()));
  }

  @Override
  public UpdateSchema addRequiredColumn(String name, Type type, Object defaultValue) {
    return change(new SchemaChange.AddColumn(Optional.empty(), name, type, true, defaultOf(name, type, defaultValue),
        Optional.empty()));
  }

  @Override
  public UpdateSchema addRequiredColumn(String parent, String name, Type type, Object defaultValue) {
    return change(new SchemaChange.AddColumn(Optional.of(id(parent)), name, type, true,
        defaultOf(parent + "." + name, type, defaultValue), Optional.empty()));
  }

  @Override
  public UpdateSchema deleteColumn(String name) {
    SchemaChange drop = new SchemaChange.DeleteColumn(id(name));
    drop.applyTo(working, lastColumnId); // the schema's own rules first (identifier fields)
    requireNotUsedBy(base, id(name), name);
    return change(drop);
  }

  @Override
  public UpdateSchema renameColumn(String name, String newName) {
    return change(new SchemaChange.RenameColumn(id(name), newName));
  }

  @Override
  public UpdateSchema updateColumn(String name, Type.PrimitiveType newType) {
    return change(new SchemaChange.PromoteColumn(id(name), newType));
  }

  @Override
  public UpdateSchema makeColumnOptional(String name) {
    return change(new SchemaChange.MakeOptional(id(name)));
  }

  @Override
  public UpdateSchema updateColumnDoc(String name, String doc) {
    return change(new SchemaChange.UpdateDoc(id(name), Optional.ofNullable(doc)));
  }

  @Override
  public UpdateSchema updateColumnDefault(String name, Object writeDefault) {
    NestedField f = working.field(name);
    return change(new SchemaChange.UpdateWriteDefault(f.id(), defaultOf(name, f.type(), writeDefault)));
  }

  @Override
  public UpdateSchema moveFirst(String name) {
    return change(new SchemaChange.Move(id(name), SchemaChange.Position.FIRST, Optional.empty()));
  }

  @Override
  public UpdateSchema moveBefore(String name, String beforeName) {
    return change(new SchemaChange.Move(id(name), SchemaChange.Position.BEFORE, Optional.of(id(beforeName))));
  }

  @Override
  public UpdateSchema moveAfter(String name, String afterName) {
    return change(new SchemaChange.Move(id(name), SchemaChange.Position.AFTER, Optional.of(id(afterName))));
  }

  @Override
  public UpdateSchema setIdentifierFields(Collection<String> names) {
    Set<Integer> ids = new TreeSet<>();
    for (String n : names) {
      ids.add(id(n));
    }
    return change(new SchemaChange.SetIdentifierFields(ids));
  }

  @Override
  public Schema apply() {
    return working;
  }

  /**
   * A column the current partition spec or sort order takes values from cannot go: new files
   * could not be partitioned or sorted. (Older specs may keep referring to it.)
   */
  private static void requireNotUsedBy(TableMetadata metadata, int fieldId, String name) {
    Schema schema = metadata.schema();
    for (PartitionField f : metadata.spec().fields()) {
      if (f.sourceId() == fieldId || nestedIn(schema, f.sourceId(), fieldId)) {
        throw new InvalidInputException(name, "cannot drop a column the current partition spec uses (partition"
            + " field '" + f.name() + "'); change the partitioning first");
      }
    }
    SortOrder order = metadata.sortOrders().stream().filter(o -> o.orderId() == metadata.defaultSortOrderId())
        .findFirst().orElse(SortOrder.unsorted());
    for (SortOrder.SortField f : order.fields()) {
      if (f.sourceId() == fieldId || nestedIn(schema, f.sourceId(), fieldId)) {
        throw new InvalidInputException(name, "cannot drop a column the table's sort order uses; change the"
            + " sort order first");
      }
    }
  }

  private static boolean nestedIn(Schema schema, int fieldId, int ancestorId) {
    Optional<String> field = schema.findColumnName(fieldId);
    Optional<String> ancestor = schema.findColumnName(ancestorId);
    return field.isPresent() && ancestor.isPresent() && field.get().startsWith(ancestor.get() + ".");
  }

  @Override
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("this schema update was already committed");
    }
    committed = true;
    if (changes.isEmpty() || working.sameStructure(base.schema())) {
      return new CommitResult(sink.current(), Optional.empty(), 0, false);
    }
    Schema computed = working;
    List<SchemaChange> made = List.copyOf(changes);
    return sink.submit((fresh, ctx) -> {
      // The REST requirements assert-current-schema-id and assert-last-assigned-field-id: the
      // change was computed on the base schema, and field ids were assigned above its last id.
      if (fresh.currentSchemaId() != base.currentSchemaId() || fresh.lastColumnId() != base.lastColumnId()) {
        throw new ValidationException("conflict: another schema change committed first (current schema "
            + base.currentSchemaId() + " became " + fresh.currentSchemaId() + ", last column id "
            + base.lastColumnId() + " became " + fresh.lastColumnId() + "); this change was computed on the"
            + " old schema, so it is not applied. Look at the new schema and run it again");
      }
      for (SchemaChange c : made) {
        if (c instanceof SchemaChange.DeleteColumn d) {
          requireNotUsedBy(fresh, d.fieldId(), base.schema().findColumnName(d.fieldId()).orElse("?"));
        }
      }
      return fresh.toBuilder().lastUpdatedMs(ctx.nowMs()).addSchema(computed)
          .setCurrentSchema(TableMetadataBuilder.LAST_ADDED).build();
    }, Optional.empty(), () -> {});
  }
}
