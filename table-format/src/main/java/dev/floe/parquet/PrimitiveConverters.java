package dev.floe.parquet;

import dev.floe.parquet.RecordConverters.Parent;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Parquet leaf converters of the record-assembly reader (nested projections): each hands the
 * values of its column, turned into Floe external values by a {@link ValueConversion}, to its
 * parent. Dictionary entries are converted once and shared (all external values but ByteBuffer
 * are immutable).
 */
final class PrimitiveConverters {
  private PrimitiveConverters() {}

  static PrimitiveConverter create(ReadPlan.PrimNode node, Parent parent, int slot) {
    return new Leaf(ValueConversion.of(node), node.file().getPrimitiveTypeName(), parent, slot);
  }

  private static final class Leaf extends PrimitiveConverter {
    private final ValueConversion conversion;
    private final PrimitiveTypeName physical;
    private final boolean shareDictionaryValues;
    private final Parent parent;
    private final int slot;
    private Object[] dictionary;

    Leaf(ValueConversion conversion, PrimitiveTypeName physical, Parent parent, int slot) {
      this.conversion = conversion;
      this.physical = physical;
      this.shareDictionaryValues = conversion.immutable();
      this.parent = parent;
      this.slot = slot;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary d) {
      dictionary = conversion.dictionary(d, physical);
    }

    @Override
    public void addValueFromDictionary(int id) {
      Object v = dictionary[id];
      parent.put(slot, shareDictionaryValues ? v : conversion.copy(v));
    }

    @Override
    public void addBoolean(boolean value) {
      parent.put(slot, conversion.ofBoolean(value));
    }

    @Override
    public void addInt(int value) {
      parent.put(slot, conversion.ofInt(value));
    }

    @Override
    public void addLong(long value) {
      parent.put(slot, conversion.ofLong(value));
    }

    @Override
    public void addFloat(float value) {
      parent.put(slot, conversion.ofFloat(value));
    }

    @Override
    public void addDouble(double value) {
      parent.put(slot, conversion.ofDouble(value));
    }

    @Override
    public void addBinary(Binary value) {
      parent.put(slot, conversion.ofBinary(value));
    }
  }
}
