package dev.floe.parquet;

import dev.floe.io.InputFile;
import dev.floe.manifest.ColumnStats;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;

/**
 * What a Parquet file's footer says, in Floe terms: its row groups with row counts and column
 * statistics by field id (bounds exact, in internal representation of the file's own types).
 *
 * @param location the file
 * @param schema the file's schema with its own field ids; empty when some field has no id
 * @param createdBy the writer that produced the file, when it says
 * @param rowGroups in file order
 */
public record ParquetFooter(String location, Optional<Schema> schema, Optional<String> createdBy,
    List<RowGroup> rowGroups) {

  public ParquetFooter {
    rowGroups = List.copyOf(rowGroups);
  }

  /**
   * One row group.
   *
   * @param startingOffset byte offset of its first page (a split point)
   * @param compressedSize bytes its column chunks take in the file
   */
  public record RowGroup(long rowCount, long startingOffset, long compressedSize,
      Map<Integer, ColumnStats> columnStats) {
    public RowGroup {
      columnStats = Map.copyOf(columnStats);
    }
  }

  public int rowGroupCount() {
    return rowGroups.size();
  }

  public long recordCount() {
    long n = 0;
    for (RowGroup g : rowGroups) {
      n += g.rowCount();
    }
    return n;
  }

  /**
   * Reads the footer of a Parquet file.
   *
   * @throws dev.floe.error.CorruptFileException if the file is not readable Parquet
   */
  public static ParquetFooter read(InputFile file) {
    ParquetFileReader reader = ParquetIO.open(file);
    try {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      MessageType schema = meta.getSchema();
      var leaves = FooterStats.leaves(schema, null);
      List<RowGroup> groups = new ArrayList<>();
      for (BlockMetaData b : reader.getRowGroups()) {
        groups.add(new RowGroup(b.getRowCount(), b.getStartingPos(), b.getCompressedSize(),
            FooterStats.rowGroup(b, leaves)));
      }
      Optional<Schema> floeSchema;
      try {
        floeSchema = ParquetSchemas.fromParquet(schema, false);
      } catch (dev.floe.error.InvalidInputException e) {
        floeSchema = Optional.empty();
      }
      return new ParquetFooter(file.location(), floeSchema, Optional.ofNullable(meta.getCreatedBy()), groups);
    } catch (RuntimeException e) {
      throw ParquetIO.readFailure(file.location(), e);
    } finally {
      ParquetRecordReader.closeQuietly(reader);
    }
  }
}
