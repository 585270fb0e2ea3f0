package dev.floe.server;

import dev.floe.server.auth.AuthConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a catalog server.
 *
 * @param host the address to bind ({@code 127.0.0.1} by default: exposing the server is a choice)
 * @param port 0 picks a free port
 * @param warehouse where tables live and the only place the server writes files
 * @param storeUrl JDBC URL of the store; empty means a SQLite file {@code catalog.db} in the warehouse
 * @param storeUser and storePassword for PostgreSQL, if not in the URL
 * @param storage properties for the warehouse's FileIO
 * @param allowedLocations roots outside the warehouse where clients may place tables and views
 *     (and so the server writes their metadata); none by default
 */
public record ServerConfig(String host, int port, String warehouse, Optional<String> storeUrl,
    Optional<String> storeUser, Optional<String> storePassword, AuthConfig auth, Map<String, String> storage,
    int maxBodyBytes, long metadataCacheSize, List<String> allowedLocations) {

  public static final int DEFAULT_PORT = 8181;
  public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(auth, "auth");
    storage = Map.copyOf(storage);
    allowedLocations = List.copyOf(allowedLocations);
  }

  public static ServerConfig of(String warehouse, AuthConfig auth) {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, warehouse, Optional.empty(), Optional.empty(),
        Optional.empty(), auth, Map.of(), DEFAULT_MAX_BODY_BYTES, 10_000, List.of());
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, warehouse, storeUrl, storeUser, storePassword, auth, storage,
        maxBodyBytes, metadataCacheSize, allowedLocations);
  }

  public ServerConfig withStore(String url, String user, String password) {
    return new ServerConfig(host, port, warehouse, Optional.of(url), Optional.ofNullable(user),
        Optional.ofNullable(password), auth, storage, maxBodyBytes, metadataCacheSize, allowedLocations);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, warehouse, storeUrl, storeUser, storePassword, auth, storage,
        maxBodyBytes, metadataCacheSize, allowedLocations);
  }

  public ServerConfig withMaxBodyBytes(int bytes) {
    return new ServerConfig(host, port, warehouse, storeUrl, storeUser, storePassword, auth, storage, bytes,
        metadataCacheSize, allowedLocations);
  }

  public ServerConfig withAllowedLocations(List<String> roots) {
    return new ServerConfig(host, port, warehouse, storeUrl, storeUser, storePassword, auth, storage,
        maxBodyBytes, metadataCacheSize, roots);
  }
}
