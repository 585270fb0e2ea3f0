package dev.floe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * Row groups a point lookup must decode: those whose footer statistics on {@code id} contain the
 * key. Both Floe and Iceberg skip row groups by these statistics, so this is what either reads
 * (an untimed diagnostic; Floe's TableScan does not expose its read counters).
 */
final class Footers {
  private Footers() {}

  static int rowGroupsContaining(String file, long key) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(IcebergLocalFileIO.path(file)))) {
      int n = 0;
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          if (!column.getPath().toDotString().equals("id")) {
            continue;
          }
          Statistics<?> s = column.getStatistics();
          if (s == null || !s.hasNonNullValue()
              || ((Long) s.genericGetMin() <= key && key <= (Long) s.genericGetMax())) {
            n++;
          }
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
