package dev.floe.cli;

import dev.floe.server.CatalogServer;
import dev.floe.server.ServerConfig;
import dev.floe.server.auth.AuthConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve",
    description = "Run the catalog server (Iceberg REST Catalog protocol) over the warehouse.",
    footer = {"", "Examples:",
        "  floe --warehouse ./wh serve                       # SQLite in ./wh/catalog.db, prints an admin token",
        "  floe --warehouse s3://bucket/wh serve --port 8181 --store jdbc:postgresql://db/floe \\",
        "      --store-user floe --auth-config auth.properties   # password from $FLOE_STORE_PASSWORD",
        "",
        "Clients: floe --catalog http://localhost:8181 --token TOKEN scan db.events",
        "Auth config: token.<principal>=<token>, client.<id>=<secret>, grant.<principal>=read:ns,write:ns,admin:*"})
final class ServeCommand implements Callable<Integer> {
  /** The server this JVM started last; tests stop it through here. */
  static volatile CatalogServer started;

  @ParentCommand
  FloeCommand root;

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "8181", description = "Port to listen on (0: any free port; default 8181).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default 127.0.0.1; 0.0.0.0 to serve other machines).")
  String host;

  @Option(names = "--store", paramLabel = "JDBC_URL",
      description = "Catalog database: jdbc:sqlite:FILE or jdbc:postgresql://host:port/db"
          + " (default: SQLite file catalog.db in a local warehouse).")
  String store;

  @Option(names = "--store-user", paramLabel = "USER", description = "Database user (password: $FLOE_STORE_PASSWORD).")
  String storeUser;

  @Option(names = "--auth-config", paramLabel = "FILE", description = "Tokens, client credentials and grants.")
  Path authConfig;

  @Option(names = "--no-auth", description = "Serve without authentication (anyone reaching the port may do anything).")
  boolean noAuth;

  @Option(names = "--allow-location", paramLabel = "PREFIX",
      description = "Also allow table locations under this prefix (outside the warehouse); repeatable.")
  List<String> allowedLocations = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AuthConfig auth;
    String generatedToken = null;
    if (noAuth && authConfig != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--no-auth and --auth-config exclude each other");
    } else if (noAuth) {
      auth = AuthConfig.disabled();
    } else if (authConfig != null) {
      auth = AuthConfig.load(authConfig);
    } else {
      // secure by default: no config means one admin token, made up now and shown once
      byte[] b = new byte[24];
      new SecureRandom().nextBytes(b);
      generatedToken = "floe_" + HexFormat.of().formatHex(b);
      auth = AuthConfig.singleAdmin("admin", generatedToken);
    }
    ServerConfig config = ServerConfig.of(root.warehouseLocation(), auth).withPort(port).withHost(host)
        .withAllowedLocations(allowedLocations);
    if (store != null) {
      config = config.withStore(store, storeUser, System.getenv("FLOE_STORE_PASSWORD"));
    }
    config = new ServerConfig(config.host(), config.port(), config.warehouse(), config.storeUrl(), config.storeUser(),
        config.storePassword(), config.auth(), root.conf(), config.maxBodyBytes(), config.metadataCacheSize(),
        config.allowedLocations());
    CatalogServer server = CatalogServer.start(config);
    started = server;
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "floe-serve-shutdown"));
    out.println("floe catalog serving http://" + host + ":" + server.port() + " (warehouse " + server.warehouse()
        + ", store " + (store == null ? "sqlite (embedded)" : store.replaceAll("password=[^&]*", "password=***")) + ")");
    if (generatedToken != null) {
      out.println("admin token (give it with --token or $FLOE_TOKEN): " + generatedToken);
    } else if (noAuth) {
      out.println("authentication is OFF (--no-auth)");
    }
    out.flush();
    server.join();
    return 0;
  }
}
