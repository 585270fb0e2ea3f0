package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A writer killed with SIGKILL at random moments never leaves the table unreadable, never loses
 * a committed row, and never leaves a snapshot pointing at a missing file.
 */
abstract class CrashTest {
  abstract Warehouse warehouse();

  /** How many writers to kill; each trial starts a JVM. */
  abstract int trials();

  @Test
  void killedWritersLeaveAConsistentTable() throws Exception {
    TableIdentifier id = TableIdentifier.parse("db.events");
    try (StorageCatalog catalog = warehouse().open()) {
      catalog.createTable(id, Events.SCHEMA, PartitionSpec.parse(Events.SCHEMA, "bucket(4, id)"), Map.of());
    }
    Random random = new Random(42);
    int trials = trials();
    for (int trial = 0; trial < trials; trial++) {
      Process child = Children.start(AppendWorker.class, warehouse().workerArguments(id.toString(),
          String.valueOf(trial), "-1", "50"));
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      // Let the child commit a random number of times, then kill it somewhere inside its next commit.
      int commitsBeforeKill = random.nextInt(3);
      String line = out.readLine();
      assertThat(line).isEqualTo("ready");
      for (int k = 0; k < commitsBeforeKill; k++) {
        assertThat(out.readLine()).startsWith("committed ");
      }
      long spinNanos = random.nextInt(30_000_000);
      long until = System.nanoTime() + spinNanos;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();

      try (StorageCatalog catalog = warehouse().open()) {
        Table table = catalog.loadTable(id);
        List<Long> ids = TableChecks.ids(table);
        assertThat((long) ids.size()).as("trial %d", trial).isEqualTo(TableChecks.committedRecords(table));
        assertThat(new HashSet<>(ids)).as("no duplicate rows, trial %d", trial).hasSize(ids.size());
        TableChecks.assertNothingMissing(table);
      }
    }
  }
}
