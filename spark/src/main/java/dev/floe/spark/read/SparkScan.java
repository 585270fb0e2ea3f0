package dev.floe.spark.read;

import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;
import dev.floe.spark.ReadOptions;
import dev.floe.spark.SparkSchemas;
import dev.floe.spark.SparkTable;
import dev.floe.spark.stream.SparkMicroBatchStream;
import dev.floe.table.FileScanTask;
import dev.floe.table.TableScan;
import dev.floe.types.Schema;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;

/**
 * A batch scan of a Floe table: planned once through Floe's planning API (manifests, partitions
 * and file statistics prune), one Spark partition per file or per run of row groups of a large
 * file. Reports the planned row count and size to Spark's optimizer.
 */
public final class SparkScan implements Scan, Batch, SupportsReportStatistics {
  private final SparkTable table;
  private final ReadOptions options;
  private final Expression filter;
  private final Schema output;
  private final StructType sparkSchema;
  private List<ReadTask> tasks;

  SparkScan(SparkTable table, ReadOptions options, Expression filter, Schema output) {
    this.table = table;
    this.options = options;
    this.filter = filter;
    this.output = output;
    this.sparkSchema = SparkSchemas.toSpark(output);
  }

  @Override
  public StructType readSchema() {
    return sparkSchema;
  }

  @Override
  public String description() {
    return "floe " + table.name() + table.snapshotId().map(id -> " @" + id).orElse("") + " filter=[" + filter
        + "] columns=" + output.columns().stream().map(NestedField::name).toList();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    return new SparkMicroBatchStream(table, options, filter, output, checkpointLocation);
  }

  private List<ReadTask> tasks() {
    if (tasks == null) {
      TableScan scan = table.newFloeScan().filter(filter);
      tasks = ReadTasks.split(scan.planFiles(), options.splitSize());
    }
    return tasks;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return tasks().toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return readerFactory(table, options, output);
  }

  /** Input partitions of planned file tasks (batch and streaming reads). */
  public static List<ReadTask> split(List<FileScanTask> planned, long splitSize) {
    return ReadTasks.split(planned, splitSize);
  }

  /** The reader factory for output columns of this table (batch and streaming reads). */
  public static PartitionReaderFactory readerFactory(SparkTable table, ReadOptions options, Schema output) {
    boolean columnar = options.columnar() && ColumnarReader.supports(output);
    int[] ids = output.columns().stream().mapToInt(NestedField::id).toArray();
    return new ReaderFactory(table.context(), new ReadSpec(output.schemaId(), ids, columnar), options.batchSize());
  }

  @Override
  public Statistics estimateStatistics() {
    long rows = 0;
    long bytes = 0;
    for (ReadTask t : tasks()) {
      rows += t.estimatedRows();
      bytes += t.bytes();
    }
    // compressed file bytes scaled to the share of the row the scan reads
    double share = (double) Math.max(1, sparkSchema.defaultSize())
        / Math.max(1, SparkSchemas.toSpark(table.readSchema()).defaultSize());
    long sizeInBytes = (long) (bytes * Math.min(1.0, share));
    long rowCount = rows;
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(Math.max(1, sizeInBytes));
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.of(rowCount);
      }
    };
  }

  /** The planned Floe tasks, for tests and EXPLAIN. */
  public List<DataFile> plannedFiles() {
    List<DataFile> files = new ArrayList<>();
    for (FileScanTask t : table.newFloeScan().filter(filter).planFiles()) {
      files.add(t.file());
    }
    return files;
  }
}
