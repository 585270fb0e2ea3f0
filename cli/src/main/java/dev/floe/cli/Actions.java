package dev.floe.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** For commands of the form {@code COMMAND TABLE ACTION ARG...}: checking an action's arguments. */
final class Actions {
  private Actions() {}

  /** The arguments, which must be exactly {@code n}; otherwise a usage error. */
  static List<String> exactly(CommandSpec spec, String action, List<String> args, int n, String noun) {
    if (args.size() != n) {
      throw usage(spec, "'" + action + "' takes " + n + " " + noun + (n == 1 ? "" : "s") + ", got " + args.size());
    }
    return args;
  }

  static CommandLine.ParameterException usage(CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
