package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of schema and partition evolution, row-level changes, refs and maintenance,
 * in-process, in the exact forms scripts use; each bad input ends with one line on stderr and a
 * non-zero exit code, and leaves the table as it was.
 */
class EvolutionCommandsTest {
  @TempDir Path dir;

  Cli floe;

  @BeforeEach
  void setUp() throws IOException {
    floe = new Cli(dir.resolve("wh"));
    floe.ok("create", "db.t", "--schema", "id long not null, ts timestamp, category string, qty int");
    floe.ok("append", "db.t", csv("a.csv", 0, 10).toString());
    floe.ok("append", "db.t", csv("b.csv", 10, 20).toString());
  }

  private Path csv(String name, int from, int to) throws IOException {
    return csv(name, from, to, "category");
  }

  private Path csv(String name, int from, int to, String categoryColumn) throws IOException {
    StringBuilder sb = new StringBuilder("id,ts," + categoryColumn + ",qty\n");
    for (int i = from; i < to; i++) {
      sb.append(i).append(",2026-03-0").append(1 + i % 3).append("T10:00:00,").append(i % 2 == 0 ? "even" : "odd")
          .append(',').append(i * 10).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  /** Runs a command that must fail with one error line; returns that line. */
  private String fails(String... args) {
    Cli.Result r = floe.run(args);
    assertThat(r.exitCode()).as("exit code of floe %s", String.join(" ", args)).isNotZero();
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("floe: error: ");
    return r.errLines().get(0);
  }

  private long count(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "db.t";
    System.arraycopy(args, 0, full, 1, args.length);
    return floe.count(full);
  }

  private List<String> snapshotIds() {
    return floe.ok("snapshots", "db.t", "--format", "csv").lines().skip(1).map(l -> l.split(",")[0]).toList();
  }

  @Test
  void alterChangesSchemaPartitioningAndSortOrder() throws IOException {
    String out = floe.ok("alter", "db.t", "add-column", "note", "string", "--after", "id");
    assertThat(out).contains("added column note").contains("| note");
    assertThat(floe.ok("scan", "db.t", "--select", "id,note", "--where", "id = 3", "--format", "csv"))
        .isEqualTo("id,note" + System.lineSeparator() + "3," + System.lineSeparator());
    floe.ok("alter", "db.t", "add-column", "flag", "int", "--not-null", "--default", "7");
    assertThat(count("--where", "flag = 7")).isEqualTo(20);
    floe.ok("alter", "db.t", "rename-column", "category", "kind");
    assertThat(count("--where", "kind = 'even'")).isEqualTo(10);
    floe.ok("alter", "db.t", "widen-column", "qty", "long");
    assertThat(floe.ok("scan", "db.t", "--where", "qty > 100", "--select", "id", "--format", "csv").lines()).hasSize(10);
    floe.ok("alter", "db.t", "drop-column", "note");
    assertThat(floe.ok("scan", "db.t", "--limit", "1")).doesNotContain("note");

    assertThat(floe.ok("alter", "db.t", "set-partitioning", "day(ts), bucket(8, id)"))
        .contains("partitioned by day(ts), bucket(8, id)");
    assertThat(floe.ok("alter", "db.t", "set-sort-order", "id desc, ts")).contains("sorted by id desc, ts");
    floe.ok("append", "db.t", csv("c.csv", 20, 30, "kind").toString());
    assertThat(count()).isEqualTo(30);
    assertThat(count("--where", "ts >= '2026-03-02T00:00:00' and ts < '2026-03-03T00:00:00'")).isEqualTo(10);
    assertThat(floe.ok("alter", "db.t", "set-partitioning", "")).contains("unpartitioned");
  }

  @Test
  void badAlterationsAreRefused() {
    String before = floe.ok("snapshots", "db.t");
    assertThat(fails("alter", "db.t", "widen-column", "id", "int")).contains("cannot change long to int");
    assertThat(fails("alter", "db.t", "widen-column", "category", "long")).contains("int to long");
    assertThat(fails("alter", "db.t", "rename-column", "qty", "category")).contains("already exists");
    assertThat(fails("alter", "db.t", "drop-column", "nope")).contains("unknown column");
    assertThat(fails("alter", "db.t", "add-column", "n", "int", "--not-null")).contains("--default");
    assertThat(fails("alter", "db.t", "add-column", "n", "int", "--not-null", "--default", "seven"))
        .contains("cannot convert 'seven' to int");
    assertThat(fails("alter", "db.t", "widen-column", "ts", "timestamptz")).contains("cannot change");
    assertThat(fails("alter", "db.t", "set-partitioning", "day(nope)")).contains("unknown column");
    assertThat(fails("alter", "db.t", "explode")).contains("unknown action 'explode'");
    assertThat(floe.run("alter", "db.t", "explode").exitCode()).isEqualTo(FloeCommand.EXIT_USAGE);
    floe.ok("alter", "db.t", "set-partitioning", "category");
    assertThat(fails("alter", "db.t", "drop-column", "category")).contains("partition spec");
    assertThat(floe.ok("scan", "db.t", "--limit", "1")).contains("category");
    assertThat(before).isNotEmpty();
  }

  @Test
  void deleteAndUpdate() {
    assertThat(floe.ok("delete", "db.t", "--where", "id < 5")).startsWith("deleted 5 rows");
    assertThat(count()).isEqualTo(15);
    assertThat(floe.ok("delete", "db.t", "--where", "id < 5")).contains("nothing committed");
    assertThat(floe.ok("update", "db.t", "--set", "category = 'big'", "--set", "qty = 0", "--where", "qty >= 150"))
        .startsWith("updated 5 rows");
    assertThat(count("--where", "category = 'big' and qty = 0")).isEqualTo(5);
    assertThat(count()).isEqualTo(15);
    assertThat(floe.ok("update", "db.t", "--set", "category = null", "--where", "id = 7")).startsWith("updated 1 row:");
    assertThat(count("--where", "category is null")).isEqualTo(1);

    assertThat(fails("delete", "db.t", "--where", "colour = 'red'")).contains("colour").contains("unknown column");
    assertThat(fails("update", "db.t", "--set", "id = null")).contains("required");
    assertThat(fails("update", "db.t", "--set", "qty"))
        .contains("not of the form");
    assertThat(count()).isEqualTo(15);
  }

  @Test
  void branchesAndTagsIsolateWritesUntilFastForward() throws IOException {
    String out = floe.ok("ref", "db.t", "create-branch", "dev");
    assertThat(out).startsWith("created branch dev at snapshot");
    floe.ok("ref", "db.t", "create-tag", "v1");
    assertThat(floe.ok("append", "db.t", csv("d.csv", 100, 105).toString(), "--branch", "dev")).contains("on branch dev");
    floe.ok("delete", "db.t", "--where", "id = 0", "--branch", "dev");

    assertThat(count()).isEqualTo(20);
    assertThat(count("--ref", "dev")).isEqualTo(24);
    assertThat(count("--ref", "v1")).isEqualTo(20);
    assertThat(floe.ok("scan", "db.t", "--ref", "dev", "--where", "id >= 100", "--format", "csv").lines()).hasSize(6);
    assertThat(floe.ok("files", "db.t", "--ref", "dev")).contains("| data/").contains("id=100..104");
    String list = floe.ok("ref", "db.t", "list");
    assertThat(list).contains("| dev ").contains("| v1 ").contains("| main ").contains("tag").contains("branch");

    assertThat(fails("append", "db.t", csv("e.csv", 200, 201).toString(), "--branch", "v1"))
        .contains("tags cannot be written to");
    assertThat(fails("ref", "db.t", "drop", "main")).contains("main branch cannot be dropped");
    assertThat(fails("ref", "db.t", "create-branch", "dev")).contains("already has a branch");
    assertThat(fails("count", "db.t", "--ref", "nope")).contains("no branch or tag named 'nope'");

    floe.ok("ref", "db.t", "fast-forward", "main", "dev");
    assertThat(count()).isEqualTo(24);
    // main and v1 have diverged from a new branch written since
    floe.ok("ref", "db.t", "create-branch", "side", "--snapshot", snapshotIds().get(0));
    floe.ok("append", "db.t", csv("f.csv", 300, 301).toString(), "--branch", "side");
    assertThat(fails("ref", "db.t", "fast-forward", "main", "side")).contains("not an ancestor");
    floe.ok("ref", "db.t", "set-retention", "side", "--min-snapshots", "3", "--max-ref-age", "30d");
    assertThat(floe.ok("ref", "db.t", "list")).contains("720h");
    assertThat(floe.ok("ref", "db.t", "drop", "v1")).isEqualTo("dropped tag v1" + System.lineSeparator());
    assertThat(floe.ok("ref", "db.t", "drop", "side")).startsWith("dropped branch side");
    assertThat(floe.ok("ref", "db.t", "list")).doesNotContain("| side ").doesNotContain("| v1 ");
  }

  @Test
  void rollbackMovesMainToAnAncestor() {
    List<String> ids = snapshotIds();
    assertThat(floe.ok("rollback", "db.t", "--to", ids.get(0))).contains("to " + ids.get(0));
    assertThat(count()).isEqualTo(10);
    assertThat(fails("rollback", "db.t", "--to", "123")).contains("no snapshot 123");
    // the later snapshot is no ancestor any more, but can be made current on purpose
    assertThat(fails("rollback", "db.t", "--to", ids.get(1))).contains("not an ancestor");
    floe.ok("rollback", "db.t", "--to", ids.get(1), "--any");
    assertThat(count()).isEqualTo(20);
  }

  @Test
  void expireAndRemoveOrphans() throws IOException {
    floe.ok("delete", "db.t", "--where", "id < 10");
    List<String> ids = snapshotIds();
    String dry = floe.ok("expire", "db.t", "--older-than", "0s", "--retain-last", "1", "--dry-run", "--list-files");
    assertThat(dry).contains("would expire 2 snapshots").contains("files to delete").contains("manifest-list\t");
    assertThat(snapshotIds()).isEqualTo(ids);

    String real = floe.ok("expire", "db.t", "--older-than", "0s", "--retain-last", "1");
    assertThat(real).startsWith("expired 2 snapshots").contains("| data ").contains("| total ");
    assertThat(snapshotIds()).hasSize(1);
    assertThat(count()).isEqualTo(10);
    assertThat(fails("count", "db.t", "--snapshot", ids.get(0))).contains("expired");
    assertThat(fails("expire", "db.t", "--older-than", "yesterday")).contains("older-than");
    assertThat(fails("expire", "db.t", "--older-than", "7")).contains("needs a unit");
    assertThat(fails("expire", "db.t", "--retain-last", "0")).contains("at least 1");

    Path stray = dir.resolve("wh/db/t/data/stray.parquet");
    Files.writeString(stray, "junk");
    assertThat(floe.ok("remove-orphans", "db.t")).startsWith("removed 0 orphan files");
    assertThat(floe.ok("remove-orphans", "db.t", "--older-than", "0s", "--dry-run")).startsWith("would remove");
    assertThat(stray).exists();
    assertThat(floe.ok("remove-orphans", "db.t", "--older-than", "0s")).contains("| data ");
    assertThat(stray).doesNotExist();
    assertThat(count()).isEqualTo(10);
  }
}
