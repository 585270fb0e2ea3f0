package dev.floe.rest;

import dev.floe.metadata.MetadataUpdate;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.UpdateRequirement;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.view.ViewMetadata;
import dev.floe.view.ViewRequirement;
import dev.floe.view.ViewUpdate;
import dev.floe.view.ViewVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages of the Apache Iceberg REST Catalog protocol that Floe's client and server
 * exchange, as values. {@link dev.floe.codec.RestJson} is their one JSON codec.
 */
public final class RestMessages {
  private RestMessages() {}

  /**
   * A table or view name in a REST message. Unlike {@link dev.floe.catalog.TableIdentifier} it
   * does not restrict the characters: the server validates names where it places files.
   */
  public record Identifier(List<String> namespace, String name) {
    public Identifier {
      namespace = List.copyOf(namespace);
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return namespace.isEmpty() ? name : String.join(".", namespace) + "." + name;
    }
  }

  public record ConfigResponse(Map<String, String> defaults, Map<String, String> overrides,
      List<String> endpoints) {
    public ConfigResponse {
      defaults = Map.copyOf(defaults);
      overrides = Map.copyOf(overrides);
      endpoints = List.copyOf(endpoints);
    }
  }

  /** Iceberg's error model: {@code {"error": {"message", "type", "code"}}}. */
  public record ErrorResponse(String message, String type, int code) {
    public ErrorResponse {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(type, "type");
    }
  }

  public record OAuthTokenResponse(String accessToken, String tokenType, Optional<Long> expiresInSeconds,
      Optional<String> issuedTokenType, Optional<String> scope) {
    public OAuthTokenResponse {
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(tokenType, "tokenType");
    }
  }

  /** The body of create-namespace and of a namespace load. */
  public record NamespaceBody(List<String> namespace, Map<String, String> properties) {
    public NamespaceBody {
      namespace = List.copyOf(namespace);
      properties = Map.copyOf(properties);
    }
  }

  public record ListNamespacesResponse(List<List<String>> namespaces, Optional<String> nextPageToken) {
    public ListNamespacesResponse {
      namespaces = namespaces.stream().map(List::copyOf).toList();
    }
  }

  public record UpdateNamespacePropertiesRequest(List<String> removals, Map<String, String> updates) {
    public UpdateNamespacePropertiesRequest {
      removals = List.copyOf(removals);
      updates = Map.copyOf(updates);
    }
  }

  public record UpdateNamespacePropertiesResponse(List<String> updated, List<String> removed,
      List<String> missing) {
    public UpdateNamespacePropertiesResponse {
      updated = List.copyOf(updated);
      removed = List.copyOf(removed);
      missing = List.copyOf(missing);
    }
  }

  public record ListIdentifiersResponse(List<Identifier> identifiers, Optional<String> nextPageToken) {
    public ListIdentifiersResponse {
      identifiers = List.copyOf(identifiers);
    }
  }

  public record CreateTableRequest(String name, Optional<String> location, Schema schema,
      Optional<PartitionSpec> spec, Optional<SortOrder> writeOrder, boolean stageCreate,
      Map<String, String> properties) {
    public CreateTableRequest {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schema, "schema");
      properties = Map.copyOf(properties);
    }
  }

  /** A table as loaded: where its metadata file is (empty for a staged create) and the metadata. */
  public record LoadTableResult(Optional<String> metadataLocation, TableMetadata metadata,
      Map<String, String> config) {
    public LoadTableResult {
      Objects.requireNonNull(metadata, "metadata");
      config = Map.copyOf(config);
    }
  }

  public record CommitTableRequest(Optional<Identifier> identifier, List<UpdateRequirement> requirements,
      List<MetadataUpdate> updates) {
    public CommitTableRequest {
      requirements = List.copyOf(requirements);
      updates = List.copyOf(updates);
    }
  }

  public record CommitTableResponse(String metadataLocation, TableMetadata metadata) {}

  public record CommitTransactionRequest(List<CommitTableRequest> tableChanges) {
    public CommitTransactionRequest {
      tableChanges = List.copyOf(tableChanges);
    }
  }

  public record RenameRequest(Identifier source, Identifier destination) {}

  public record RegisterRequest(String name, String metadataLocation, boolean overwrite) {}

  public record CreateViewRequest(String name, Optional<String> location, Schema schema,
      ViewVersion viewVersion, Map<String, String> properties) {
    public CreateViewRequest {
      properties = Map.copyOf(properties);
    }
  }

  public record LoadViewResult(String metadataLocation, ViewMetadata metadata, Map<String, String> config) {
    public LoadViewResult {
      config = Map.copyOf(config);
    }
  }

  public record CommitViewRequest(Optional<Identifier> identifier, List<ViewRequirement> requirements,
      List<ViewUpdate> updates) {
    public CommitViewRequest {
      requirements = List.copyOf(requirements);
      updates = List.copyOf(updates);
    }
  }
}
