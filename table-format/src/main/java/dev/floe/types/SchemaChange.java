package dev.floe.types;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change to a schema, by field id: columns keep their ids through renames, moves and
 * promotions, so data files written before read correctly after. {@link #applyTo} makes the new
 * schema or refuses the change with a message naming the problem; it never touches data.
 */
public sealed interface SchemaChange {

  /**
   * The schema after this change.
   *
   * @param lastColumnId the highest field id the table ever assigned; new fields get ids above it
   * @throws InvalidInputException if the change is not allowed on this schema
   */
  Result applyTo(Schema schema, int lastColumnId);

  /** A changed schema and the highest field id assigned so far. */
  record Result(Schema schema, int lastColumnId) {}

  /**
   * Adds a field to the struct {@code parentId} names (a struct column, or a list element or map
   * value that is a struct), or at the top level when empty. Nested types get fresh ids too.
   * {@code defaultValue} (internal form) becomes both the initial and the write default; a
   * required field must have one, since rows written before it have no value.
   */
  record AddColumn(Optional<Integer> parentId, String name, Type type, boolean required,
      Optional<Object> defaultValue, Optional<String> doc) implements SchemaChange {
    public AddColumn {
      Objects.requireNonNull(parentId, "parentId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(defaultValue, "defaultValue");
      Objects.requireNonNull(doc, "doc");
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      String full = parentId.flatMap(schema::findColumnName).map(p -> p + "." + name).orElse(name);
      if (name.isBlank() || name.contains(".")) {
        throw new InvalidInputException(full, "a column name must not be blank or contain '.'");
      }
      if (required && defaultValue.isEmpty()) {
        throw new InvalidInputException(full, "a new required column needs a default value: the rows"
            + " already written have none (add it as optional, or give a default)");
      }
      int[] next = {lastColumnId};
      Type withIds = SchemaTree.freshIds(type, next);
      NestedField field = new NestedField(++next[0], name, required, withIds, doc, defaultValue, defaultValue);
      List<NestedField> siblings = SchemaTree.siblings(schema, parentId);
      SchemaTree.requireNoClash(siblings, name, full, Optional.empty());
      List<NestedField> fields = new ArrayList<>(siblings);
      fields.add(field);
      Schema out = SchemaTree.withSiblings(schema, parentId, fields);
      return new Result(out, Math.max(lastColumnId, out.highestFieldId()));
    }
  }

  /** Removes a field (and everything nested in it). Identifier fields cannot be removed. */
  record DeleteColumn(int fieldId) implements SchemaChange {
    public Result applyTo(Schema schema, int lastColumnId) {
      String name = SchemaTree.name(schema, fieldId);
      for (int id : schema.identifierFieldIds()) {
        if (id == fieldId || SchemaTree.isNestedIn(schema, id, fieldId)) {
          throw new InvalidInputException(name, "cannot drop an identifier field (a column that identifies"
              + " rows); change the identifier fields first");
        }
      }
      Optional<Integer> parent = SchemaTree.parentOf(schema, fieldId);
      List<NestedField> fields = new ArrayList<>(SchemaTree.siblings(schema, parent));
      fields.removeIf(f -> f.id() == fieldId);
      if (parent.isEmpty() && fields.isEmpty()) {
        throw new InvalidInputException(name, "cannot drop the table's last column");
      }
      if (parent.isPresent() && fields.isEmpty()) {
        throw new InvalidInputException(name, "cannot drop the last field of struct '"
            + SchemaTree.name(schema, parent.get()) + "'; drop the struct instead");
      }
      return new Result(SchemaTree.withSiblings(schema, parent, fields), lastColumnId);
    }
  }

  /** Renames a field; its id, and so its data, stays. */
  record RenameColumn(int fieldId, String newName) implements SchemaChange {
    public RenameColumn {
      Objects.requireNonNull(newName, "newName");
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      String name = SchemaTree.name(schema, fieldId);
      if (newName.isBlank() || newName.contains(".")) {
        throw new InvalidInputException(name, "the new name '" + newName + "' must not be blank or contain '.'");
      }
      Optional<Integer> parent = SchemaTree.parentOf(schema, fieldId);
      List<NestedField> siblings = SchemaTree.siblings(schema, parent);
      SchemaTree.requireNoClash(siblings, newName, name + " -> " + newName, Optional.of(fieldId));
      return new Result(SchemaTree.replace(schema, fieldId, f -> f.withName(newName)), lastColumnId);
    }
  }

  /**
   * Widens a primitive field's type, as the Iceberg spec allows for table-metadata format
   * version 2: int to long, float to double, decimal(P,S) to decimal(P',S) with P' &gt; P.
   */
  record PromoteColumn(int fieldId, Type.PrimitiveType newType) implements SchemaChange {
    public PromoteColumn {
      Objects.requireNonNull(newType, "newType");
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      String name = SchemaTree.name(schema, fieldId);
      NestedField f = schema.findField(fieldId).orElseThrow();
      if (!f.type().isPrimitive()) {
        throw new InvalidInputException(name, "is a " + f.type() + "; only primitive columns can change type");
      }
      Type.PrimitiveType from = f.type().asPrimitive();
      if (from.equals(newType)) {
        return new Result(schema, lastColumnId);
      }
      requirePromotable(name, from, newType);
      // defaults keep their value in the wider type
      NestedField widened = f.withType(newType).withDefaults(
          f.initialDefault().map(v -> Values.widen(newType, v)), f.writeDefault().map(v -> Values.widen(newType, v)));
      return new Result(SchemaTree.replace(schema, fieldId, x -> widened), lastColumnId);
    }

    /** Refuses a type change that is not one of the allowed promotions, saying which ones are. */
    public static void requirePromotable(String column, Type.PrimitiveType from, Type.PrimitiveType to) {
      if (from.kind() == Type.Kind.INT && to.kind() == Type.Kind.LONG) {
        return;
      }
      if (from.kind() == Type.Kind.FLOAT && to.kind() == Type.Kind.DOUBLE) {
        return;
      }
      if (from instanceof Types.DecimalType f && to instanceof Types.DecimalType t) {
        if (f.scale() != t.scale()) {
          throw new InvalidInputException(column, "cannot change " + from + " to " + to
              + ": a decimal's scale cannot change, only its precision can grow");
        }
        if (t.precision() < f.precision()) {
          throw new InvalidInputException(column, "cannot narrow " + from + " to " + to
              + ": that would not hold the values already written");
        }
        return;
      }
      if (from.kind() == Type.Kind.DATE && (to.kind() == Type.Kind.TIMESTAMP)) {
        throw new InvalidInputException(column, "cannot promote date to timestamp: Apache Iceberg allows"
            + " that promotion only from table-metadata format version 3, and Floe writes version 2");
      }
      throw new InvalidInputException(column, "cannot change " + from + " to " + to + ": the allowed type"
          + " changes are int to long, float to double and decimal(P,S) to decimal(P',S) with P' > P");
    }
  }

  /** Lets a required field hold nulls. (The reverse is not allowed: old rows may have nulls.) */
  record MakeOptional(int fieldId) implements SchemaChange {
    public Result applyTo(Schema schema, int lastColumnId) {
      String name = SchemaTree.name(schema, fieldId);
      if (schema.identifierFieldIds().contains(fieldId)) {
        throw new InvalidInputException(name, "an identifier field must stay required; change the"
            + " identifier fields first");
      }
      return new Result(SchemaTree.replace(schema, fieldId, NestedField::asOptional), lastColumnId);
    }
  }

  record UpdateDoc(int fieldId, Optional<String> doc) implements SchemaChange {
    public UpdateDoc {
      Objects.requireNonNull(doc, "doc");
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      SchemaTree.name(schema, fieldId);
      return new Result(SchemaTree.replace(schema, fieldId, f -> f.withDoc(doc)), lastColumnId);
    }
  }

  /**
   * Changes the value writers store when a row leaves the field out (internal form; empty is
   * null). The initial default — what rows written before the field read as — never changes.
   */
  record UpdateWriteDefault(int fieldId, Optional<Object> writeDefault) implements SchemaChange {
    public UpdateWriteDefault {
      Objects.requireNonNull(writeDefault, "writeDefault");
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      String name = SchemaTree.name(schema, fieldId);
      NestedField f = schema.findField(fieldId).orElseThrow();
      if (f.required() && writeDefault.isEmpty() && f.writeDefault().isPresent()) {
        throw new InvalidInputException(name, "a required column's write default cannot be removed");
      }
      return new Result(SchemaTree.replace(schema, fieldId, x -> x.withDefaults(x.initialDefault(), writeDefault)),
          lastColumnId);
    }
  }

  /** Where {@link Move} puts a field among its siblings. */
  enum Position { FIRST, BEFORE, AFTER }

  /** Moves a field within its struct: first, or just before or after a sibling. */
  record Move(int fieldId, Position position, Optional<Integer> referenceId) implements SchemaChange {
    public Move {
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(referenceId, "referenceId");
      if ((position == Position.FIRST) != referenceId.isEmpty()) {
        throw new InvalidInputException("move", position + " needs " + (referenceId.isEmpty() ? "a" : "no")
            + " reference column");
      }
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      String name = SchemaTree.name(schema, fieldId);
      Optional<Integer> parent = SchemaTree.parentOf(schema, fieldId);
      List<NestedField> fields = new ArrayList<>(SchemaTree.siblings(schema, parent));
      NestedField moving = fields.stream().filter(f -> f.id() == fieldId).findFirst().orElseThrow();
      fields.remove(moving);
      int at = 0;
      if (referenceId.isPresent()) {
        String refName = SchemaTree.name(schema, referenceId.get());
        if (referenceId.get() == fieldId) {
          throw new InvalidInputException(name, "cannot move a column relative to itself");
        }
        int ref = -1;
        for (int i = 0; i < fields.size(); i++) {
          if (fields.get(i).id() == referenceId.get()) {
            ref = i;
          }
        }
        if (ref < 0) {
          throw new InvalidInputException(name, "cannot move it next to '" + refName
              + "': columns move only within their own struct");
        }
        at = position == Position.BEFORE ? ref : ref + 1;
      }
      fields.add(at, moving);
      return new Result(SchemaTree.withSiblings(schema, parent, fields), lastColumnId);
    }
  }

  /** Sets the fields that identify a row: required primitive fields, not inside lists or maps. */
  record SetIdentifierFields(Set<Integer> fieldIds) implements SchemaChange {
    public SetIdentifierFields {
      fieldIds = Set.copyOf(fieldIds);
    }

    public Result applyTo(Schema schema, int lastColumnId) {
      for (int id : fieldIds) {
        String name = SchemaTree.name(schema, id);
        NestedField f = schema.findField(id).orElseThrow();
        if (!f.type().isPrimitive() || !f.required()) {
          throw new InvalidInputException(name, "an identifier field must be a required column of a primitive type");
        }
        Type.Kind k = f.type().kind();
        if (k == Type.Kind.FLOAT || k == Type.Kind.DOUBLE) {
          throw new InvalidInputException(name, "a float or double column cannot identify rows (NaN is not"
              + " equal to itself)");
        }
        if (!SchemaTree.reachableThroughRequiredStructs(schema, id)) {
          throw new InvalidInputException(name, "an identifier field cannot be inside a list, a map or an"
              + " optional struct");
        }
      }
      return new Result(new Schema(schema.schemaId(), schema.asStruct(), new TreeSet<>(fieldIds)), lastColumnId);
    }
  }
}
