package dev.floe.server.rck;

import dev.floe.server.CatalogServer;
import dev.floe.server.ServerConfig;
import dev.floe.server.TestPostgres;
import dev.floe.server.auth.AuthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a Floe catalog server, the same one {@code floe serve} runs, before the Iceberg REST
 * Compatibility Kit's tests, when the build asks for it ({@code -Dfloe.rck.store=sqlite|postgres});
 * the kit's client finds it through the {@code uri} system property. The server starts with no
 * namespaces, on a free port, with a fresh warehouse and store.
 */
public final class RckServerListener implements LauncherSessionListener {
  private CatalogServer server;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String store = System.getProperty("floe.rck.store");
    if (store == null || server != null) {
      return;
    }
    Path warehouse;
    try {
      warehouse = Files.createTempDirectory("floe-rck-" + store + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the kit asks for table and view locations under file:/tmp: allowed explicitly, as an operator would
    ServerConfig config = ServerConfig.of(warehouse.toString(), AuthConfig.disabled()).withPort(0)
        .withAllowedLocations(java.util.List.of("file:/tmp"));
    if (store.equals("postgres")) {
      config = config.withStore(TestPostgres.freshDatabase(), null, null);
    }
    server = CatalogServer.start(config);
    System.setProperty("uri", server.uri() + "/");
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
