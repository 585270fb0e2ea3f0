package dev.floe.parquet;

import java.io.Closeable;

/**
 * Decodes a data file's columns a batch of rows at a time straight into {@link ColumnSink}s, with
 * no record or boxed value per row: the read path for engines with columnar execution. Obtained
 * from {@link ParquetRecordReader#readColumns}; it reads every row of the row groups the filter
 * keeps (there is no per-row filter here).
 */
public interface ColumnBatchReader extends Closeable {
  /**
   * Decodes the next rows, at most {@code maxRows}, into {@code sinks} (one per projected column,
   * in projection order), starting at row 0 of each sink.
   *
   * @return the number of rows decoded; 0 at the end of the file
   */
  int next(ColumnSink[] sinks, int maxRows);

  @Override
  void close();
}
