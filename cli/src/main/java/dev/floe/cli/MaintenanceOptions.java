package dev.floe.cli;

import picocli.CommandLine.Option;

/** {@code --dry-run} and {@code --list-files}, shared by expire and remove-orphans. */
final class MaintenanceOptions {
  @Option(names = "--dry-run", description = "Report what would be deleted; change nothing.")
  boolean dryRun;

  @Option(names = "--list-files", description = "Print every file deleted (or, with --dry-run, deletable).")
  boolean listFiles;
}
