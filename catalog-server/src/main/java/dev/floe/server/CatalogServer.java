package dev.floe.server;

import dev.floe.io.FileIOs;
import dev.floe.server.auth.Authenticator;
import dev.floe.server.http.CatalogRoutes;
import dev.floe.server.http.ErrorMapping;
import dev.floe.server.http.RestHandler;
import dev.floe.server.http.Router;
import dev.floe.server.service.MetadataFiles;
import dev.floe.server.service.NamespaceService;
import dev.floe.server.service.TableService;
import dev.floe.server.service.ViewService;
import dev.floe.server.service.Warehouse;
import dev.floe.server.store.CatalogStore;
import dev.floe.server.store.JdbcCatalogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Floe catalog server: the Iceberg REST Catalog protocol over a JDBC store, on Jetty. Start
 * it with {@link #start(ServerConfig)}; {@link #close()} stops it.
 */
public final class CatalogServer implements AutoCloseable {
  private final Server jetty;
  private final CatalogStore store;
  private final Warehouse warehouse;
  private final ServerMetrics metrics;
  private final int port;

  private CatalogServer(Server jetty, CatalogStore store, Warehouse warehouse, ServerMetrics metrics, int port) {
    this.jetty = jetty;
    this.store = store;
    this.warehouse = warehouse;
    this.metrics = metrics;
    this.port = port;
  }

  public static CatalogServer start(ServerConfig config) {
    Warehouse warehouse = new Warehouse(normalizeWarehouse(config.warehouse()), config.allowedLocations(), config.storage());
    CatalogStore store = JdbcCatalogStore.open(config.storeUrl().orElseGet(() -> defaultStoreUrl(warehouse.root())),
        config.storeUser().orElse(null), config.storePassword().orElse(null));
    try {
      ServerMetrics metrics = new ServerMetrics();
      MetadataFiles files = new MetadataFiles(warehouse.io(), config.metadataCacheSize());
      TableService tables = new TableService(store, files, warehouse, metrics);
      ViewService views = new ViewService(store, files, warehouse);
      NamespaceService namespaces = new NamespaceService(store);
      Authenticator auth = new Authenticator(config.auth());
      Router router = CatalogRoutes.build(namespaces, tables, views, auth, metrics, store::healthy);

      QueuedThreadPool threads = new QueuedThreadPool(64, 4);
      threads.setName("floe-catalog");
      Server jetty = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      // Percent-encoded '/' and friends reach the router, which rejects bad names with a proper
      // Iceberg error body instead of Jetty's HTML page.
      http.setUriCompliance(UriCompliance.from(EnumSet.allOf(UriCompliance.Violation.class)));
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      jetty.addConnector(connector);
      jetty.setHandler(new RestHandler(router, auth, new ErrorMapping(), metrics,
          config.maxBodyBytes()));
      jetty.setErrorHandler(RestHandler.errorHandler());
      jetty.setStopTimeout(2_000);
      jetty.start();
      return new CatalogServer(jetty, store, warehouse, metrics, connector.getLocalPort());
    } catch (Exception e) {
      store.close();
      warehouse.close();
      throw new dev.floe.error.ServiceFailureException("cannot start the catalog server: " + e.getMessage(), e);
    }
  }

  /** A local warehouse as an absolute path (made if missing); other schemes as given. */
  static String normalizeWarehouse(String warehouse) {
    if (FileIOs.scheme(warehouse).equals("file")) {
      String path = warehouse.regionMatches(true, 0, "file:", 0, 5) ? warehouse.substring(5) : warehouse;
      Path p = Path.of(path).toAbsolutePath().normalize();
      try {
        Files.createDirectories(p);
      } catch (java.io.IOException e) {
        throw new dev.floe.error.StorageException("cannot create the warehouse directory: " + e.getMessage(), e);
      }
      return p.toString();
    }
    return warehouse;
  }

  static String defaultStoreUrl(String warehouseRoot) {
    if (!FileIOs.scheme(warehouseRoot).equals("file")) {
      throw new dev.floe.error.InvalidInputException("store", "a warehouse that is not on a local disk needs"
          + " an explicit --store (e.g. jdbc:postgresql://host/db or jdbc:sqlite:/var/lib/floe/catalog.db)");
    }
    return "jdbc:sqlite:" + Path.of(warehouseRoot, "catalog.db");
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  public String warehouse() {
    return warehouse.root();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception ignored) {
      // stopping: the store still closes below
    } finally {
      store.close();
      warehouse.close();
    }
  }
}
