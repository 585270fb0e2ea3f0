package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.StorageCatalog;
import dev.floe.io.FileIOs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code floe} command: look inside and load Floe tables in a warehouse. Every failure ends
 * as one line {@code floe: error: <message>} on stderr, exit code 1 (2 for usage errors); set
 * {@code FLOE_DEBUG=1} to get the stack trace as well.
 */
@Command(name = "floe",
    mixinStandardHelpOptions = true,
    versionProvider = FloeCommand.Version.class,
    description = "Create, load and inspect Floe tables.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
        CreateCommand.class,
        AppendCommand.class,
        ScanCommand.class,
        CountCommand.class,
        FilesCommand.class,
        SnapshotsCommand.class,
        CompactCommand.class,
        RewriteManifestsCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class
    },
    footer = {"", "Tables are named namespace.table (a bare name is in namespace 'default').",
        "Run 'floe COMMAND --help' for a command's options."})
public final class FloeCommand implements Callable<Integer> {
  static final int EXIT_ERROR = 1;
  static final int EXIT_USAGE = 2;

  @Spec
  CommandSpec spec;

  @Option(names = "--warehouse", paramLabel = "DIR",
      defaultValue = "${env:FLOE_WAREHOUSE:-./warehouse}",
      description = "Warehouse location: a directory or a URI (default: $FLOE_WAREHOUSE, else ./warehouse).")
  String warehouse;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Storage/catalog property; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Floe's error handling; tests run commands through it in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FloeCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      if (ex instanceof ParameterException pe) {
        return usageError(pe);
      }
      printError(cmd.getErr(), Errors.message(ex), ex);
      return EXIT_ERROR;
    });
    cl.setParameterExceptionHandler((ex, args) -> usageError(ex));
    return cl;
  }

  private static int usageError(ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = Errors.oneLine(String.valueOf(ex.getMessage())).replaceFirst("^Error: ", "");
    printError(cmd.getErr(), message + " (see '" + name + " --help')", ex);
    return EXIT_USAGE;
  }

  static void printError(PrintWriter err, String message, Throwable ex) {
    err.println("floe: error: " + message);
    if ("1".equals(System.getenv("FLOE_DEBUG"))) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command: one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  /** The warehouse location; a relative local path is resolved against the current directory. */
  String warehouseLocation() {
    if (FileIOs.scheme(warehouse).equals("file") && !warehouse.regionMatches(true, 0, "file:", 0, 5)) {
      return Path.of(warehouse).toAbsolutePath().normalize().toString();
    }
    return warehouse;
  }

  /** The catalog every command works through (the storage-only catalog over the warehouse). */
  Catalog openCatalog() {
    return StorageCatalog.open(warehouseLocation(), Map.copyOf(conf));
  }

  Map<String, String> conf() {
    return Map.copyOf(conf);
  }

  /** Reads the version Maven wrote into version.properties. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = FloeCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"floe " + p.getProperty("version", "unknown")};
    }
  }
}
