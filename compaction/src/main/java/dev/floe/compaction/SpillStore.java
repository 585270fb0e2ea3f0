package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.io.FileIO;
import dev.floe.parquet.ParquetFileAppender;
import dev.floe.parquet.ParquetRecordReader;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a sort that outgrows its memory puts its sorted runs: Parquet files of the table's schema
 * (so every type, nested ones included, round-trips by the same code that writes data files),
 * zstd level 1 for speed, under a directory of their own. Runs are deleted when the group is
 * done; a crash leaves them behind for orphan cleanup, since nothing references them.
 */
final class SpillStore implements AutoCloseable {
  private static final Map<String, String> RUN_PROPERTIES = Map.of(
      ParquetFileAppender.COMPRESSION_CODEC, "zstd",
      ParquetFileAppender.COMPRESSION_LEVEL, "1");

  private final FileIO io;
  private final String directory;
  private final Schema schema;
  private final List<String> runs = new ArrayList<>();

  SpillStore(FileIO io, String parent, Schema schema) {
    this.io = io;
    this.directory = parent + "/compaction-spill-" + UUID.randomUUID();
    this.schema = schema;
  }

  /** Writes sorted rows as one run and returns its location. */
  String write(Iterable<Record> sortedRows) {
    String path = directory + "/run-" + runs.size() + ".parquet";
    runs.add(path);
    try (ParquetFileAppender out = ParquetFileAppender.create(io.newOutputFile(path), schema, RUN_PROPERTIES)) {
      for (Record r : sortedRows) {
        out.add(r);
      }
    }
    return path;
  }

  CloseableIterator<Record> read(String run) {
    return ParquetRecordReader.read(io.newInputFile(run), schema);
  }

  int runCount() {
    return runs.size();
  }

  @Override
  public void close() {
    for (String run : runs) {
      try {
        io.delete(run);
      } catch (RuntimeException ignored) {
        // a leftover run is unreferenced: orphan cleanup removes it
      }
    }
    runs.clear();
  }
}
