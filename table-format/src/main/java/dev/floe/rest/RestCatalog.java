package dev.floe.rest;

import dev.floe.catalog.Catalog;
import dev.floe.catalog.SupportsNamespaces;
import dev.floe.catalog.TableIdentifier;
import dev.floe.codec.RestJson;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestMessages.CreateTableRequest;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.ListIdentifiersResponse;
import dev.floe.rest.RestMessages.ListNamespacesResponse;
import dev.floe.rest.RestMessages.LoadTableResult;
import dev.floe.rest.RestMessages.NamespaceBody;
import dev.floe.rest.RestMessages.UpdateNamespacePropertiesRequest;
import dev.floe.table.BaseTable;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Catalog} served by an Iceberg REST catalog (Floe's {@code floe serve}, or any server
 * that speaks the protocol). Tables load and commit through the server; data and manifests are
 * read and written directly in storage through FileIO, chosen by the table location's scheme.
 *
 * <pre>{@code
 * try (RestCatalog catalog = RestCatalog.connect("http://localhost:8181",
 *     RestCatalog.Options.defaults().withToken(token))) {
 *   Table t = catalog.loadTable(TableIdentifier.parse("db.events"));
 * }
 * }</pre>
 */
public final class RestCatalog implements Catalog, SupportsNamespaces {

  /**
   * How to reach the server.
   *
   * @param token a static bearer token
   * @param credential {@code client-id:client-secret} for the OAuth2 client-credentials flow
   * @param storage properties for the FileIO of table locations (e.g. S3 settings)
   */
  public record Options(Optional<String> token, Optional<String> credential, Map<String, String> storage,
      Duration connectTimeout, Duration requestTimeout) {
    public Options {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(credential, "credential");
      storage = Map.copyOf(storage);
    }

    public static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public Options withToken(String t) {
      return new Options(Optional.of(t), credential, storage, connectTimeout, requestTimeout);
    }

    public Options withCredential(String clientIdAndSecret) {
      return new Options(token, Optional.of(clientIdAndSecret), storage, connectTimeout, requestTimeout);
    }

    public Options withStorage(Map<String, String> properties) {
      return new Options(token, credential, properties, connectTimeout, requestTimeout);
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(token, credential, storage, connectTimeout, timeout);
    }
  }

  private final RestClient client;
  private final Options options;
  private final Map<String, FileIO> ios = new ConcurrentHashMap<>();

  private RestCatalog(RestClient client, Options options) {
    this.client = client;
    this.options = options;
  }

  /** Connects (and checks the server answers {@code GET /v1/config}). */
  public static RestCatalog connect(String uri, Options options) {
    URI base;
    try {
      base = URI.create(uri.endsWith("/") ? uri : uri + "/");
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("catalog", "'" + uri + "' is not a URI");
    }
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
      throw new InvalidInputException("catalog", "the catalog URI must be http:// or https://, got '" + uri + "'");
    }
    RestClient client = new RestClient(base, options);
    RestMessages.ConfigResponse config = RestJson.readConfig(
        client.send("GET", "v1/config", Optional.empty(), RestClient.Kind.READ).body());
    client.prefix(Optional.ofNullable(config.overrides().get("prefix"))
        .or(() -> Optional.ofNullable(config.defaults().get("prefix"))));
    return new RestCatalog(client, options);
  }

  private static Identifier rest(TableIdentifier id) {
    return new Identifier(id.namespace(), id.name());
  }

  private String tablePath(TableIdentifier id) {
    return namespacePath(id.namespace()) + "/tables/" + RestClient.segment(id.name());
  }

  private String namespacePath(List<String> namespace) {
    return client.path("namespaces/" + RestClient.namespacePath(namespace));
  }

  private FileIO io(String location) {
    return ios.computeIfAbsent(FileIOs.scheme(location), s -> FileIOs.forLocation(location, options.storage()));
  }

  private Table table(TableIdentifier id, LoadTableResult loaded) {
    return new BaseTable(id.toString(), new RestTableOperations(client, rest(id), loaded, this::io));
  }

  @Override
  public Table createTable(TableIdentifier id, Schema schema, PartitionSpec spec, Map<String, String> properties) {
    Map<String, String> props = new LinkedHashMap<>(properties);
    props.put(TableMetadata.FLOE_FORMAT_VERSION, TableMetadata.CURRENT_FLOE_FORMAT_VERSION);
    CreateTableRequest request = new CreateTableRequest(id.name(), Optional.empty(), schema,
        Optional.of(spec), Optional.empty(), false, props);
    LoadTableResult loaded = RestJson.readLoadTable(client.send("POST", namespacePath(id.namespace()) + "/tables",
        Optional.of(RestJson.write(request)), RestClient.Kind.WRITE).body());
    return table(id, loaded);
  }

  @Override
  public Table loadTable(TableIdentifier id) {
    LoadTableResult loaded;
    try {
      loaded = RestJson.readLoadTable(client.send("GET", tablePath(id), Optional.empty(), RestClient.Kind.READ).body());
    } catch (NoSuchNamespaceException e) {
      throw new NoSuchTableException("table " + id + " does not exist: " + e.getMessage());
    }
    return table(id, loaded);
  }

  @Override
  public boolean tableExists(TableIdentifier id) {
    try {
      client.send("HEAD", tablePath(id), Optional.empty(), RestClient.Kind.READ);
      return true;
    } catch (NoSuchTableException | NoSuchNamespaceException | NotFoundException e) {
      return false;
    }
  }

  @Override
  public List<TableIdentifier> listTables(List<String> namespace) {
    List<TableIdentifier> out = new ArrayList<>();
    Optional<String> page = Optional.empty();
    do {
      String q = RestClient.query(page.map(p -> Map.of("pageToken", p)).orElse(Map.of()));
      ListIdentifiersResponse r = RestJson.readListIdentifiers(
          client.send("GET", namespacePath(namespace) + "/tables" + q, Optional.empty(), RestClient.Kind.READ).body());
      r.identifiers().forEach(i -> out.add(new TableIdentifier(i.namespace(), i.name())));
      page = r.nextPageToken();
    } while (page.isPresent());
    return out;
  }

  @Override
  public boolean dropTable(TableIdentifier id, boolean purge) {
    try {
      client.send("DELETE", tablePath(id) + (purge ? "?purgeRequested=true" : ""), Optional.empty(),
          RestClient.Kind.WRITE);
      return true;
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      return false;
    }
  }

  @Override
  public void createNamespace(List<String> namespace, Map<String, String> properties) {
    client.send("POST", client.path("namespaces"), Optional.of(RestJson.write(new NamespaceBody(namespace, properties))),
        RestClient.Kind.WRITE);
  }

  @Override
  public List<List<String>> listNamespaces(List<String> parent) {
    List<List<String>> out = new ArrayList<>();
    Optional<String> page = Optional.empty();
    do {
      Map<String, String> params = new LinkedHashMap<>();
      if (!parent.isEmpty()) {
        params.put("parent", String.join("\u001f", parent));
      }
      page.ifPresent(p -> params.put("pageToken", p));
      ListNamespacesResponse r = RestJson.readListNamespaces(client.send("GET", client.path("namespaces")
          + RestClient.query(params), Optional.empty(), RestClient.Kind.READ).body());
      out.addAll(r.namespaces());
      page = r.nextPageToken();
    } while (page.isPresent());
    return out;
  }

  @Override
  public Map<String, String> namespaceProperties(List<String> namespace) {
    return RestJson.readNamespace(client.send("GET", namespacePath(namespace), Optional.empty(),
        RestClient.Kind.READ).body()).properties();
  }

  @Override
  public boolean namespaceExists(List<String> namespace) {
    try {
      client.send("HEAD", namespacePath(namespace), Optional.empty(), RestClient.Kind.READ);
      return true;
    } catch (NoSuchNamespaceException | NotFoundException e) {
      return false;
    }
  }

  @Override
  public boolean dropNamespace(List<String> namespace) {
    try {
      client.send("DELETE", namespacePath(namespace), Optional.empty(), RestClient.Kind.WRITE);
      return true;
    } catch (NoSuchNamespaceException e) {
      return false;
    }
  }

  @Override
  public void updateNamespaceProperties(List<String> namespace, Map<String, String> updates, Set<String> removals) {
    client.send("POST", namespacePath(namespace) + "/properties", Optional.of(RestJson.write(
        new UpdateNamespacePropertiesRequest(List.copyOf(removals), updates))), RestClient.Kind.WRITE);
  }

  @Override
  public void close() {
    ios.values().forEach(FileIO::close);
  }
}
