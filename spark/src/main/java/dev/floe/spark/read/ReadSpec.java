package dev.floe.spark.read;

import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What every task of a scan reads: the schema the snapshot was written with (by id, from the
 * task's {@link dev.floe.spark.TableContext}), the output columns by field id, and whether
 * batches are columnar.
 */
public record ReadSpec(int schemaId, int[] outputFieldIds, boolean columnar) implements Serializable {

  /** The output columns, in output order. */
  public Schema output(Schema tableSchema) {
    List<NestedField> cols = new ArrayList<>();
    for (int id : outputFieldIds) {
      cols.add(tableSchema.findField(id).orElseThrow(() -> new IllegalStateException(
          "field " + id + " is not in schema " + tableSchema.schemaId())));
    }
    return new Schema(tableSchema.schemaId(), cols);
  }
}
