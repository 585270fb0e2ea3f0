package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutputPiecesTest {

  @Test
  void csvQuotesOnlyWhatNeedsIt() {
    assertThat(CsvOut.field("plain")).isEqualTo("plain");
    assertThat(CsvOut.field(null)).isEmpty();
    assertThat(CsvOut.field("")).isEqualTo("\"\"");
    assertThat(CsvOut.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvOut.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvOut.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvOut.field(" padded")).isEqualTo("\" padded\"");
  }

  @Test
  void textTableEscapesControlCharactersAndShortensLongCells() {
    TextTable t = new TextTable(List.of("v"), new boolean[] {false});
    t.add(java.util.Arrays.asList("a\nb"));
    t.add(java.util.Arrays.asList("x".repeat(100)));
    StringWriter w = new StringWriter();
    t.print(new PrintWriter(w, true));
    List<String> lines = w.toString().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(3)).startsWith("| a\\nb ");
    assertThat(lines.get(4)).isEqualTo("| " + "x".repeat(TextTable.MAX_CELL - 3) + "... |");
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
    assertThat(TextTable.rowsFooter(1)).isEqualTo("(1 row)");
    assertThat(TextTable.rowsFooter(2)).isEqualTo("(2 rows)");
  }

  @Test
  void progressPrintsAtMostFourTimesASecondAndOnlyWhenEnabled() {
    AtomicLong clock = new AtomicLong();
    StringWriter w = new StringWriter();
    Progress p = new Progress(new PrintWriter(w, true), true, "read", 4096, clock::get);
    clock.set(100_000_000L);
    p.update(1024, 100);
    assertThat(w.toString()).isEmpty();
    clock.set(1_000_000_000L);
    p.update(2048, 2048);
    assertThat(w.toString()).isEqualTo("\rread 2,048 rows (2,048 rows/s), 2.0 KiB of 4.0 KiB");
    clock.set(1_100_000_000L);
    p.update(3072, 3000);
    assertThat(w.toString()).doesNotContain("3,072");
    p.finish();
    assertThat(w.toString()).endsWith("\r");

    StringWriter quiet = new StringWriter();
    Progress off = new Progress(new PrintWriter(quiet, true), false, "read", 10, clock::get);
    clock.set(9_000_000_000L);
    off.update(1024, 5);
    off.finish();
    assertThat(quiet.toString()).isEmpty();
  }

  @Test
  void asOfAcceptsInstantsLocalDateTimesDatesAndEpochMillis() {
    long expected = java.time.Instant.parse("2026-11-26T16:40:00.123Z").toEpochMilli();
    assertThat(TimeTravel.parseMillis("2026-11-26T16:40:00.123Z")).isEqualTo(expected);
    assertThat(TimeTravel.parseMillis("2026-11-26T16:40:00.123")).isEqualTo(expected);
    assertThat(TimeTravel.parseMillis("2026-11-26 16:40:00.123")).isEqualTo(expected);
    assertThat(TimeTravel.parseMillis("2026-11-26T17:40:00.123+01:00")).isEqualTo(expected);
    assertThat(TimeTravel.parseMillis(String.valueOf(expected))).isEqualTo(expected);
    assertThat(TimeTravel.parseMillis("2026-11-26"))
        .isEqualTo(java.time.Instant.parse("2026-11-26T00:00:00Z").toEpochMilli());
    assertThatThrownBy(() -> TimeTravel.parseMillis("soon")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("soon");
  }

  @Test
  void errorsAreOneLine() {
    assertThat(Errors.message(new InvalidInputException("f", "bad\nthing\r\n  here"))).isEqualTo("f: bad thing here");
    assertThat(Errors.message(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
  }
}
