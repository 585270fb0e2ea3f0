package dev.floe.server.http;

import dev.floe.server.auth.Access;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routes by method and path template ({@code /v1/namespaces/{namespace}/tables/{table}}). Each
 * route says what access it needs and on which namespace, so authorization happens once, before
 * any handler runs.
 */
public final class Router {

  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call);
  }

  /** The namespace a route's access is checked on, from its decoded path parameters and query. */
  @FunctionalInterface
  public interface Scope extends Function<Map<String, String>, List<String>> {}

  public record Route(String method, String template, List<String> parts, Optional<Access> access, Scope scope,
      Handler handler) {}

  public record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  /** A route that needs {@code access} on the namespace {@code scope} names; empty access: no login. */
  public Router add(String method, String template, Optional<Access> access, Scope scope, Handler handler) {
    List<String> parts = List.of(template.substring(1).split("/"));
    routes.add(new Route(method, template, parts, access, scope, handler));
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * @throws ErrorMapping.RequestProblem 404 if no template matches the path, 405 if one does but
   *     not for this method
   */
  public Match match(String method, List<String> segments) {
    boolean pathMatched = false;
    for (Route r : routes) {
      Map<String, String> params = bind(r.parts(), segments);
      if (params == null) {
        continue;
      }
      pathMatched = true;
      if (r.method().equals(method)) {
        return new Match(r, params);
      }
    }
    if (pathMatched) {
      throw ErrorMapping.RequestProblem.methodNotAllowed(method);
    }
    throw ErrorMapping.RequestProblem.routeNotFound();
  }

  private static Map<String, String> bind(List<String> parts, List<String> segments) {
    if (parts.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      String s = segments.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), s);
      } else if (!p.equals(s)) {
        return null;
      }
    }
    return params;
  }
}
