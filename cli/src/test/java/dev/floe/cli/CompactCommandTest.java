package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe compact} and {@code floe rewrite-manifests} end to end, in-process. */
class CompactCommandTest {
  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE));
  static final String TABLE = "db.events";
  static final int COMMITS = 12;
  static final int ROWS = 200;

  @TempDir Path dir;
  Cli floe;

  @BeforeEach
  void setUp() {
    Path warehouse = dir.resolve("wh");
    floe = new Cli(warehouse);
    try (StorageCatalog catalog = StorageCatalog.open(warehouse.toString(), Map.of())) {
      Table t = catalog.createTable(TableIdentifier.parse(TABLE), SCHEMA, PartitionSpec.parse(SCHEMA, "bucket(2, id)"),
          Map.of());
      for (int c = 0; c < COMMITS; c++) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
          long id = (long) c * ROWS + i;
          rows.add(Record.of(SCHEMA.asStruct(), id, LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(id),
              "cat-" + (id % 7), id % 10 == 0 ? null : id * 0.5));
        }
        t.newAppend().appendRecords(rows).commit();
      }
    }
  }

  private int snapshots() {
    return floe.ok("snapshots", TABLE, "--format", "csv").split("\\R").length - 1;
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() {
    int before = snapshots();
    Cli.Result r = floe.run("compact", TABLE, "--dry-run", "--strategy", "sort", "--sort-by", "id desc",
        "--target-file-size", "1MB");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("| group | partition", "id_bucket=0", "id_bucket=1",
        "sort plan (dry run): 24 files", "2,400 rows) in 2 groups -> about 2 files of 1.0 MiB",
        "the table has 24 data files");
    assertThat(snapshots()).isEqualTo(before);
    assertThat(floe.count(TABLE)).isEqualTo((long) COMMITS * ROWS);

    Cli.Result none = floe.run("compact", TABLE, "--dry-run", "--where", "id < 0");
    assertThat(none.out()).contains("binpack plan (dry run): 0 files", "nothing to compact")
        .doesNotContain("| group");
  }

  @Test
  void badInputIsOneLineAndAUsageErrorWhereAnOptionIsUnreadable() {
    expectError(2, new String[] {"compact", TABLE, "--strategy", "shuffle"},
        "unknown strategy 'shuffle'; expected binpack, sort or zorder", "see 'floe compact --help'");
    expectError(2, new String[] {"compact", TABLE, "--target-file-size", "huge"},
        "target-file-size: cannot read size 'huge'");
    expectError(2, new String[] {"compact", TABLE, "--strategy", "zorder", "--zorder-by", "id"},
        "z-order needs 2 to 4 columns");
    expectError(2, new String[] {"compact", TABLE, "--sort-by", "id"}, "does not apply to the binpack strategy");
    expectError(1, new String[] {"compact", TABLE, "--strategy", "zorder", "--zorder-by", "id,nope", "--dry-run"},
        "unknown column 'nope'", "id, ts, category, amount");
    expectError(1, new String[] {"compact", TABLE, "--strategy", "sort", "--dry-run"}, "no sort order");
    expectError(1, new String[] {"compact", TABLE, "--where", "id <", "--dry-run"}, "filter: expected a value");
    expectError(1, new String[] {"compact", "db.missing"}, "db.missing");
    assertThat(floe.count(TABLE)).isEqualTo((long) COMMITS * ROWS);
  }

  private long sum(String column) {
    String csv = floe.ok("scan", TABLE, "--select", column, "--format", "csv");
    long total = 0;
    for (String line : csv.split("\\R")) {
      if (!line.isBlank() && !line.equals(column)) {
        total += (long) Double.parseDouble(line);
      }
    }
    return total;
  }

  @Test
  void everyStrategyRewritesAndPrintsASummary() {
    long rows = (long) COMMITS * ROWS;
    long ids = sum("id");
    String[][] runs = {
        {"compact", TABLE},
        {"compact", TABLE, "--strategy", "sort", "--sort-by", "id desc", "--target-file-size", "4KB"},
        {"compact", TABLE, "--strategy", "zorder", "--zorder-by", "id,amount", "--where", "id < 1200"}};
    for (String[] run : runs) {
      Cli.Result r = floe.run(run);
      assertThat(r.exitCode()).as(String.join(" ", run) + ": " + r.err()).isZero();
      assertThat(r.out()).contains("| group | partition", "| committed |", "| data files |", "| bytes ", "| rows ", "2,400 |",
          "groups: 2 committed, 0 skipped, 0 failed");
      assertThat(floe.count(TABLE)).isEqualTo(rows);
      assertThat(sum("id")).isEqualTo(ids);
    }
    Cli.Result first = floe.run("files", TABLE);
    assertThat(first.exitCode()).isZero();
    assertThat(floe.ok("snapshots", TABLE, "--format", "csv")).contains("replace");
    // nothing left to bin-pack: the summary says so and nothing changes
    int before = snapshots();
    Cli.Result again = floe.run("compact", TABLE, "--option", "compaction.min-input-files=100");
    assertThat(again.out()).contains("nothing to compact", "groups: 0 committed");
    assertThat(snapshots()).isEqualTo(before);
  }

  @Test
  void rewriteManifestsMergesThemAndKeepsEveryRow() {
    Cli.Result r = floe.run("rewrite-manifests", TABLE);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("| manifests |", "rewrote the manifests in snapshot", "24 data-file entries");
    assertThat(floe.count(TABLE)).isEqualTo((long) COMMITS * ROWS);
    Cli.Result again = floe.run("rewrite-manifests", TABLE);
    assertThat(again.out()).contains("nothing to rewrite");
    Cli.Result missing = floe.run("rewrite-manifests", "db.missing");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("floe: error: ").contains("db.missing");
  }

  private void expectError(int code, String[] args, String... parts) {
    Cli.Result r = floe.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(code);
    assertThat(r.errLines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("floe: error: ").doesNotContain("\tat ").contains(parts);
  }
}
