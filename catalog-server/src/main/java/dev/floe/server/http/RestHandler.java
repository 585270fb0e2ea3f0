package dev.floe.server.http;

import dev.floe.error.ForbiddenException;
import dev.floe.server.ServerMetrics;
import dev.floe.server.auth.Authenticator;
import dev.floe.server.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP edge on Jetty's core API: decode the path, read the body within its size limit,
 * authenticate, check the route's grant, run the handler, and turn every failure into an Iceberg
 * error body through {@link ErrorMapping}. Handlers may block (database, storage); Jetty runs
 * them on its thread pool.
 */
public final class RestHandler extends Handler.Abstract {
  private static final Logger LOG = Logger.getLogger(RestHandler.class.getName());

  private final Router router;
  private final Authenticator auth;
  private final ErrorMapping errors;
  private final ServerMetrics metrics;
  private final int maxBodyBytes;

  public RestHandler(Router router, Authenticator auth, ErrorMapping errors, ServerMetrics metrics, int maxBodyBytes) {
    this.router = router;
    this.auth = auth;
    this.errors = errors;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Answers what Jetty itself refuses in the same error model. */
  public static org.eclipse.jetty.server.Request.Handler errorHandler() {
    return JsonErrorHandler.create();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String method = request.getMethod();
    String route = "unmatched";
    Reply reply;
    boolean closeConnection = false;
    try {
      // The body is read before anything can fail: a response sent over an unread body would
      // make the server drop the connection, which a pooling client sees as a dead socket.
      byte[] body;
      try {
        body = readBody(request);
      } catch (ErrorMapping.RequestProblem tooLarge) {
        closeConnection = true;
        throw tooLarge;
      }
      List<String> segments = Paths.segments(request.getHttpURI().getPath());
      Router.Match match = router.match(method, segments);
      route = match.route().template();
      Principal principal = match.route().access().isPresent()
          ? auth.authenticate(Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)))
          : Authenticator.ANONYMOUS;
      if (match.route().access().isPresent()) {
        List<String> scope = match.route().scope().apply(match.params());
        if (!principal.may(match.route().access().get(), scope)) {
          throw new ForbiddenException("principal " + principal.name() + " has no "
              + match.route().access().get().name().toLowerCase(java.util.Locale.ROOT) + " grant on "
              + (scope.isEmpty() ? "the catalog" : "namespace " + String.join(".", scope)));
        }
      }
      Call call = new Call(method, match.params(), Paths.form(request.getHttpURI().getQuery()), body,
          Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)), principal);
      reply = match.route().handler().handle(call);
    } catch (RuntimeException | IOException | StackOverflowError e) {
      ErrorMapping.Mapped m = errors.map(e);
      if (m.status() >= 500) {
        LOG.log(Level.WARNING, method + " " + route + " failed", e);
      }
      reply = new Reply(m.status(), m.json(), "application/json");
    }
    response.setStatus(reply.status());
    if (closeConnection) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    if (reply.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"floe\"");
    }
    metrics.request(method, route, reply.status(), System.nanoTime() - start);
    boolean head = method.equals("HEAD");
    if (reply.contentType() != null && !head) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    byte[] body = head ? new byte[0] : reply.body();
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private byte[] readBody(Request request) throws IOException {
    HttpField length = request.getHeaders().getField(HttpHeader.CONTENT_LENGTH);
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.getValue().trim());
      } catch (NumberFormatException e) {
        throw new dev.floe.error.InvalidInputException("Content-Length", "not a number");
      }
      if (n > maxBodyBytes) {
        throw ErrorMapping.RequestProblem.bodyTooLarge("the request body has " + n + " bytes; at most "
            + maxBodyBytes + " are accepted");
      }
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw ErrorMapping.RequestProblem.bodyTooLarge("the request body is larger than " + maxBodyBytes + " bytes");
      }
      return body;
    }
  }
}
