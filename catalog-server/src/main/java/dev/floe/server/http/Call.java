package dev.floe.server.http;

import dev.floe.error.InvalidInputException;
import dev.floe.server.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One decoded request as handlers see it: path parameters, query, body and the caller. */
public record Call(String method, Map<String, String> pathParams, Map<String, String> query, byte[] body,
    Optional<String> contentType, Principal principal) {

  public Call {
    pathParams = Map.copyOf(pathParams);
    query = Map.copyOf(query);
  }

  public String path(String name) {
    return pathParams.get(name);
  }

  /** The namespace path parameter: levels separated by the unit separator (0x1F). */
  public List<String> namespace() {
    return Paths.namespace(path("namespace"));
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
  }

  public int pageSize(int dflt, int max) {
    Optional<String> v = query("pageSize");
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < 1 || n > max) {
        throw new InvalidInputException("pageSize", "must be between 1 and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInputException("pageSize", "must be a whole number");
    }
  }

  public boolean flag(String name) {
    return query(name).map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }
}
