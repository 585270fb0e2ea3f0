package dev.floe.cli;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.SupportsNamespaces;
import dev.floe.rest.RestCatalog;
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
        AlterCommand.class,
        DeleteCommand.class,
        UpdateCommand.class,
        RefCommand.class,
        RollbackCommand.class,
        ExpireCommand.class,
        RemoveOrphansCommand.class,
        CompactCommand.class,
        RewriteManifestsCommand.class,
        DemoCommand.class,
        ServeCommand.class,
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
      description = "Storage/catalog property; repeatable (credential=ID:SECRET for a catalog's OAuth2 login).")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--catalog", paramLabel = "URI", defaultValue = "${env:FLOE_CATALOG}",
      description = "Work through a catalog server (http://host:port) instead of the warehouse directly"
          + " (default: $FLOE_CATALOG).")
  String catalog;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:FLOE_TOKEN}",
      description = "Bearer token for --catalog (default: $FLOE_TOKEN).")
  String token;

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

  /**
   * The catalog every command works through: the catalog server named by {@code --catalog}, or
   * else the storage-only catalog over the warehouse.
   */
  Catalog openCatalog() {
    if (catalog != null && !catalog.isBlank()) {
      Map<String, String> storage = new LinkedHashMap<>(conf);
      String credential = storage.remove("credential");
      RestCatalog.Options options = RestCatalog.Options.defaults().withStorage(storage);
      if (token != null && !token.isBlank()) {
        options = options.withToken(token.trim());
      }
      if (credential != null) {
        options = options.withCredential(credential);
      }
      return RestCatalog.connect(catalog.trim(), options);
    }
    return StorageCatalog.open(warehouseLocation(), Map.copyOf(conf));
  }

  /** Creates the table's namespace first where namespaces exist on their own (a catalog server). */
  static void ensureNamespace(Catalog catalog, java.util.List<String> namespace) {
    if (catalog instanceof SupportsNamespaces ns && !ns.namespaceExists(namespace)) {
      for (int i = 1; i <= namespace.size(); i++) {
        java.util.List<String> level = namespace.subList(0, i);
        if (!ns.namespaceExists(level)) {
          try {
            ns.createNamespace(level, Map.of());
          } catch (dev.floe.error.AlreadyExistsException raced) {
            // someone else made it meanwhile: what we wanted
          }
        }
      }
    }
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
