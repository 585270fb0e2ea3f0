package dev.floe.spark.read;

import java.io.Serializable;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One Spark input partition: a data file, or a run of its row groups when the file is large
 * enough to split, with the residual filter its rows must still pass (Floe filter text, which
 * {@link dev.floe.expressions.ExpressionParser} reads back; null when every row matches).
 *
 * @param firstRowGroup index of the first row group to read
 * @param rowGroups how many row groups to read from there; -1 for all of the file's
 * @param estimatedRows the file's record count, or the split's share of it
 * @param bytes the bytes of the file the task covers
 */
public record ReadTask(String path, int firstRowGroup, int rowGroups, String residual, long estimatedRows,
    long bytes) implements InputPartition, Serializable {

  public boolean wholeFile() {
    return rowGroups < 0;
  }
}
