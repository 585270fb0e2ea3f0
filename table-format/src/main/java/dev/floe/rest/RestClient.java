package dev.floe.rest;

import dev.floe.codec.RestJson;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.FloeException;
import dev.floe.error.ForbiddenException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NamespaceNotEmptyException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NoSuchViewException;
import dev.floe.error.NotAuthorizedException;
import dev.floe.error.NotFoundException;
import dev.floe.error.ServiceFailureException;
import dev.floe.error.ValidationException;
import dev.floe.rest.RestMessages.ErrorResponse;
import dev.floe.rest.RestMessages.OAuthTokenResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * HTTP to an Iceberg REST catalog with the JDK's client: bearer tokens (static, or fetched with
 * OAuth2 client credentials and renewed before they expire), and the one place where the
 * server's error responses become Floe's typed exceptions.
 */
final class RestClient {
  /** Whether a failure of this call leaves the server's state unknown (commits) or not. */
  enum Kind { READ, WRITE, COMMIT }

  private final HttpClient http;
  private final URI base;
  private final RestCatalog.Options options;
  private String token;
  private long tokenExpiresAtMs = Long.MAX_VALUE;
  /** {@code v1/} plus the catalog's prefix from its config, if it named one. */
  private volatile String v1 = "v1/";

  RestClient(URI base, RestCatalog.Options options) {
    this.base = base;
    this.options = options;
    this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
        .build();
    this.token = options.token().orElse(null);
  }

  record Response(int status, byte[] body) {}

  /** Sets the path prefix the server's config asks for ({@code prefix} in its overrides or defaults). */
  void prefix(Optional<String> prefix) {
    v1 = prefix.filter(p -> !p.isBlank()).map(p -> "v1/" + segment(p) + "/").orElse("v1/");
  }

  /** A catalog path ({@code namespaces/...}) under {@code v1/<prefix>/}. */
  String path(String rest) {
    return v1 + rest;
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String namespacePath(List<String> namespace) {
    StringJoiner j = new StringJoiner("%1F");
    namespace.forEach(level -> j.add(segment(level)));
    return j.toString();
  }

  Response send(String method, String path, Optional<byte[]> body, Kind kind) {
    return send(method, path, body, kind, "application/json", true);
  }

  private Response send(String method, String path, Optional<byte[]> body, Kind kind, String contentType,
      boolean authorize) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(options.requestTimeout())
        .header("Accept", "application/json")
        .method(method, body.map(HttpRequest.BodyPublishers::ofByteArray).orElse(HttpRequest.BodyPublishers.noBody()));
    if (body.isPresent()) {
      b.header("Content-Type", contentType);
    }
    if (authorize) {
      bearer().ifPresent(t -> b.header("Authorization", "Bearer " + t));
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw unreachable(kind, method, path, "timed out", e);
    } catch (IOException e) {
      throw unreachable(kind, method, path, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(kind, method, path, "interrupted", e);
    }
    if (r.statusCode() == 401 && authorize && options.credential().isPresent() && token != null) {
      token = null; // the token expired or was revoked: fetch a new one once
      return send(method, path, body, kind, contentType, true);
    }
    if (r.statusCode() >= 400) {
      throw error(r.statusCode(), r.body(), kind);
    }
    return new Response(r.statusCode(), r.body());
  }

  private FloeException unreachable(Kind kind, String method, String path, String why, Exception cause) {
    String what = method + " " + path + " to the catalog at " + base + " failed: " + why;
    // A commit that was sent may have been applied: the caller must not clean anything up.
    return kind == Kind.COMMIT ? new CommitStateUnknownException(what, cause) : new ServiceFailureException(what, cause);
  }

  private synchronized Optional<String> bearer() {
    if (options.credential().isPresent() && (token == null || System.currentTimeMillis() >= tokenExpiresAtMs)) {
      String[] cred = options.credential().get().split(":", 2);
      if (cred.length != 2) {
        throw new InvalidInputException("credential", "must be client-id:client-secret");
      }
      String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(cred[0], StandardCharsets.UTF_8)
          + "&client_secret=" + URLEncoder.encode(cred[1], StandardCharsets.UTF_8) + "&scope=catalog";
      Response r = send("POST", "v1/oauth/tokens", Optional.of(form.getBytes(StandardCharsets.UTF_8)), Kind.READ,
          "application/x-www-form-urlencoded", false);
      OAuthTokenResponse t = RestJson.readTokenResponse(r.body());
      token = t.accessToken();
      // renew a little before the server would refuse it
      tokenExpiresAtMs = t.expiresInSeconds().map(s -> System.currentTimeMillis() + Math.max(1, s - 30) * 1000L)
          .orElse(Long.MAX_VALUE);
    }
    return Optional.ofNullable(token);
  }

  /** The server's error, typed. For commits, 5xx means the outcome is unknown, as the protocol says. */
  static FloeException error(int status, byte[] body, Kind kind) {
    ErrorResponse e;
    try {
      e = RestJson.readError(body);
    } catch (RuntimeException notJson) {
      e = new ErrorResponse("HTTP " + status, "", status);
    }
    String message = e.message().isEmpty() ? "HTTP " + status : e.message();
    if (kind == Kind.COMMIT && (status >= 500 || status == 408)) {
      return new CommitStateUnknownException("the catalog answered " + status + " to a commit; it may or may not"
          + " have been applied: " + message);
    }
    return switch (status) {
      case 400, 422 -> e.type().equals("ValidationException") ? new ValidationException(message)
          : new InvalidInputException("request", message);
      case 401 -> new NotAuthorizedException(message);
      case 403 -> new ForbiddenException(message);
      case 404 -> switch (e.type()) {
        case "NoSuchNamespaceException" -> new NoSuchNamespaceException(message);
        case "NoSuchViewException" -> new NoSuchViewException(message);
        case "NoSuchTableException" -> new NoSuchTableException(message);
        default -> new NotFoundException(message);
      };
      case 409 -> switch (e.type()) {
        case "AlreadyExistsException" -> new AlreadyExistsException(message);
        case "NamespaceNotEmptyException" -> new NamespaceNotEmptyException(message);
        default -> new CommitFailedException(message);
      };
      default -> new ServiceFailureException("the catalog answered " + status + ": " + message);
    };
  }

  static String query(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&", "?", "");
    j.setEmptyValue("");
    params.forEach((k, v) -> j.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
