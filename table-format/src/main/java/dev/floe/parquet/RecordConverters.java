package dev.floe.parquet;

import dev.floe.data.Record;
import dev.floe.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Parquet converters that build Floe records (external values) directly from decoded column
 * values. Every converter writes into its parent through {@link Parent#put}; values of
 * dictionary-encoded columns are converted once per dictionary entry and shared, since all
 * external value types except ByteBuffer are immutable.
 */
final class RecordConverters {
  private RecordConverters() {}

  /** Receives finished child values. */
  interface Parent {
    void put(int slot, Object value);
  }

  /** The materializer for one read plan; one per open file. */
  static RecordMaterializer<Record> materializer(ReadPlan.StructNode root) {
    return new Materializer(root);
  }

  private static final class Materializer extends RecordMaterializer<Record> implements Parent {
    private final StructConverter root;
    private Record current;

    Materializer(ReadPlan.StructNode node) {
      this.root = new StructConverter(node, this, 0);
    }

    @Override
    public void put(int slot, Object value) {
      current = (Record) value;
    }

    @Override
    public Record getCurrentRecord() {
      return current;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  static Converter converter(ReadPlan.Node node, Parent parent, int slot) {
    if (node instanceof ReadPlan.StructNode s) {
      return new StructConverter(s, parent, slot);
    }
    if (node instanceof ReadPlan.ListNode l) {
      return new ListConverter(l, parent, slot);
    }
    if (node instanceof ReadPlan.MapNode m) {
      return new MapConverter(m, parent, slot);
    }
    if (node instanceof ReadPlan.ProbeNode p) {
      return discarding(p.requested());
    }
    return PrimitiveConverters.create((ReadPlan.PrimNode) node, parent, slot);
  }

  // ---- groups -------------------------------------------------------------------------------

  private static final class StructConverter extends GroupConverter implements Parent {
    private final ReadPlan.StructNode node;
    private final Types.StructType struct;
    private final Converter[] children;
    private final Parent parent;
    private final int slot;
    private Object[] values;

    StructConverter(ReadPlan.StructNode node, Parent parent, int slot) {
      this.node = node;
      this.struct = node.struct();
      this.parent = parent;
      this.slot = slot;
      this.children = new Converter[node.children().length];
      for (int i = 0; i < children.length; i++) {
        children[i] = converter(node.children()[i], this, node.positions()[i]);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      values = node.newValues();
    }

    @Override
    public void end() {
      parent.put(slot, Record.wrap(struct, values));
    }

    @Override
    public void put(int position, Object value) {
      values[position] = value;
    }
  }

  private static final class ListConverter extends GroupConverter implements Parent {
    private final Parent parent;
    private final int slot;
    private final Converter repeated;
    private ArrayList<Object> list;

    ListConverter(ReadPlan.ListNode node, Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
      this.repeated = node.kind() == ReadPlan.ListKind.THREE_LEVEL
          ? new ElementConverter(node.element(), this)
          : converter(node.element(), this, 0);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      list = new ArrayList<>();
    }

    @Override
    public void end() {
      parent.put(slot, Collections.unmodifiableList(list));
    }

    @Override
    public void put(int ignored, Object value) {
      list.add(value);
    }
  }

  /** The repeated group of a three-level list: one start/end per element, possibly null. */
  private static final class ElementConverter extends GroupConverter implements Parent {
    private final ListConverter list;
    private final Converter element;
    private Object value;

    ElementConverter(ReadPlan.Node element, ListConverter list) {
      this.list = list;
      this.element = converter(element, this, 0);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return element;
    }

    @Override
    public void start() {
      value = null;
    }

    @Override
    public void end() {
      list.put(0, value);
    }

    @Override
    public void put(int ignored, Object v) {
      value = v;
    }
  }

  private static final class MapConverter extends GroupConverter {
    private final Parent parent;
    private final int slot;
    private final KeyValueConverter keyValue;
    private Map<Object, Object> map;

    MapConverter(ReadPlan.MapNode node, Parent parent, int slot) {
      this.parent = parent;
      this.slot = slot;
      this.keyValue = new KeyValueConverter(node, this);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return keyValue;
    }

    @Override
    public void start() {
      map = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      parent.put(slot, Collections.unmodifiableMap(map));
    }
  }

  private static final class KeyValueConverter extends GroupConverter implements Parent {
    private final MapConverter map;
    private final Converter key;
    private final Converter value;
    private Object k;
    private Object v;

    KeyValueConverter(ReadPlan.MapNode node, MapConverter map) {
      this.map = map;
      this.key = converter(node.key(), this, 0);
      this.value = converter(node.value(), this, 1);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return fieldIndex == 0 ? key : value;
    }

    @Override
    public void start() {
      k = null;
      v = null;
    }

    @Override
    public void end() {
      map.map.put(k, v);
    }

    @Override
    public void put(int slot, Object value) {
      if (slot == 0) {
        k = value;
      } else {
        v = value;
      }
    }
  }

  /** Accepts and drops every value of a column read only for its definition levels. */
  private static Converter discarding(org.apache.parquet.schema.Type type) {
    if (type.isPrimitive()) {
      return new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {}

        @Override
        public void addBoolean(boolean value) {}

        @Override
        public void addDouble(double value) {}

        @Override
        public void addFloat(float value) {}

        @Override
        public void addInt(int value) {}

        @Override
        public void addLong(long value) {}
      };
    }
    Converter child = discarding(type.asGroupType().getType(0));
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return child;
      }

      @Override
      public void start() {}

      @Override
      public void end() {}
    };
  }
}
