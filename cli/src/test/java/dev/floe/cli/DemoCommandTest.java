package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, small: what it reports must agree with what the other commands say afterwards. */
class DemoCommandTest {
  @TempDir
  Path dir;

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as("output has /%s/:%n%s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  void demoReportsWhatCountAndFilesConfirm() {
    Cli floe = new Cli(dir.resolve("wh"));
    Cli.Result r = floe.run("demo", "--rows-per-commit", "3000", "--commits", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    String out = r.out();

    assertThat(out).contains("commit 1/3").contains("commit 3/3");
    long matching = Long.parseLong(group(out, "^matching rows: (\\d+)$"));
    assertThat(matching).isEqualTo(floe.count(DemoCommand.TABLE, "--where", DemoCommand.QUERY)).isPositive();
    // the query section shows min(10, matching) rows
    assertThat(out).contains(TextTable.rowsFooter(Math.min(10, matching)));

    int kept = Integer.parseInt(group(out, "^(\\d+) of \\d+ files after pruning$"));
    int total = Integer.parseInt(group(out, "^\\d+ of (\\d+) files after pruning$"));
    Cli.Result files = floe.run("files", DemoCommand.TABLE, "--where", DemoCommand.PRUNE);
    assertThat(files.err().strip()).isEqualTo(kept + " of " + total + " files after pruning");
    assertThat(kept).isPositive().isLessThan(total);

    String asOf = group(out, "^rows as of (\\S+) \\(snapshot -?\\d+\\): \\d+$");
    String snapshot = group(out, "^rows as of \\S+ \\(snapshot (-?\\d+)\\): \\d+$");
    long then = Long.parseLong(group(out, "^rows as of \\S+ \\(snapshot -?\\d+\\): (\\d+)$"));
    long now = Long.parseLong(group(out, "^rows now \\(snapshot -?\\d+\\): (\\d+)$"));
    assertThat(then).isEqualTo(6000).isEqualTo(floe.count(DemoCommand.TABLE, "--as-of", asOf))
        .isEqualTo(floe.count(DemoCommand.TABLE, "--snapshot", snapshot));
    assertThat(now).isEqualTo(9000).isEqualTo(floe.count(DemoCommand.TABLE));

    // run again: the table is replaced, not appended to
    assertThat(floe.run("demo", "--rows-per-commit", "1000", "--commits", "2").exitCode()).isZero();
    assertThat(floe.count(DemoCommand.TABLE)).isEqualTo(2000);
    assertThat(floe.ok("snapshots", DemoCommand.TABLE, "--format", "csv").lines().toList()).hasSize(3);
    assertThat(List.of(floe.ok("count", DemoCommand.TABLE).strip())).containsExactly("2000");
  }
}
