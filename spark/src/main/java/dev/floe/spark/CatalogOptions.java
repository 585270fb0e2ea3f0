package dev.floe.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of a Floe catalog in Spark, given as {@code spark.sql.catalog.<name>.<option>}:
 *
 * <ul>
 *   <li>{@code type}: {@code storage} (tables found by path under {@code warehouse}; the default
 *       without a {@code uri}) or {@code rest} (a Floe or Iceberg REST catalog at {@code uri});
 *   <li>{@code warehouse}: the warehouse root, a local path or a URI whose scheme picks the
 *       storage module ({@code file:}, {@code s3://});
 *   <li>{@code uri}: the REST catalog's endpoint; {@code token} (a bearer token) or
 *       {@code credential} ({@code client-id:client-secret}, OAuth2 client credentials) to sign in;
 *   <li>{@code default-namespace}: the namespace of unqualified names (default {@code default});
 *   <li>everything else: storage settings handed to the storage module as they are (the same
 *       keys as the CLI's {@code --conf}), on the driver and on executors.
 * </ul>
 */
record CatalogOptions(String type, Optional<String> warehouse, Optional<String> uri, Optional<String> token,
    Optional<String> credential, String defaultNamespace, Map<String, String> storageProperties) {

  static final String STORAGE = "storage";
  static final String REST = "rest";

  static CatalogOptions parse(Map<String, String> options) {
    Map<String, String> rest = new LinkedHashMap<>();
    String type = null;
    String warehouse = null;
    String uri = null;
    String token = null;
    String credential = null;
    String defaultNamespace = "default";
    for (Map.Entry<String, String> e : options.entrySet()) {
      switch (e.getKey().toLowerCase(Locale.ROOT)) {
        case "type" -> type = e.getValue().trim().toLowerCase(Locale.ROOT);
        case "warehouse" -> warehouse = e.getValue().trim();
        case "uri" -> uri = e.getValue().trim();
        case "token" -> token = e.getValue().trim();
        case "credential" -> credential = e.getValue().trim();
        case "default-namespace" -> defaultNamespace = e.getValue().trim();
        default -> rest.put(e.getKey(), e.getValue());
      }
    }
    if (type == null) {
      type = uri != null ? REST : STORAGE;
    }
    return new CatalogOptions(type, Optional.ofNullable(warehouse), Optional.ofNullable(uri),
        Optional.ofNullable(token), Optional.ofNullable(credential), defaultNamespace, Map.copyOf(rest));
  }
}
