package dev.floe.parquet;

import dev.floe.data.Record;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import dev.floe.testing.InMemoryFileIO;
import dev.floe.types.Schema;
import dev.floe.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the Parquet tests. */
final class ParquetTestFiles {
  private ParquetTestFiles() {}

  static DataFileMetrics write(InMemoryFileIO io, String location, Schema schema, List<Record> rows) {
    return write(io, location, schema, rows, Map.of());
  }

  static DataFileMetrics write(InMemoryFileIO io, String location, Schema schema, List<Record> rows,
      Map<String, String> props) {
    OutputFile out = io.newOutputFile(location);
    ParquetFileAppender appender = ParquetFileAppender.create(out, schema, props);
    for (Record r : rows) {
      appender.add(r);
    }
    appender.close();
    return appender.metrics();
  }

  static List<Record> readAll(InputFile file, Schema projection) {
    return drain(ParquetRecordReader.read(file, projection));
  }

  static List<Record> drain(CloseableIterator<Record> it) {
    List<Record> out = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }
}
