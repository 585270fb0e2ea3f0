package dev.floe.parquet;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Matches a Floe read schema against a file's Parquet schema: which file columns to read (the
 * requested schema, in file order) and where each lands in the output records. Fields of the read
 * schema with no match in the file read as null.
 */
final class ReadPlan {
  enum Matching { BY_ID, BY_NAME }

  /** Where values of one requested field go and how they are built. */
  sealed interface Node permits StructNode, ListNode, MapNode, PrimNode, ProbeNode {}

  /**
   * {@code positions[i]} is the output position of the i-th requested child. {@code template}
   * holds, at the positions of fields the file lacks, their initial defaults (record values):
   * every output struct starts as a copy of it. Null when no missing field has a default.
   */
  record StructNode(Types.StructType struct, int[] positions, Node[] children, Object[] template) implements Node {
    /** A fresh value array for one output struct. */
    Object[] newValues() {
      return template == null ? new Object[struct.fields().size()] : template.clone();
    }
  }

  enum ListKind { THREE_LEVEL, REPEATED_ELEMENT }

  record ListNode(ListKind kind, Node element) implements Node {}

  record MapNode(Node key, Node value) implements Node {}

  record PrimNode(PrimitiveType file, Type.PrimitiveType fileType, Type.PrimitiveType target) implements Node {}

  /**
   * A column read only to learn whether its enclosing struct is null, for a struct none of whose
   * requested fields are in the file; its values are dropped. {@code requested} is its shape.
   */
  record ProbeNode(org.apache.parquet.schema.Type requested) implements Node {}

  /** Output position of a child that produces no value. */
  static final int NO_POSITION = -1;

  private record Pruned(org.apache.parquet.schema.Type requested, Node node) {}

  final MessageType fileSchema;
  final MessageType requested;
  final StructNode root;

  private ReadPlan(MessageType fileSchema, MessageType requested, StructNode root) {
    this.fileSchema = fileSchema;
    this.requested = requested;
    this.root = root;
  }

  boolean readsNoColumns() {
    return requested.getFieldCount() == 0;
  }

  /** True when every requested column is a top-level primitive: one leaf per output value. */
  boolean isFlat() {
    for (Node n : root.children()) {
      if (!(n instanceof PrimNode)) {
        return false;
      }
    }
    return true;
  }

  static ReadPlan create(MessageType file, Types.StructType target, Matching matching) {
    Planner planner = new Planner(matching);
    List<org.apache.parquet.schema.Type> kept = new ArrayList<>();
    StructNode root = planner.struct(file, target, "", kept);
    return new ReadPlan(file, new MessageType(file.getName(), kept), root);
  }

  private static final class Planner {
    private final Matching matching;

    Planner(Matching matching) {
      this.matching = matching;
    }

    /** Fills {@code kept} with the requested children of {@code group}, in file order. */
    StructNode struct(GroupType group, Types.StructType target, String prefix,
        List<org.apache.parquet.schema.Type> kept) {
      List<NestedField> fields = target.fields();
      Map<Object, Integer> index = new HashMap<>();
      for (int k = 0; k < fields.size(); k++) {
        index.putIfAbsent(key(fields.get(k)), k);
      }
      List<Integer> positions = new ArrayList<>();
      List<Node> nodes = new ArrayList<>();
      boolean[] taken = new boolean[fields.size()];
      for (org.apache.parquet.schema.Type child : group.getFields()) {
        Object key = key(child);
        Integer k = key == null ? null : index.get(key);
        if (k == null || taken[k]) {
          continue;
        }
        NestedField f = fields.get(k);
        Pruned p = prune(child, f.type(), prefix + f.name());
        if (p != null) {
          taken[k] = true;
          kept.add(p.requested());
          positions.add(k);
          nodes.add(p.node());
        }
      }
      int[] pos = positions.stream().mapToInt(Integer::intValue).toArray();
      return new StructNode(target, pos, nodes.toArray(new Node[0]), defaults(fields, taken));
    }

    /**
     * The initial defaults of the fields a file does not have (it was written before they were
     * added), or null when none has one: those fields read as null.
     */
    private static Object[] defaults(List<NestedField> fields, boolean[] taken) {
      Object[] template = null;
      for (int k = 0; k < fields.size(); k++) {
        NestedField f = fields.get(k);
        if (!taken[k] && f.initialDefault().isPresent()) {
          if (template == null) {
            template = new Object[fields.size()];
          }
          template[k] = dev.floe.types.Values.toExternal(f.type().asPrimitive(), f.initialDefault().get());
        }
      }
      return template;
    }

    private Object key(NestedField f) {
      return matching == Matching.BY_ID ? (Object) f.id() : f.name().toLowerCase(Locale.ROOT);
    }

    private Object key(org.apache.parquet.schema.Type t) {
      if (matching == Matching.BY_ID) {
        return t.getId() == null ? null : (Object) t.getId().intValue();
      }
      return t.getName().toLowerCase(Locale.ROOT);
    }

    /** The requested part of a file field read as {@code target}, or null if nothing of it is read. */
    Pruned prune(org.apache.parquet.schema.Type file, Type target, String path) {
      if (file.isRepetition(Repetition.REPEATED)) {
        throw new InvalidInputException(path,
            "repeated field without a LIST annotation is not supported; rewrite it as a standard list");
      }
      if (target instanceof Type.PrimitiveType t) {
        if (!file.isPrimitive()) {
          throw incompatible(path, "a group", t);
        }
        return new Pruned(file, primitive(file.asPrimitiveType(), t, path));
      }
      if (file.isPrimitive()) {
        throw incompatible(path, ParquetSchemas.describe(file.asPrimitiveType()), target);
      }
      GroupType group = file.asGroupType();
      LogicalTypeAnnotation a = group.getLogicalTypeAnnotation();
      switch (target.kind()) {
        case STRUCT: {
          if (a != null) {
            throw incompatible(path, "a group annotated " + a, target);
          }
          List<org.apache.parquet.schema.Type> kept = new ArrayList<>();
          StructNode node = struct(group, (Types.StructType) target, path + ".", kept);
          if (kept.isEmpty()) {
            // The struct exists in the file but none of the wanted fields do: read one column anyway
            // so a present struct comes back as a struct of nulls rather than as null.
            org.apache.parquet.schema.Type probe = firstLeafPath(group.getType(0));
            node = new StructNode(node.struct(), new int[] {NO_POSITION}, new Node[] {new ProbeNode(probe)},
                node.template());
            kept.add(probe);
          }
          return new Pruned(group.withNewFields(kept), node);
        }
        case LIST: {
          if (!(a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            throw incompatible(path, a == null ? "a group" : "a group annotated " + a, target);
          }
          Types.ListType list = (Types.ListType) target;
          ParquetSchemas.ListShape shape = ParquetSchemas.ListShape.of(group, path);
          if (!shape.elementIsRepeated()) {
            Pruned element = prune(shape.element(), list.elementType(), path + ".element");
            if (element == null) {
              return null;
            }
            GroupType repeated = shape.repeated().withNewFields(List.of(element.requested()));
            return new Pruned(group.withNewFields(List.of(repeated)),
                new ListNode(ListKind.THREE_LEVEL, element.node()));
          }
          org.apache.parquet.schema.Type repeated = shape.element();
          String elementPath = path + ".element";
          if (repeated.isPrimitive()) {
            if (!(list.elementType() instanceof Type.PrimitiveType t)) {
              throw incompatible(elementPath, ParquetSchemas.describe(repeated.asPrimitiveType()), list.elementType());
            }
            return new Pruned(group, new ListNode(ListKind.REPEATED_ELEMENT,
                primitive(repeated.asPrimitiveType(), t, elementPath)));
          }
          if (!(list.elementType() instanceof Types.StructType elementStruct)) {
            throw incompatible(elementPath, "a group", list.elementType());
          }
          List<org.apache.parquet.schema.Type> kept = new ArrayList<>();
          StructNode node = struct(repeated.asGroupType(), elementStruct, elementPath + ".", kept);
          if (kept.isEmpty()) {
            return null;
          }
          return new Pruned(group.withNewFields(List.of(repeated.asGroupType().withNewFields(kept))),
              new ListNode(ListKind.REPEATED_ELEMENT, node));
        }
        case MAP: {
          if (!(a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
              || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)) {
            throw incompatible(path, a == null ? "a group" : "a group annotated " + a, target);
          }
          Types.MapType map = (Types.MapType) target;
          ParquetSchemas.MapShape shape = ParquetSchemas.MapShape.of(group, path);
          Pruned key = prune(shape.key(), map.keyType(), path + ".key");
          Pruned value = prune(shape.value(), map.valueType(), path + ".value");
          if (key == null || value == null) {
            return null;
          }
          GroupType kv = shape.keyValue().withNewFields(List.of(key.requested(), value.requested()));
          return new Pruned(group.withNewFields(List.of(kv)), new MapNode(key.node(), value.node()));
        }
        default:
          throw new IllegalStateException("unexpected type " + target);
      }
    }

    /** The type reduced to the path of first children down to one leaf. */
    private static org.apache.parquet.schema.Type firstLeafPath(org.apache.parquet.schema.Type t) {
      if (t.isPrimitive()) {
        return t;
      }
      GroupType g = t.asGroupType();
      return g.withNewFields(List.of(firstLeafPath(g.getType(0))));
    }

    private PrimNode primitive(PrimitiveType file, Type.PrimitiveType target, String path) {
      Type.PrimitiveType fileType = ParquetSchemas.floeType(file).orElseThrow(() -> new InvalidInputException(
          path, "Parquet type " + ParquetSchemas.describe(file) + " has no Floe equivalent"));
      boolean ok = matching == Matching.BY_ID
          ? TypeCompat.canPromote(fileType, target)
          : TypeCompat.canConvert(fileType, target);
      if (!ok) {
        throw incompatible(path, fileType + " (Parquet " + ParquetSchemas.describe(file) + ")", target);
      }
      return new PrimNode(file, fileType, target);
    }

    private static InvalidInputException incompatible(String path, String found, Type target) {
      return new InvalidInputException(path, "the file has " + found + ", which cannot be read as " + target);
    }
  }
}
