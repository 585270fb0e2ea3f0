package dev.floe.spark.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.manifest.DataFile;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The abort protocol between a job's tasks and its driver, without Spark, in both orders. */
class PendingFilesTest {
  static final Schema SCHEMA = Schema.of(NestedField.required(1, "id", Types.LONG));

  @TempDir
  Path dir;

  private List<DataFile> write(Table table) {
    TableWriter w = table.newWriter();
    w.write(Record.of(SCHEMA.asStruct(), 1L));
    return w.complete();
  }

  @Test
  void aTaskThatRecordsBeforeTheAbortIsCleanedUpByTheDriver() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      PendingFiles job = PendingFiles.newJob(table.location());
      List<DataFile> files = write(table);
      job.record(table.io(), files);

      Commits.abort(table.io(), List.of(), job, null); // the task's report was lost

      assertThat(Files.exists(Path.of(files.get(0).path()))).isFalse();
      assertThat(job.recorded(table.io())).isEmpty();
    }
  }

  @Test
  void aTaskThatFinishesAfterTheAbortDeletesItsOwnFiles() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      PendingFiles job = PendingFiles.newJob(table.location());
      Commits.abort(table.io(), List.of(), job, null);
      List<DataFile> late = write(table);

      assertThatThrownBy(() -> job.record(table.io(), late)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("aborted");
      assertThat(Files.exists(Path.of(late.get(0).path()))).isFalse();
      assertThat(job.recorded(table.io())).isEmpty();
      // another job of the same table is not affected by this job's marker
      PendingFiles other = PendingFiles.newJob(table.location());
      List<DataFile> kept = write(table);
      other.record(table.io(), kept);
      assertThat(other.recorded(table.io())).containsExactly(kept.get(0).path());
    }
  }
}
