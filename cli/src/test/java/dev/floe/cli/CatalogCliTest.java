package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code floe serve} on the embedded default (SQLite under the warehouse, a generated admin
 * token), and every other command working through it with {@code --catalog} and agreeing with
 * the same commands run against the warehouse directly.
 */
class CatalogCliTest {
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    if (ServeCommand.started != null) {
      ServeCommand.started.close();
      ServeCommand.started = null;
    }
  }

  /** Starts {@code floe serve} in the background; returns its URI and printed token. */
  private String[] serve(Path warehouse) throws Exception {
    StringWriter out = new StringWriter();
    Thread t = new Thread(() -> {
      CommandLine cl = FloeCommand.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(new StringWriter(), true));
      cl.execute("--warehouse", warehouse.toString(), "serve", "--port", "0");
    });
    t.setDaemon(true);
    t.start();
    Pattern uri = Pattern.compile("serving (http://\\S+)");
    Pattern token = Pattern.compile("admin token .*: (floe_\\w+)");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Matcher u = uri.matcher(out.toString());
      Matcher k = token.matcher(out.toString());
      if (u.find() && k.find()) {
        return new String[] {u.group(1), k.group(1)};
      }
      Thread.sleep(50);
    }
    throw new AssertionError("floe serve did not start: " + out);
  }

  @Test
  void everyCommandWorksThroughTheServer() throws Exception {
    Path warehouse = dir.resolve("served");
    String[] started = serve(warehouse);
    assertThat(warehouse.resolve("catalog.db")).exists();
    Path csv = dir.resolve("in.csv");
    StringBuilder rows = new StringBuilder("id,ts,category,amount\n");
    for (int i = 0; i < 50; i++) {
      rows.append(i).append(",2026-03-0").append(1 + i % 5).append("T10:00:00,").append("c").append(i % 4).append(',')
          .append(i * 2.5).append('\n');
    }
    Files.writeString(csv, rows);

    Cli direct = new Cli(dir.resolve("direct"));
    String[] via = {"--catalog", started[0], "--token", started[1]};
    for (Cli.Result r : new Cli.Result[] {
        Cli.runRaw(cat(via, "create", "db.events", "--schema", FloeCommandTest.SCHEMA, "--partition-by", "day(ts)")),
        direct.run("create", "db.events", "--schema", FloeCommandTest.SCHEMA, "--partition-by", "day(ts)")}) {
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    assertThat(Cli.runRaw(cat(via, "append", "db.events", csv.toString())).exitCode()).isZero();
    direct.ok("append", "db.events", csv.toString());
    assertThat(Cli.runRaw(cat(via, "append", "db.events", csv.toString())).exitCode()).isZero();
    direct.ok("append", "db.events", csv.toString());

    String[][] queries = {
        {"count", "db.events"},
        {"count", "db.events", "--where", "amount > 20 and category = 'c1'"},
        {"scan", "db.events", "--select", "id,amount", "--where", "id < 10", "--format", "csv"},
        {"files", "db.events", "--where", "id in (1,2,3)", "--format", "csv"}};
    for (String[] q : queries) {
      Cli.Result served = Cli.runRaw(cat(via, q));
      assertThat(served.exitCode()).as(served.err()).isZero();
      String expected = direct.ok(q);
      if (q[0].equals("files")) {
        // locations differ between the two warehouses; the number of files and their rows do not
        assertThat(served.out().lines().count()).isEqualTo(expected.lines().count());
      } else {
        assertThat(sorted(served.out())).isEqualTo(sorted(expected));
      }
    }
    Cli.Result snapshots = Cli.runRaw(cat(via, "snapshots", "db.events", "--format", "csv"));
    assertThat(snapshots.exitCode()).isZero();
    assertThat(snapshots.out().lines().count()).isEqualTo(direct.ok("snapshots", "db.events", "--format", "csv")
        .lines().count());

    Cli.Result noToken = Cli.runRaw("--catalog", started[0], "count", "db.events");
    assertThat(noToken.exitCode()).isEqualTo(1);
    assertThat(noToken.err()).startsWith("floe: error: ").contains("authentication required");
    Cli.Result badUri = Cli.runRaw("--catalog", "ftp://nowhere", "count", "db.events");
    assertThat(badUri.err()).contains("http:// or https://");
  }

  @Test
  void demoRunsThroughTheServer() throws Exception {
    String[] started = serve(dir.resolve("wh"));
    Cli.Result r = Cli.runRaw("--catalog", started[0], "--token", started[1], "demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Created");
  }

  private static String[] cat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static java.util.List<String> sorted(String s) {
    return s.lines().sorted().toList();
  }
}
