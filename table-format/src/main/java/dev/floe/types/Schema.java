package dev.floe.types;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Types.StructType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A table schema: a struct of fields with ids, a schema id, and the identifier fields (the
 * columns that identify a row). Immutable; field ids are unique across all nesting levels.
 * Nested fields are named with dots ({@code address.city}); list elements and map keys and values
 * as {@code tags.element}, {@code attrs.key}, {@code attrs.value}.
 */
public final class Schema {
  private final int schemaId;
  private final StructType struct;
  private final Set<Integer> identifierFieldIds;
  private final Map<Integer, NestedField> byId;
  private final Map<String, Integer> byName;
  private final Map<Integer, String> nameById;
  private final int highestFieldId;

  public Schema(int schemaId, StructType struct, Collection<Integer> identifierFieldIds) {
    this.schemaId = schemaId;
    this.struct = Objects.requireNonNull(struct, "struct");
    this.identifierFieldIds = Set.copyOf(new TreeSet<>(identifierFieldIds));
    this.byId = new HashMap<>();
    this.byName = new LinkedHashMap<>();
    this.nameById = new HashMap<>();
    index(struct, "");
    this.highestFieldId = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int id : this.identifierFieldIds) {
      NestedField f = byId.get(id);
      if (f == null) {
        throw new InvalidInputException("identifier-field-ids", "no field with id " + id);
      }
      if (!f.required() || !f.type().isPrimitive()) {
        throw new InvalidInputException("identifier-field-ids",
            "identifier field '" + nameById.get(id) + "' must be a required primitive column");
      }
    }
  }

  public Schema(int schemaId, List<NestedField> columns) {
    this(schemaId, new StructType(columns), Set.of());
  }

  public static Schema of(NestedField... columns) {
    return new Schema(0, List.of(columns));
  }

  private void index(Type type, String prefix) {
    if (!(type instanceof Type.NestedType nested)) {
      return;
    }
    for (NestedField f : nested.fields()) {
      String name = prefix + f.name();
      if (byId.put(f.id(), f) != null) {
        throw new InvalidInputException(name, "field id " + f.id() + " is used twice");
      }
      if (byName.put(name, f.id()) != null) {
        throw new InvalidInputException(name, "column name is used twice");
      }
      nameById.put(f.id(), name);
      index(f.type(), name + ".");
    }
  }

  public int schemaId() {
    return schemaId;
  }

  public StructType asStruct() {
    return struct;
  }

  public List<NestedField> columns() {
    return struct.fields();
  }

  public Set<Integer> identifierFieldIds() {
    return identifierFieldIds;
  }

  /** The highest field id used anywhere in this schema (0 when empty). */
  public int highestFieldId() {
    return highestFieldId;
  }

  public Optional<NestedField> findField(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Finds a field by its full dotted name; exact match first, then case-insensitive. */
  public Optional<NestedField> findField(String name) {
    Integer id = byName.get(name);
    if (id == null) {
      for (Map.Entry<String, Integer> e : byName.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          id = e.getValue();
          break;
        }
      }
    }
    return id == null ? Optional.empty() : Optional.of(byId.get(id));
  }

  /** Like {@link #findField(String)} but fails with a message listing the known columns. */
  public NestedField field(String name) {
    return findField(name).orElseThrow(() -> new InvalidInputException(name,
        "unknown column; the table has " + String.join(", ", topLevelNames())));
  }

  public Optional<String> findColumnName(int id) {
    return Optional.ofNullable(nameById.get(id));
  }

  private List<String> topLevelNames() {
    List<String> names = new ArrayList<>();
    for (NestedField f : struct.fields()) {
      names.add(f.name());
    }
    return names;
  }

  /** A schema with only the named top-level columns, in the given order, same ids. */
  public Schema select(List<String> names) {
    List<NestedField> selected = new ArrayList<>();
    for (String name : names) {
      NestedField f = field(name);
      if (!struct.fields().contains(f)) {
        throw new InvalidInputException(name, "only top-level columns can be selected");
      }
      selected.add(f);
    }
    return new Schema(schemaId, new StructType(selected), Set.of());
  }

  /** A schema with the same fields and a different schema id. */
  public Schema withSchemaId(int newSchemaId) {
    return new Schema(newSchemaId, struct, identifierFieldIds);
  }

  /** Same fields, ignoring the schema id. */
  public boolean sameStructure(Schema other) {
    return struct.equals(other.struct) && identifierFieldIds.equals(other.identifierFieldIds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.schemaId == schemaId && sameStructure(s);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schemaId, struct, identifierFieldIds);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("table {\n");
    for (NestedField f : struct.fields()) {
      sb.append("  ").append(f).append('\n');
    }
    return sb.append('}').toString();
  }
}
