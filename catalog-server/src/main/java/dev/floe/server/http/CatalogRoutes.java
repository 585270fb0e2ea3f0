package dev.floe.server.http;

import dev.floe.codec.RestJson;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NoSuchViewException;
import dev.floe.error.NotAuthorizedException;
import dev.floe.rest.RestMessages.CommitTableRequest;
import dev.floe.rest.RestMessages.CommitTableResponse;
import dev.floe.rest.RestMessages.CommitTransactionRequest;
import dev.floe.rest.RestMessages.ConfigResponse;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.OAuthTokenResponse;
import dev.floe.rest.RestMessages.RenameRequest;
import dev.floe.server.ServerMetrics;
import dev.floe.server.auth.Access;
import dev.floe.server.auth.Authenticator;
import dev.floe.server.service.NamespaceService;
import dev.floe.server.service.TableService;
import dev.floe.server.service.ViewService;
import dev.floe.server.store.CatalogStore.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The Iceberg REST Catalog endpoints, thin: decode, call a service, encode. Each route names the
 * access it needs and the namespace that access is checked on.
 */
public final class CatalogRoutes {
  private CatalogRoutes() {}

  private static final Optional<Access> PUBLIC = Optional.empty();
  /** Any authenticated caller; what it may see is checked per namespace where it matters. */
  private static final Optional<Access> READ_ANY = Optional.of(Access.LOGIN);
  private static final Optional<Access> READ = Optional.of(Access.READ);
  private static final Optional<Access> WRITE = Optional.of(Access.WRITE);
  private static final Optional<Access> ADMIN = Optional.of(Access.ADMIN);
  private static final Router.Scope CATALOG = p -> List.of();
  private static final Router.Scope NAMESPACE = p -> Paths.namespace(p.get("namespace"));

  public static Router build(NamespaceService namespaces, TableService tables, ViewService views,
      Authenticator auth, ServerMetrics metrics, BooleanSupplier healthy) {
    Router r = new Router();
    r.add("GET", "/healthz", PUBLIC, CATALOG, c -> healthy.getAsBoolean() ? Reply.text("ok\n")
        : new Reply(503, "store unavailable\n".getBytes(StandardCharsets.UTF_8), "text/plain"));
    r.add("GET", "/metrics", PUBLIC, CATALOG, c -> Reply.text(metrics.exposition()));
    r.add("POST", "/v1/oauth/tokens", PUBLIC, CATALOG, c -> token(auth, c));
    r.add("GET", "/v1/config", READ_ANY, CATALOG, c -> Reply.json(RestJson.write(config(r))));

    // namespaces: creating one needs admin on its parent (or on the catalog for a top-level one)
    r.add("GET", "/v1/namespaces", READ_ANY, CATALOG, c -> {
      List<String> parent = c.query("parent").map(Paths::namespace).orElse(List.of());
      if (!parent.isEmpty() && !c.principal().may(Access.READ, parent)) {
        throw new dev.floe.error.ForbiddenException("no read grant on namespace " + String.join(".", parent));
      }
      return Reply.json(RestJson.write(namespaces.list(parent, c.query("pageToken"),
          c.pageSize(NamespaceService.DEFAULT_PAGE_SIZE, NamespaceService.MAX_PAGE_SIZE))));
    });
    r.add("POST", "/v1/namespaces", READ_ANY, CATALOG, c -> {
      var req = RestJson.readNamespace(c.body());
      List<String> parent = req.namespace().isEmpty() ? List.of()
          : req.namespace().subList(0, req.namespace().size() - 1);
      if (!c.principal().may(Access.ADMIN, parent)) {
        throw new dev.floe.error.ForbiddenException("creating this namespace needs an admin grant on "
            + (parent.isEmpty() ? "the catalog (admin:*)" : "namespace " + String.join(".", parent)));
      }
      return Reply.json(RestJson.write(namespaces.create(req)));
    });
    r.add("GET", "/v1/namespaces/{namespace}", READ, NAMESPACE,
        c -> Reply.json(RestJson.write(namespaces.load(c.namespace()))));
    r.add("HEAD", "/v1/namespaces/{namespace}", READ, NAMESPACE, c -> {
      namespaces.load(c.namespace());
      return Reply.noContent();
    });
    r.add("DELETE", "/v1/namespaces/{namespace}", ADMIN, NAMESPACE, c -> {
      namespaces.drop(c.namespace());
      return Reply.noContent();
    });
    r.add("POST", "/v1/namespaces/{namespace}/properties", ADMIN, NAMESPACE, c -> Reply.json(RestJson.write(
        namespaces.updateProperties(c.namespace(), RestJson.readUpdateNamespaceProperties(c.body())))));

    // tables
    r.add("GET", "/v1/namespaces/{namespace}/tables", READ, NAMESPACE, c -> Reply.json(RestJson.write(
        namespaces.list(c.namespace(), Kind.TABLE, c.query("pageToken"),
            c.pageSize(NamespaceService.DEFAULT_PAGE_SIZE, NamespaceService.MAX_PAGE_SIZE)))));
    r.add("POST", "/v1/namespaces/{namespace}/tables", WRITE, NAMESPACE, c -> Reply.json(RestJson.write(
        tables.create(c.namespace(), RestJson.readCreateTable(c.body())))));
    r.add("GET", "/v1/namespaces/{namespace}/tables/{table}", READ, NAMESPACE,
        c -> Reply.json(RestJson.write(tables.load(c.namespace(), name(c, "table")))));
    r.add("HEAD", "/v1/namespaces/{namespace}/tables/{table}", READ, NAMESPACE, c ->
        exists(tables.exists(c.namespace(), name(c, "table")), () -> new NoSuchTableException("table does not exist")));
    r.add("POST", "/v1/namespaces/{namespace}/tables/{table}", WRITE, NAMESPACE, c -> {
      CommitTableRequest req = RestJson.readCommitTable(c.body());
      TableService.Committed done = tables.commit(c.namespace(), name(c, "table"), req);
      return Reply.json(RestJson.write(new CommitTableResponse(done.metadataLocation(), done.metadata())));
    });
    r.add("DELETE", "/v1/namespaces/{namespace}/tables/{table}", WRITE, NAMESPACE, c -> {
      tables.drop(c.namespace(), name(c, "table"), c.flag("purgeRequested"));
      return Reply.noContent();
    });
    r.add("POST", "/v1/namespaces/{namespace}/register", WRITE, NAMESPACE, c -> Reply.json(RestJson.write(
        tables.register(c.namespace(), RestJson.readRegister(c.body())))));
    r.add("POST", "/v1/namespaces/{namespace}/tables/{table}/metrics", READ, NAMESPACE, c -> {
      metrics.metricsReport(RestJson.readMetricsReportType(c.body()));
      return Reply.noContent();
    });
    r.add("POST", "/v1/tables/rename", WRITE, CATALOG, c -> {
      RenameRequest req = RestJson.readRename(c.body());
      requireWrite(c, req);
      tables.rename(req.source(), req.destination());
      return Reply.noContent();
    });
    r.add("POST", "/v1/transactions/commit", WRITE, CATALOG, c -> {
      CommitTransactionRequest req = RestJson.readCommitTransaction(c.body());
      List<TableService.Change> changes = new ArrayList<>();
      for (CommitTableRequest t : req.tableChanges()) {
        Identifier id = t.identifier().orElseThrow();
        List<String> ns = dev.floe.server.service.Names.namespace(id.namespace());
        if (!c.principal().may(Access.WRITE, ns)) {
          throw new dev.floe.error.ForbiddenException("no write grant on namespace " + String.join(".", ns));
        }
        changes.add(new TableService.Change(ns, id.name(), t));
      }
      tables.commitAll(changes);
      return Reply.noContent();
    });

    // views
    r.add("GET", "/v1/namespaces/{namespace}/views", READ, NAMESPACE, c -> Reply.json(RestJson.write(
        namespaces.list(c.namespace(), Kind.VIEW, c.query("pageToken"),
            c.pageSize(NamespaceService.DEFAULT_PAGE_SIZE, NamespaceService.MAX_PAGE_SIZE)))));
    r.add("POST", "/v1/namespaces/{namespace}/views", WRITE, NAMESPACE, c -> Reply.json(RestJson.write(
        views.create(c.namespace(), RestJson.readCreateView(c.body())))));
    r.add("GET", "/v1/namespaces/{namespace}/views/{view}", READ, NAMESPACE,
        c -> Reply.json(RestJson.write(views.load(c.namespace(), name(c, "view")))));
    r.add("HEAD", "/v1/namespaces/{namespace}/views/{view}", READ, NAMESPACE, c ->
        exists(views.exists(c.namespace(), name(c, "view")), () -> new NoSuchViewException("view does not exist")));
    r.add("POST", "/v1/namespaces/{namespace}/views/{view}", WRITE, NAMESPACE, c -> Reply.json(RestJson.write(
        views.commit(c.namespace(), name(c, "view"), RestJson.readCommitView(c.body())))));
    r.add("DELETE", "/v1/namespaces/{namespace}/views/{view}", WRITE, NAMESPACE, c -> {
      views.drop(c.namespace(), name(c, "view"));
      return Reply.noContent();
    });
    r.add("POST", "/v1/views/rename", WRITE, CATALOG, c -> {
      RenameRequest req = RestJson.readRename(c.body());
      requireWrite(c, req);
      views.rename(req.source(), req.destination());
      return Reply.noContent();
    });
    r.add("POST", "/v1/namespaces/{namespace}/register-view", WRITE, NAMESPACE, c -> Reply.json(RestJson.write(
        views.register(c.namespace(), RestJson.readRegister(c.body())))));
    return r;
  }


  /** A HEAD answer: 204 if it exists, else the not-found error (whose body HEAD leaves out). */
  private static Reply exists(boolean exists, java.util.function.Supplier<RuntimeException> missing) {
    if (!exists) {
      throw missing.get();
    }
    return Reply.noContent();
  }

  private static String name(Call c, String param) {
    return dev.floe.server.service.Names.name(c.path(param), param);
  }

  private static void requireWrite(Call c, RenameRequest req) {
    for (Identifier id : List.of(req.source(), req.destination())) {
      List<String> ns = dev.floe.server.service.Names.namespace(id.namespace());
      if (!c.principal().may(Access.WRITE, ns)) {
        throw new dev.floe.error.ForbiddenException("no write grant on namespace " + String.join(".", ns));
      }
    }
  }

  private static ConfigResponse config(Router r) {
    List<String> endpoints = new ArrayList<>();
    for (Router.Route route : r.routes()) {
      if (route.template().startsWith("/v1/") && !route.template().startsWith("/v1/config")
          && !route.template().startsWith("/v1/oauth")) {
        endpoints.add(route.method() + " " + route.template().replaceFirst("^/v1/", "/v1/{prefix}/"));
      }
    }
    return new ConfigResponse(Map.of(), Map.of(), endpoints);
  }

  private static Reply token(Authenticator auth, Call c) {
    Map<String, String> form = Paths.form(new String(c.body(), StandardCharsets.UTF_8));
    String grant = form.getOrDefault("grant_type", "");
    if (!grant.equals("client_credentials")) {
      throw new InvalidInputException("grant_type", "only client_credentials is supported, got '" + grant + "'");
    }
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    if (id == null || secret == null) {
      throw new InvalidInputException("client_id", "client_id and client_secret are required");
    }
    String token = auth.issue(id, secret).orElseThrow(() ->
        new NotAuthorizedException("unknown client or wrong secret"));
    return Reply.json(RestJson.write(new OAuthTokenResponse(token, "bearer", Optional.of(auth.tokenTtlSeconds()),
        Optional.of("urn:ietf:params:oauth:token-type:access_token"), Optional.ofNullable(form.get("scope")))));
  }
}
