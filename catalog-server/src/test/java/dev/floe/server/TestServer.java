package dev.floe.server;

import dev.floe.server.auth.AuthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A catalog server on a free port over a temp warehouse, and a raw HTTP client for it. */
public final class TestServer implements AutoCloseable {
  public enum Store { SQLITE, POSTGRES }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final CatalogServer server;
  private final Path warehouse;

  private TestServer(CatalogServer server, Path warehouse) {
    this.server = server;
    this.warehouse = warehouse;
  }

  public static TestServer start(Path warehouse, AuthConfig auth, Store store) {
    ServerConfig config = ServerConfig.of(warehouse.toString(), auth).withPort(0);
    if (store == Store.POSTGRES) {
      config = config.withStore(TestPostgres.freshDatabase(), null, null);
    }
    return new TestServer(CatalogServer.start(config), warehouse);
  }

  public static TestServer start(ServerConfig config, Path warehouse) {
    return new TestServer(CatalogServer.start(config), warehouse);
  }

  public String uri() {
    return server.uri();
  }

  public CatalogServer server() {
    return server;
  }

  public Path warehouse() {
    return warehouse;
  }

  public record Answer(int status, String body) {}

  public Answer send(String method, String path, String body) {
    return send(method, path, body, Optional.empty(), "application/json");
  }

  public Answer send(String method, String path, String body, Optional<String> token, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends bytes as they are (for requests no HTTP client would form) and returns the whole answer. */
  public String rawAnswer(String request) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends bytes as they are (for requests no HTTP client would form) and returns the status line's code. */
  public int raw(String request) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
