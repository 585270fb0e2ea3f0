package dev.floe.spark.read;

import dev.floe.data.Record;
import dev.floe.parquet.ColumnBatchReader;
import dev.floe.parquet.ColumnSink;
import dev.floe.spark.SparkSchemas;
import dev.floe.spark.TableContext;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import dev.floe.util.CloseableIterator;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Rows of one task as columnar batches, for scans whose columns are all top-level primitives.
 * Where the task has no residual filter and the file's values are already Spark's representation,
 * table-format's column reader decodes pages straight into reused on-heap column vectors (no
 * object per value); otherwise records are read and their values copied into the vectors. Spark's
 * generated code then reads the vectors in tight loops.
 */
final class ColumnarReader implements PartitionReader<ColumnarBatch> {
  private final ColumnBatchReader columns;
  private final ColumnSink[] sinks;
  private final CloseableIterator<Record> records;
  private final Type[] types;
  private final OnHeapColumnVector[] vectors;
  private final ColumnarBatch batch;
  private final int capacity;

  ColumnarReader(TableContext context, ReadSpec spec, ReadTask task, int capacity) {
    Schema output = spec.output(context.metadata().schema(spec.schemaId()));
    List<NestedField> cols = output.columns();
    this.capacity = capacity;
    this.types = new Type[cols.size()];
    this.vectors = new OnHeapColumnVector[cols.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = cols.get(i).type();
      vectors[i] = new OnHeapColumnVector(capacity, SparkSchemas.toSpark(types[i], cols.get(i).name()));
    }
    this.batch = new ColumnarBatch(vectors);
    this.columns = TaskRecords.openColumns(context, spec, task).orElse(null);
    if (columns != null) {
      this.sinks = new ColumnSink[vectors.length];
      for (int i = 0; i < sinks.length; i++) {
        sinks[i] = new VectorSink(vectors[i]);
      }
      this.records = null;
    } else {
      this.sinks = null;
      this.records = TaskRecords.open(context, spec, task);
    }
  }

  /** Whether the columnar path can carry these columns. */
  static boolean supports(Schema output) {
    for (NestedField f : output.columns()) {
      if (!f.type().isPrimitive() || f.type().kind() == Type.Kind.TIME) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean next() {
    for (OnHeapColumnVector v : vectors) {
      v.reset();
    }
    if (columns != null) {
      int rows = columns.next(sinks, capacity);
      batch.setNumRows(rows);
      return rows > 0;
    }
    int n = 0;
    while (n < capacity && records.hasNext()) {
      Record r = records.next();
      for (int c = 0; c < types.length; c++) {
        put(vectors[c], types[c], n, r.get(c));
      }
      n++;
    }
    batch.setNumRows(n);
    return n > 0;
  }

  private static void put(OnHeapColumnVector v, Type type, int row, Object value) {
    if (value == null) {
      v.putNull(row);
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> v.putBoolean(row, (Boolean) value);
      case INT -> v.putInt(row, (Integer) value);
      case LONG -> v.putLong(row, (Long) value);
      case FLOAT -> v.putFloat(row, (Float) value);
      case DOUBLE -> v.putDouble(row, (Double) value);
      case DECIMAL -> {
        Types.DecimalType d = (Types.DecimalType) type;
        v.putDecimal(row, Decimal.apply((BigDecimal) value, d.precision(), d.scale()), d.precision());
      }
      case DATE -> v.putInt(row, (Integer) Values.toInternal(type.asPrimitive(), value));
      case TIMESTAMP, TIMESTAMPTZ -> v.putLong(row, (Long) Values.toInternal(type.asPrimitive(), value));
      case STRING -> v.putByteArray(row, ((String) value).getBytes(StandardCharsets.UTF_8));
      case UUID -> v.putByteArray(row, value.toString().getBytes(StandardCharsets.UTF_8));
      case BINARY, FIXED -> {
        ByteBuffer b = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        v.putByteArray(row, bytes);
      }
      default -> throw new IllegalStateException("no columnar form for " + type);
    }
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  @Override
  public void close() {
    if (columns != null) {
      columns.close();
    } else {
      records.close();
    }
    batch.close();
  }

  /** Values in Floe's internal representation are Spark's too for the types the column reader hands over. */
  private record VectorSink(OnHeapColumnVector vector) implements ColumnSink {
    @Override
    public void putNull(int row) {
      vector.putNull(row);
    }

    @Override
    public void putNulls(int row, int count) {
      vector.putNulls(row, count);
    }

    @Override
    public void putBoolean(int row, boolean value) {
      vector.putBoolean(row, value);
    }

    @Override
    public void putInt(int row, int value) {
      vector.putInt(row, value);
    }

    @Override
    public void putLong(int row, long value) {
      vector.putLong(row, value);
    }

    @Override
    public void putFloat(int row, float value) {
      vector.putFloat(row, value);
    }

    @Override
    public void putDouble(int row, double value) {
      vector.putDouble(row, value);
    }

    @Override
    public void putBytes(int row, byte[] bytes, int offset, int length) {
      vector.putByteArray(row, bytes, offset, length);
    }
  }
}
