package dev.floe.cli;

import dev.floe.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --older-than}: a duration back from now ({@code 7d}, {@code 12h}, {@code 30m}, {@code 0s}) or a time. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

  private Durations() {}

  /** The moment the text names, as epoch millis: now minus a duration, or a timestamp. */
  static long cutoff(String text, long nowMillis) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long unit = switch (m.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1_000L;
        case "m" -> 60_000L;
        case "h" -> 3_600_000L;
        case "d" -> 86_400_000L;
        default -> 7 * 86_400_000L;
      };
      try {
        return nowMillis - Math.multiplyExact(n, unit);
      } catch (ArithmeticException e) {
        throw new InvalidInputException("older-than", "'" + text + "' is too long a duration");
      }
    }
    if (t.matches("-?\\d+")) {
      throw new InvalidInputException("older-than", "'" + text + "' needs a unit: ms, s, m, h, d or w (e.g. 7d),"
          + " or write a timestamp such as 2026-11-01T00:00:00Z");
    }
    try {
      return TimeTravel.parseMillis(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("older-than", "cannot read '" + text + "' as a duration (7d, 12h, 30m, 0s)"
          + " or a time (2026-11-01T00:00:00Z)");
    }
  }
}
