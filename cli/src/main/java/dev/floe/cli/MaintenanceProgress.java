package dev.floe.cli;

import dev.floe.table.FileKind;
import dev.floe.table.MaintenanceListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Renders a maintenance run's phases as one progress line on stderr, rewritten in place at most
 * four times a second, for people watching a terminal; prints nothing otherwise. With
 * {@code listFiles} every deleted (or, in a dry run, deletable) file is printed to stdout as well.
 */
final class MaintenanceProgress implements MaintenanceListener {
  private static final long INTERVAL_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final PrintWriter out;
  private final boolean enabled;
  private final boolean listFiles;
  private final LongSupplier clock;
  private String phase = "";
  private long total = -1;
  private long lastPrint;
  private int lastWidth;

  MaintenanceProgress(PrintWriter err, PrintWriter out, boolean enabled, boolean listFiles) {
    this(err, out, enabled, listFiles, System::nanoTime);
  }

  MaintenanceProgress(PrintWriter err, PrintWriter out, boolean enabled, boolean listFiles, LongSupplier clock) {
    this.err = err;
    this.out = out;
    this.enabled = enabled;
    this.listFiles = listFiles;
    this.clock = clock;
    this.lastPrint = clock.getAsLong() - INTERVAL_NANOS;
  }

  @Override
  public void phase(String name, long phaseTotal) {
    phase = name;
    total = phaseTotal;
    show(name + "...", true);
  }

  @Override
  public void progress(long done) {
    show(line(done), false);
  }

  String line(long done) {
    return total > 0
        ? String.format(Locale.ROOT, "%s: %,d of %,d (%d%%)", phase, done, total, Math.min(100, done * 100 / total))
        : String.format(Locale.ROOT, "%s: %,d", phase, done);
  }

  @Override
  public void file(FileKind kind, String location, long bytes) {
    if (listFiles) {
      clear();
      out.println(kind.id() + "\t" + location);
      out.flush();
    }
  }

  private void show(String text, boolean now) {
    if (!enabled) {
      return;
    }
    long t = clock.getAsLong();
    if (!now && t - lastPrint < INTERVAL_NANOS) {
      return;
    }
    lastPrint = t;
    int pad = Math.max(0, lastWidth - text.length());
    err.print("\r" + text + " ".repeat(pad));
    err.flush();
    lastWidth = text.length();
  }

  /**
   * Runs a maintenance operation with a progress line on a terminal (and the files listed when
   * asked), then prints its headline and report.
   */
  static void run(picocli.CommandLine.Model.CommandSpec spec, boolean listFiles,
      java.util.function.Function<MaintenanceListener, dev.floe.table.CleanupReport> operation,
      java.util.function.Function<dev.floe.table.CleanupReport, String> headline) {
    PrintWriter out = spec.commandLine().getOut();
    MaintenanceProgress progress = new MaintenanceProgress(spec.commandLine().getErr(), out, Progress.onTerminal(),
        listFiles);
    dev.floe.table.CleanupReport report;
    try {
      report = operation.apply(progress);
    } finally {
      progress.clear();
    }
    out.println(headline.apply(report));
    ExpireCommand.print(out, report);
  }

  /** Erases the progress line so the report that follows starts clean. */
  void clear() {
    if (enabled && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
      lastWidth = 0;
    }
  }
}
