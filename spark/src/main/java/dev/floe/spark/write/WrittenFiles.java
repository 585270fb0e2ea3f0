package dev.floe.spark.write;

import dev.floe.manifest.DataFile;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** What one write task hands the driver: the data files it wrote, not yet part of the table. */
public record WrittenFiles(List<DataFileMessage> files) implements WriterCommitMessage {

  static WrittenFiles of(List<DataFile> files) {
    List<DataFileMessage> out = new ArrayList<>();
    for (DataFile f : files) {
      out.add(DataFileMessage.of(f));
    }
    return new WrittenFiles(out);
  }

  /** Every data file of the messages; failed tasks leave null messages, which are skipped. */
  static List<DataFile> all(WriterCommitMessage[] messages) {
    List<DataFile> out = new ArrayList<>();
    for (WriterCommitMessage m : messages) {
      if (m instanceof WrittenFiles w) {
        for (DataFileMessage f : w.files()) {
          out.add(f.toDataFile());
        }
      }
    }
    return out;
  }
}
