package dev.floe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the floe command in-process against one warehouse, capturing what it prints. */
final class Cli {
  private final String warehouse;
  private final Map<String, String> conf;

  Cli(Path warehouse) {
    this(warehouse.toString(), Map.of());
  }

  /** A warehouse location (a path or a URI) and the storage settings passed as {@code --conf}. */
  Cli(String warehouse, Map<String, String> conf) {
    this.warehouse = warehouse;
    this.conf = Map.copyOf(conf);
  }

  record Result(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }
  }

  Result run(String... args) {
    List<String> full = new ArrayList<>(List.of("--warehouse", warehouse));
    conf.forEach((key, value) -> full.addAll(List.of("--conf", key + "=" + value)));
    full.addAll(Arrays.asList(args));
    return runRaw(full.toArray(new String[0]));
  }

  static Result runRaw(String... args) {
    CommandLine cl = FloeCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs a command that must succeed and returns its stdout. */
  String ok(String... args) {
    Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError("floe " + String.join(" ", args) + " failed with " + r.exitCode() + ": " + r.err());
    }
    return r.out();
  }

  long count(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "count";
    System.arraycopy(args, 0, full, 1, args.length);
    return Long.parseLong(ok(full).strip());
  }
}
