package dev.floe.cli;

import dev.floe.data.Record;
import dev.floe.util.CloseableIterator;

/**
 * The rows of one input file, already converted to the table's schema (values in the generic
 * Java representation of {@link Record}). Bad input fails with an
 * {@link dev.floe.error.InvalidInputException} that names the file, the line and the column.
 */
interface RowSource extends CloseableIterator<Record> {
  /** Bytes of the input consumed so far; approximate, readers buffer ahead. */
  long bytesRead();
}
