package dev.floe.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for subcommands (the version option lives on the top command only). */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
