package dev.floe.compaction;

import dev.floe.catalog.StorageCatalog;
import dev.floe.commit.CommitResult;
import dev.floe.table.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A separate JVM that appends rows to the test table until told {@code stop} on stdin:
 * {@code warehouse firstId rowsPerCommit}. Commit k holds ids [firstId + k * rows, + rows) and
 * carries idempotency key (writer "appender", k). Prints {@code ready}, then
 * {@code committed <k>} after each commit and {@code stopped <commits>} at the end.
 */
public final class AppenderMain {
  public static void main(String[] args) throws Exception {
    long firstId = Long.parseLong(args[1]);
    int rows = Integer.parseInt(args[2]);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (StorageCatalog catalog = Tables.catalog(java.nio.file.Path.of(args[0]))) {
      Table table = catalog.loadTable(Tables.ID);
      System.out.println("ready");
      System.out.flush();
      long k = 0;
      while (!commands.ready() || !"stop".equals(commands.readLine())) {
        long from = firstId + k * rows;
        CommitResult r = table.newAppend().appendRecords(WideRows.rows(from, from + rows))
            .idempotencyKey("appender", k).commit();
        System.out.println("committed " + k + " " + r.snapshot().map(s -> s.snapshotId()).orElse(-1L));
        System.out.flush();
        k++;
      }
      System.out.println("stopped " + k);
      System.out.flush();
    }
  }
}
