package dev.floe.types;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Rebuilding an immutable schema around one changed field, for {@link SchemaChange}. A struct
 * is named by the id of the field holding it: a struct column, or a list element or map value
 * whose type is a struct; the top level by no id.
 */
final class SchemaTree {
  private SchemaTree() {}

  static String name(Schema schema, int fieldId) {
    return schema.findColumnName(fieldId).orElseThrow(() -> new InvalidInputException("field-id",
        "the schema has no field with id " + fieldId));
  }

  /** The holder of the struct the field is a member of; empty at the top level. */
  static Optional<Integer> parentOf(Schema schema, int fieldId) {
    Optional<Optional<Integer>> found = find(schema.asStruct(), Optional.empty(), fieldId);
    if (found.isEmpty()) {
      throw new InvalidInputException(name(schema, fieldId), "is a list element or a map key or value,"
          + " not a field of a struct; change the list or map column instead");
    }
    return found.get();
  }

  private static Optional<Optional<Integer>> find(Type.NestedType type, Optional<Integer> holder, int fieldId) {
    if (type instanceof Types.StructType s) {
      for (NestedField f : s.fields()) {
        if (f.id() == fieldId) {
          return Optional.of(holder);
        }
      }
    }
    for (NestedField f : type.fields()) {
      Optional<Type.NestedType> inner = f.type() instanceof Type.NestedType n ? Optional.of(n) : Optional.empty();
      if (inner.isPresent()) {
        Optional<Optional<Integer>> r = find(inner.get(), Optional.of(f.id()), fieldId);
        if (r.isPresent()) {
          return r;
        }
      }
    }
    return Optional.empty();
  }

  /** The fields of the struct the holder holds (the top-level columns for none). */
  static List<NestedField> siblings(Schema schema, Optional<Integer> holder) {
    if (holder.isEmpty()) {
      return schema.columns();
    }
    NestedField f = schema.findField(holder.get()).orElseThrow(() -> new InvalidInputException("parent",
        "the schema has no field with id " + holder.get()));
    return structOf(schema, f).fields();
  }

  private static Types.StructType structOf(Schema schema, NestedField holder) {
    Type t = holder.type();
    if (t instanceof Types.StructType s) {
      return s;
    }
    if (t instanceof Types.ListType l && l.elementType() instanceof Types.StructType s) {
      return s;
    }
    if (t instanceof Types.MapType m && m.valueType() instanceof Types.StructType s) {
      return s;
    }
    throw new InvalidInputException(name(schema, holder.id()), "is a " + t + ", not a struct (or a list or"
        + " map of structs); fields can be added only to structs");
  }

  static Schema withSiblings(Schema schema, Optional<Integer> holder, List<NestedField> fields) {
    if (holder.isEmpty()) {
      return new Schema(schema.schemaId(), new Types.StructType(fields), schema.identifierFieldIds());
    }
    return replace(schema, holder.get(), f -> f.withType(replaceStruct(f.type(), new Types.StructType(fields))));
  }

  private static Type replaceStruct(Type holderType, Types.StructType struct) {
    if (holderType instanceof Types.ListType l) {
      return new Types.ListType(l.elementId(), struct, l.elementRequired());
    }
    if (holderType instanceof Types.MapType m) {
      return new Types.MapType(m.keyId(), m.keyType(), m.valueId(), struct, m.valueRequired());
    }
    return struct;
  }

  /** The schema with one field, wherever it is nested, replaced. */
  static Schema replace(Schema schema, int fieldId, UnaryOperator<NestedField> change) {
    Types.StructType root = (Types.StructType) replaceIn(schema.asStruct(), fieldId, change);
    return new Schema(schema.schemaId(), root, schema.identifierFieldIds());
  }

  private static Type replaceIn(Type type, int fieldId, UnaryOperator<NestedField> change) {
    if (type instanceof Types.StructType s) {
      List<NestedField> out = new ArrayList<>(s.fields().size());
      for (NestedField f : s.fields()) {
        NestedField g = f.id() == fieldId ? change.apply(f) : f;
        out.add(g.type() instanceof Type.NestedType ? g.withType(replaceIn(g.type(), fieldId, change)) : g);
      }
      return new Types.StructType(out);
    }
    if (type instanceof Types.ListType l) {
      NestedField e = l.element();
      NestedField g = e.id() == fieldId ? change.apply(e) : e;
      return new Types.ListType(l.elementId(), replaceIn(g.type(), fieldId, change), g.required());
    }
    if (type instanceof Types.MapType m) {
      NestedField k = m.key().id() == fieldId ? change.apply(m.key()) : m.key();
      NestedField v = m.value().id() == fieldId ? change.apply(m.value()) : m.value();
      return new Types.MapType(m.keyId(), replaceIn(k.type(), fieldId, change), m.valueId(),
          replaceIn(v.type(), fieldId, change), v.required());
    }
    return type;
  }

  /** The type with fresh ids above {@code next[0]} for every nested field, list element, map key and value. */
  static Type freshIds(Type type, int[] next) {
    if (type instanceof Types.StructType s) {
      List<NestedField> out = new ArrayList<>();
      for (NestedField f : s.fields()) {
        int id = ++next[0];
        out.add(new NestedField(id, f.name(), f.required(), freshIds(f.type(), next), f.doc(),
            f.initialDefault(), f.writeDefault()));
      }
      return new Types.StructType(out);
    }
    if (type instanceof Types.ListType l) {
      int id = ++next[0];
      return new Types.ListType(id, freshIds(l.elementType(), next), l.elementRequired());
    }
    if (type instanceof Types.MapType m) {
      int key = ++next[0];
      int value = ++next[0];
      return new Types.MapType(key, freshIds(m.keyType(), next), value, freshIds(m.valueType(), next),
          m.valueRequired());
    }
    return type;
  }

  /** Refuses a name that equals (ignoring case, as filters bind) a sibling's other than {@code except}'s. */
  static void requireNoClash(List<NestedField> siblings, String name, String what, Optional<Integer> except) {
    for (NestedField f : siblings) {
      if (except.isPresent() && f.id() == except.get()) {
        continue;
      }
      if (fold(f.name()).equals(fold(name))) {
        throw new InvalidInputException(what, "a column named '" + f.name() + "' already exists there");
      }
    }
  }

  /** Folds names for clash checks: Floe binds filters ignoring case. */
  static String fold(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether {@code fieldId} is nested somewhere inside {@code ancestorId}'s type. */
  static boolean isNestedIn(Schema schema, int fieldId, int ancestorId) {
    Optional<NestedField> a = schema.findField(ancestorId);
    return a.isPresent() && a.get().type() instanceof Type.NestedType n && contains(n, fieldId);
  }

  private static boolean contains(Type.NestedType type, int fieldId) {
    for (NestedField f : type.fields()) {
      if (f.id() == fieldId || (f.type() instanceof Type.NestedType n && contains(n, fieldId))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the path from the top level to the field passes through required struct fields only. */
  static boolean reachableThroughRequiredStructs(Schema schema, int fieldId) {
    return reachable(schema.asStruct(), fieldId);
  }

  private static boolean reachable(Types.StructType struct, int fieldId) {
    for (NestedField f : struct.fields()) {
      if (f.id() == fieldId) {
        return true;
      }
      if (f.required() && f.type() instanceof Types.StructType s && reachable(s, fieldId)) {
        return true;
      }
    }
    return false;
  }
}
