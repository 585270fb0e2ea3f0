package dev.floe.cli;

import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.io.InputFile;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Set;

/**
 * A Parquet file from elsewhere: its columns are matched to the table's by name (its field ids,
 * if any, mean nothing to this table). Rows are counted from 1 in messages.
 */
final class ParquetRowSource implements RowSource {
  private final String file;
  private final RowShape shape;
  private final long length;
  private final CloseableIterator<Record> rows;
  private long row;
  private boolean done;

  ParquetRowSource(String file, InputFile input, RowShape shape) {
    this.file = file;
    this.shape = shape;
    this.length = input.length();
    Schema fileSchema = ParquetRecordReader.inferSchema(input);
    Set<Integer> present = new HashSet<>();
    for (NestedField f : fileSchema.columns()) {
      present.add(shape.indexOf(f.name(), file));
    }
    for (int c = 0; c < shape.size(); c++) {
      if (shape.column(c).required() && shape.column(c).writeDefault().isEmpty() && !present.contains(c)) {
        throw new InvalidInputException(file, "required (not null) column '" + shape.column(c).name()
            + "' is not in the file");
      }
    }
    // a required column with a write default may be absent from the file: finish() fills it in
    List<NestedField> read = new java.util.ArrayList<>();
    for (NestedField f : shape.schema().columns()) {
      read.add(f.required() && f.writeDefault().isPresent() ? f.asOptional() : f);
    }
    this.rows = ParquetRecordReader.readByName(input, new Schema(shape.schema().schemaId(), read));
  }

  @Override
  public boolean hasNext() {
    boolean more = rows.hasNext();
    done = !more;
    return more;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record r = rows.next();
    row++;
    Object[] values = new Object[shape.size()];
    boolean sameShape = r.struct().equals(shape.schema().asStruct());
    for (int i = 0; i < values.length; i++) {
      values[i] = sameShape ? r.get(i) : valueByName(r, shape.column(i).name());
    }
    return shape.finish(values, file + " row " + row);
  }

  private static Object valueByName(Record r, String name) {
    return r.struct().field(name).isPresent() ? r.get(name) : null;
  }

  @Override
  public long bytesRead() {
    return done ? length : 0;
  }

  @Override
  public void close() {
    rows.close();
  }
}
