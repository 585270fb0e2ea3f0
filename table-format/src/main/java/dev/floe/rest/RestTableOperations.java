package dev.floe.rest;

import dev.floe.codec.RestJson;
import dev.floe.commit.TableOperations;
import dev.floe.error.CommitFailedException;
import dev.floe.error.InvalidInputException;
import dev.floe.io.FileIO;
import dev.floe.metadata.MetadataDiff;
import dev.floe.metadata.TableMetadata;
import dev.floe.rest.RestMessages.CommitTableRequest;
import dev.floe.rest.RestMessages.CommitTableResponse;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.LoadTableResult;
import java.util.Optional;
import java.util.function.Function;

/**
 * A table whose metadata pointer lives in a REST catalog. A commit sends what changed between
 * base and updated ({@link MetadataDiff}) with the requirements it assumed; the server applies
 * it to its current metadata. 409 means someone else committed first (the commit loop refreshes
 * and retries); a 5xx or a lost connection leaves the outcome unknown. Data and manifest files
 * are still written by this client through FileIO, at the location the server returns.
 */
public final class RestTableOperations implements TableOperations {
  private final RestClient client;
  private final Identifier id;
  private final String path;
  private final Function<String, FileIO> ioForLocation;
  private TableMetadata current;
  private Optional<String> metadataLocation;

  RestTableOperations(RestClient client, Identifier id, LoadTableResult loaded, Function<String, FileIO> ioForLocation) {
    this.client = client;
    this.id = id;
    this.path = client.path("namespaces/" + RestClient.namespacePath(id.namespace()) + "/tables/"
        + RestClient.segment(id.name()));
    this.ioForLocation = ioForLocation;
    accept(loaded);
  }

  private void accept(LoadTableResult loaded) {
    TableMetadata m = loaded.metadata();
    if (!m.isFloeTable()) {
      throw new InvalidInputException("table", id + " is an Apache Iceberg table (no "
          + TableMetadata.FLOE_FORMAT_VERSION + " property; its manifests are Avro); Floe reads only Floe tables");
    }
    current = m;
    metadataLocation = loaded.metadataLocation();
  }

  @Override
  public synchronized TableMetadata current() {
    return current;
  }

  @Override
  public synchronized TableMetadata refresh() {
    accept(RestJson.readLoadTable(client.send("GET", path, Optional.empty(), RestClient.Kind.READ).body()));
    return current;
  }

  @Override
  public synchronized void commit(TableMetadata base, TableMetadata updated) {
    if (base != current) {
      throw new CommitFailedException("table " + id + " changed since the commit began");
    }
    MetadataDiff diff = MetadataDiff.between(base, updated);
    if (diff.isEmpty()) {
      return;
    }
    CommitTableRequest request = new CommitTableRequest(Optional.of(id), diff.requirements(), diff.updates());
    CommitTableResponse response = RestJson.readCommitResponse(
        client.send("POST", path, Optional.of(RestJson.write(request)), RestClient.Kind.COMMIT).body());
    current = response.metadata();
    metadataLocation = Optional.of(response.metadataLocation());
  }

  @Override
  public FileIO io() {
    return ioForLocation.apply(current().location());
  }

  /** The catalog's current metadata file, as of the last refresh or commit. */
  @Override
  public synchronized Optional<String> currentMetadataLocation() {
    return metadataLocation;
  }
}
