package dev.floe.server.auth;

import java.util.List;
import java.util.Objects;

/** An authenticated caller and its grants. */
public record Principal(String name, List<Grant> grants) {
  public Principal {
    Objects.requireNonNull(name, "name");
    grants = List.copyOf(grants);
  }

  /** A grant of a level on a namespace and everything nested in it; an empty namespace means all. */
  public record Grant(Access access, List<String> namespace) {
    public Grant {
      namespace = List.copyOf(namespace);
    }

    boolean covers(Access needed, List<String> target) {
      return access.compareTo(needed) >= 0 && target.size() >= namespace.size()
          && target.subList(0, namespace.size()).equals(namespace);
    }
  }

  /** Whether this principal may do what needs {@code access} on {@code namespace} (empty: the catalog). */
  public boolean may(Access access, List<String> namespace) {
    return access == Access.LOGIN || grants.stream().anyMatch(g -> g.covers(access, namespace));
  }
}
