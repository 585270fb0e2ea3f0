package dev.floe.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr, rewritten in place at most four times a second, for people
 * watching a terminal. Disabled (prints nothing) when output is not a terminal, so scripts and
 * logs see only the final summary.
 */
final class Progress {
  private static final long INTERVAL_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String verb;
  private final long totalBytes;
  private final LongSupplier clock;
  private final long start;
  private long lastPrint;
  private int lastWidth;

  Progress(PrintWriter err, boolean enabled, String verb, long totalBytes) {
    this(err, enabled, verb, totalBytes, System::nanoTime);
  }

  Progress(PrintWriter err, boolean enabled, String verb, long totalBytes, LongSupplier clock) {
    this.err = err;
    this.enabled = enabled;
    this.verb = verb;
    this.totalBytes = totalBytes;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.lastPrint = start;
  }

  /** Whether stderr is a terminal a person is watching. */
  static boolean onTerminal() {
    return System.console() != null;
  }

  /** Cheap to call for every row: looks at the clock only every 1024 rows. */
  void update(long rows, long bytesDone) {
    if (!enabled || (rows & 1023) != 0) {
      return;
    }
    report(rows, bytesDone);
  }

  /** For callers that already report only now and then (every few thousand rows): looks at the clock each time. */
  void report(long rows, long bytesDone) {
    if (!enabled) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastPrint < INTERVAL_NANOS) {
      return;
    }
    lastPrint = now;
    print(line(rows, bytesDone, now));
  }

  String line(long rows, long bytesDone, long now) {
    double seconds = Math.max((now - start) / 1e9, 1e-3);
    StringBuilder sb = new StringBuilder();
    sb.append(verb).append(' ').append(String.format(Locale.ROOT, "%,d", rows)).append(" rows (")
        .append(String.format(Locale.ROOT, "%,.0f", rows / seconds)).append(" rows/s)");
    if (totalBytes > 0) {
      sb.append(", ").append(bytes(Math.min(bytesDone, totalBytes))).append(" of ").append(bytes(totalBytes));
    }
    return sb.toString();
  }

  private void print(String text) {
    int pad = Math.max(0, lastWidth - text.length());
    err.print("\r" + text + " ".repeat(pad));
    err.flush();
    lastWidth = text.length();
  }

  /** Erases the progress line so the summary that follows starts clean. */
  void finish() {
    if (enabled && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
      lastWidth = 0;
    }
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
