package dev.floe.cli;

import dev.floe.error.InvalidInputException;
import dev.floe.table.TableScan;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** {@code --snapshot ID | --as-of TIMESTAMP | --ref NAME}: which state of the table a read sees. */
final class TimeTravel {
  @Option(names = "--snapshot", paramLabel = "ID", description = "Read the table as of this snapshot id.")
  Long snapshotId;

  @Option(names = "--as-of", paramLabel = "TIMESTAMP",
      description = "Read the table as it was at this time: an ISO-8601 instant (2026-11-26T16:40:00Z),"
          + " a local date-time taken as UTC (2026-11-26T16:40:00), a date, or epoch milliseconds.")
  String asOf;

  @Option(names = "--ref", paramLabel = "NAME", description = "Read the snapshot this branch or tag points at.")
  String ref;

  TableScan apply(TableScan scan) {
    if (ref != null) {
      return scan.useRef(ref);
    }
    if (snapshotId != null) {
      return scan.useSnapshot(snapshotId);
    }
    if (asOf != null) {
      return scan.asOfTime(parseMillis(asOf));
    }
    return scan;
  }

  static TableScan apply(TimeTravel travel, TableScan scan) {
    return travel == null ? scan : travel.apply(scan);
  }

  /** An instant, a UTC local date-time or date, or epoch milliseconds, as epoch milliseconds. */
  static long parseMillis(String text) {
    String t = text.strip();
    if (t.matches("-?\\d+")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new InvalidInputException("as-of", "'" + text + "' is out of range for epoch milliseconds");
      }
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // not an instant with Z; try the other forms
    }
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // no offset
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // not a date-time
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("as-of", "cannot read '" + text + "' as a time; use an ISO-8601"
          + " instant (2026-11-26T16:40:00.123Z), a UTC date-time (2026-11-26T16:40:00) or epoch milliseconds");
    }
  }
}
