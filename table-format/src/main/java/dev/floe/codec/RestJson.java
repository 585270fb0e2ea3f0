package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.error.CorruptFileException;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.MetadataUpdate;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.UpdateRequirement;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestMessages.CommitTableRequest;
import dev.floe.rest.RestMessages.CommitTableResponse;
import dev.floe.rest.RestMessages.CommitTransactionRequest;
import dev.floe.rest.RestMessages.CommitViewRequest;
import dev.floe.rest.RestMessages.ConfigResponse;
import dev.floe.rest.RestMessages.CreateTableRequest;
import dev.floe.rest.RestMessages.CreateViewRequest;
import dev.floe.rest.RestMessages.ErrorResponse;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.ListIdentifiersResponse;
import dev.floe.rest.RestMessages.ListNamespacesResponse;
import dev.floe.rest.RestMessages.LoadTableResult;
import dev.floe.rest.RestMessages.LoadViewResult;
import dev.floe.rest.RestMessages.NamespaceBody;
import dev.floe.rest.RestMessages.OAuthTokenResponse;
import dev.floe.rest.RestMessages.RegisterRequest;
import dev.floe.rest.RestMessages.RenameRequest;
import dev.floe.rest.RestMessages.UpdateNamespacePropertiesRequest;
import dev.floe.rest.RestMessages.UpdateNamespacePropertiesResponse;
import dev.floe.types.Schema;
import dev.floe.view.ViewRequirement;
import dev.floe.view.ViewUpdate;
import dev.floe.view.ViewVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON codec of the Iceberg REST Catalog messages, shared by Floe's client
 * ({@link dev.floe.rest.RestCatalog}) and its catalog server. Readers fail with
 * {@link InvalidInputException} naming the JSON pointer of the bad field: for a server that is a
 * 400, never a 500. Table and view metadata inside messages use the metadata files' codecs.
 */
public final class RestJson {
  private RestJson() {}

  @FunctionalInterface
  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] bytes(Writer w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = Json.generator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  /** Parses one message; every problem becomes an InvalidInputException about the body. */
  private static <T> T parse(String kind, byte[] body, JsonIn.Reader<T> reader) {
    try {
      return JsonIn.parse(kind, body, in -> {
        in.beginRoot(kind);
        T value = reader.read(in);
        in.endRoot();
        return value;
      });
    } catch (CorruptFileException e) {
      throw new InvalidInputException("body", e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ config, errors, tokens

  public static byte[] write(ConfigResponse c) {
    return bytes(g -> {
      g.writeStartObject();
      TableMetadataJson.writeStringMap(g, "defaults", c.defaults());
      TableMetadataJson.writeStringMap(g, "overrides", c.overrides());
      MetadataUpdateJson.writeStrings(g, "endpoints", c.endpoints());
      g.writeEndObject();
    });
  }

  public static ConfigResponse readConfig(byte[] body) {
    return parse("config response", body, in -> {
      Map<String, String> defaults = Map.of();
      Map<String, String> overrides = Map.of();
      List<String> endpoints = List.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "defaults" -> defaults = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          case "overrides" -> overrides = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          case "endpoints" -> endpoints = in.isNull() ? List.of() : MetadataUpdateJson.readStrings(in);
          default -> in.skip();
        }
      }
      return new ConfigResponse(defaults, overrides, endpoints);
    });
  }

  public static byte[] write(ErrorResponse e) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", e.message());
      g.writeStringField("type", e.type());
      g.writeNumberField("code", e.code());
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  public static ErrorResponse readError(byte[] body) {
    return parse("error response", body, in -> {
      ErrorResponse out = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        if (f.equals("error")) {
          in.expectObject();
          String message = "";
          String type = "";
          int code = 0;
          for (String e = in.nextField(); e != null; e = in.nextField()) {
            switch (e) {
              case "message" -> message = in.isNull() ? "" : in.stringValue();
              case "type" -> type = in.isNull() ? "" : in.stringValue();
              case "code" -> code = in.intValue();
              default -> in.skip();
            }
          }
          out = new ErrorResponse(message, type, code);
        } else {
          in.skip();
        }
      }
      TableMetadataJson.require(in, out, "error");
      return out;
    });
  }

  public static byte[] write(OAuthTokenResponse t) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("access_token", t.accessToken());
      g.writeStringField("token_type", t.tokenType());
      if (t.expiresInSeconds().isPresent()) {
        g.writeNumberField("expires_in", t.expiresInSeconds().get());
      }
      if (t.issuedTokenType().isPresent()) {
        g.writeStringField("issued_token_type", t.issuedTokenType().get());
      }
      if (t.scope().isPresent()) {
        g.writeStringField("scope", t.scope().get());
      }
      g.writeEndObject();
    });
  }

  public static OAuthTokenResponse readTokenResponse(byte[] body) {
    return parse("token response", body, in -> {
      String token = null;
      String type = null;
      Long expires = null;
      String issued = null;
      String scope = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "access_token" -> token = in.stringValue();
          case "token_type" -> type = in.stringValue();
          case "expires_in" -> expires = in.isNull() ? null : in.longValue();
          case "issued_token_type" -> issued = in.isNull() ? null : in.stringValue();
          case "scope" -> scope = in.isNull() ? null : in.stringValue();
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, token, "access_token");
      TableMetadataJson.require(in, type, "token_type");
      return new OAuthTokenResponse(token, type, Optional.ofNullable(expires), Optional.ofNullable(issued),
          Optional.ofNullable(scope));
    });
  }

  // ------------------------------------------------------------------ namespaces

  public static byte[] write(NamespaceBody n) {
    return bytes(g -> {
      g.writeStartObject();
      MetadataUpdateJson.writeStrings(g, "namespace", n.namespace());
      TableMetadataJson.writeStringMap(g, "properties", n.properties());
      g.writeEndObject();
    });
  }

  public static NamespaceBody readNamespace(byte[] body) {
    return parse("namespace request", body, in -> {
      List<String> ns = null;
      Map<String, String> props = Map.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "namespace" -> ns = MetadataUpdateJson.readStrings(in);
          case "properties" -> props = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, ns, "namespace");
      return new NamespaceBody(ns, props);
    });
  }

  public static byte[] write(ListNamespacesResponse r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("namespaces");
      for (List<String> ns : r.namespaces()) {
        g.writeStartArray();
        for (String level : ns) {
          g.writeString(level);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      writePageToken(g, r.nextPageToken());
      g.writeEndObject();
    });
  }

  public static ListNamespacesResponse readListNamespaces(byte[] body) {
    return parse("namespace list", body, in -> {
      List<List<String>> out = new ArrayList<>();
      Optional<String> next = Optional.empty();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "namespaces" -> {
            in.expectArray();
            while (in.nextElement()) {
              out.add(MetadataUpdateJson.readStrings(in));
            }
          }
          case "next-page-token" -> next = in.isNull() ? Optional.empty() : Optional.of(in.stringValue());
          default -> in.skip();
        }
      }
      return new ListNamespacesResponse(out, next);
    });
  }

  public static byte[] write(UpdateNamespacePropertiesRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      MetadataUpdateJson.writeStrings(g, "removals", r.removals());
      TableMetadataJson.writeStringMap(g, "updates", r.updates());
      g.writeEndObject();
    });
  }

  public static UpdateNamespacePropertiesRequest readUpdateNamespaceProperties(byte[] body) {
    return parse("namespace properties update", body, in -> {
      List<String> removals = List.of();
      Map<String, String> updates = Map.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "removals" -> removals = in.isNull() ? List.of() : MetadataUpdateJson.readStrings(in);
          case "updates" -> updates = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          default -> in.skip();
        }
      }
      return new UpdateNamespacePropertiesRequest(removals, updates);
    });
  }

  public static byte[] write(UpdateNamespacePropertiesResponse r) {
    return bytes(g -> {
      g.writeStartObject();
      MetadataUpdateJson.writeStrings(g, "updated", r.updated());
      MetadataUpdateJson.writeStrings(g, "removed", r.removed());
      MetadataUpdateJson.writeStrings(g, "missing", r.missing());
      g.writeEndObject();
    });
  }

  public static UpdateNamespacePropertiesResponse readUpdateNamespacePropertiesResponse(byte[] body) {
    return parse("namespace properties response", body, in -> {
      List<String> updated = List.of();
      List<String> removed = List.of();
      List<String> missing = List.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "updated" -> updated = MetadataUpdateJson.readStrings(in);
          case "removed" -> removed = MetadataUpdateJson.readStrings(in);
          case "missing" -> missing = in.isNull() ? List.of() : MetadataUpdateJson.readStrings(in);
          default -> in.skip();
        }
      }
      return new UpdateNamespacePropertiesResponse(updated, removed, missing);
    });
  }

  // ------------------------------------------------------------------ identifiers

  public static byte[] write(ListIdentifiersResponse r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("identifiers");
      for (Identifier id : r.identifiers()) {
        writeIdentifier(g, id);
      }
      g.writeEndArray();
      writePageToken(g, r.nextPageToken());
      g.writeEndObject();
    });
  }

  public static ListIdentifiersResponse readListIdentifiers(byte[] body) {
    return parse("identifier list", body, in -> {
      List<Identifier> out = new ArrayList<>();
      Optional<String> next = Optional.empty();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "identifiers" -> {
            in.expectArray();
            while (in.nextElement()) {
              out.add(readIdentifier(in));
            }
          }
          case "next-page-token" -> next = in.isNull() ? Optional.empty() : Optional.of(in.stringValue());
          default -> in.skip();
        }
      }
      return new ListIdentifiersResponse(out, next);
    });
  }

  private static void writePageToken(JsonGenerator g, Optional<String> token) throws IOException {
    if (token.isPresent()) {
      g.writeStringField("next-page-token", token.get());
    }
  }

  private static void writeIdentifier(JsonGenerator g, Identifier id) throws IOException {
    g.writeStartObject();
    MetadataUpdateJson.writeStrings(g, "namespace", id.namespace());
    g.writeStringField("name", id.name());
    g.writeEndObject();
  }

  private static Identifier readIdentifier(JsonIn in) throws IOException {
    in.expectObject();
    List<String> ns = null;
    String name = null;
    for (String f = in.nextField(); f != null; f = in.nextField()) {
      switch (f) {
        case "namespace" -> ns = MetadataUpdateJson.readStrings(in);
        case "name" -> name = in.stringValue();
        default -> in.skip();
      }
    }
    TableMetadataJson.require(in, ns, "namespace");
    TableMetadataJson.require(in, name, "name");
    return new Identifier(ns, name);
  }

  public static byte[] write(RenameRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeFieldName("source");
      writeIdentifier(g, r.source());
      g.writeFieldName("destination");
      writeIdentifier(g, r.destination());
      g.writeEndObject();
    });
  }

  public static RenameRequest readRename(byte[] body) {
    return parse("rename request", body, in -> {
      Identifier source = null;
      Identifier destination = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "source" -> source = readIdentifier(in);
          case "destination" -> destination = readIdentifier(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, source, "source");
      TableMetadataJson.require(in, destination, "destination");
      return new RenameRequest(source, destination);
    });
  }

  public static byte[] write(RegisterRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("name", r.name());
      g.writeStringField("metadata-location", r.metadataLocation());
      if (r.overwrite()) {
        g.writeBooleanField("overwrite", true);
      }
      g.writeEndObject();
    });
  }

  public static RegisterRequest readRegister(byte[] body) {
    return parse("register request", body, in -> {
      String name = null;
      String location = null;
      boolean overwrite = false;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "name" -> name = in.stringValue();
          case "metadata-location" -> location = in.stringValue();
          case "overwrite" -> overwrite = !in.isNull() && in.booleanValue();
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, name, "name");
      TableMetadataJson.require(in, location, "metadata-location");
      return new RegisterRequest(name, location, overwrite);
    });
  }

  // ------------------------------------------------------------------ tables

  public static byte[] write(CreateTableRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("name", r.name());
      if (r.location().isPresent()) {
        g.writeStringField("location", r.location().get());
      }
      g.writeFieldName("schema");
      TableMetadataJson.writeSchema(g, r.schema());
      if (r.spec().isPresent()) {
        g.writeFieldName("partition-spec");
        TableMetadataJson.writeSpec(g, r.spec().get());
      }
      if (r.writeOrder().isPresent()) {
        g.writeFieldName("write-order");
        TableMetadataJson.writeSortOrder(g, r.writeOrder().get());
      }
      g.writeBooleanField("stage-create", r.stageCreate());
      TableMetadataJson.writeStringMap(g, "properties", r.properties());
      g.writeEndObject();
    });
  }

  public static CreateTableRequest readCreateTable(byte[] body) {
    return parse("create table request", body, in -> {
      String name = null;
      String location = null;
      Schema schema = null;
      PartitionSpec spec = null;
      SortOrder order = null;
      boolean stage = false;
      Map<String, String> props = Map.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "name" -> name = in.stringValue();
          case "location" -> location = in.isNull() ? null : in.stringValue();
          case "schema" -> schema = TableMetadataJson.readSchema(in, 0);
          case "partition-spec" -> spec = in.isNull() ? null : MetadataUpdateJson.readUnboundSpec(in);
          case "write-order" -> order = in.isNull() ? null : TableMetadataJson.readSortOrder(in);
          case "stage-create" -> stage = !in.isNull() && in.booleanValue();
          case "properties" -> props = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, name, "name");
      TableMetadataJson.require(in, schema, "schema");
      return new CreateTableRequest(name, Optional.ofNullable(location), schema, Optional.ofNullable(spec),
          Optional.ofNullable(order), stage, props);
    });
  }

  public static byte[] write(LoadTableResult r) {
    return bytes(g -> {
      g.writeStartObject();
      if (r.metadataLocation().isPresent()) {
        g.writeStringField("metadata-location", r.metadataLocation().get());
      }
      g.writeFieldName("metadata");
      TableMetadataJson.write(g, r.metadata());
      TableMetadataJson.writeStringMap(g, "config", r.config());
      g.writeEndObject();
    });
  }

  public static LoadTableResult readLoadTable(byte[] body) {
    return parse("load table result", body, in -> {
      String location = null;
      dev.floe.metadata.TableMetadata metadata = null;
      Map<String, String> config = Map.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "metadata-location" -> location = in.isNull() ? null : in.stringValue();
          case "metadata" -> metadata = TableMetadataJson.readObject(in);
          case "config" -> config = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, metadata, "metadata");
      return new LoadTableResult(Optional.ofNullable(location), metadata, config);
    });
  }

  public static byte[] write(CommitTableRequest r) {
    return bytes(g -> writeCommit(g, r));
  }

  private static void writeCommit(JsonGenerator g, CommitTableRequest r) throws IOException {
    g.writeStartObject();
    if (r.identifier().isPresent()) {
      g.writeFieldName("identifier");
      writeIdentifier(g, r.identifier().get());
    }
    g.writeArrayFieldStart("requirements");
    for (UpdateRequirement req : r.requirements()) {
      MetadataUpdateJson.writeRequirement(g, req);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("updates");
    for (MetadataUpdate u : r.updates()) {
      MetadataUpdateJson.writeUpdate(g, u);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  public static CommitTableRequest readCommitTable(byte[] body) {
    return parse("commit request", body, RestJson::readCommit);
  }

  private static CommitTableRequest readCommit(JsonIn in) throws IOException {
    in.expectObject();
    Identifier id = null;
    List<UpdateRequirement> requirements = null;
    List<MetadataUpdate> updates = null;
    for (String f = in.nextField(); f != null; f = in.nextField()) {
      switch (f) {
        case "identifier" -> id = in.isNull() ? null : readIdentifier(in);
        case "requirements" -> {
          requirements = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            requirements.add(MetadataUpdateJson.readRequirement(in));
          }
        }
        case "updates" -> {
          updates = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            updates.add(MetadataUpdateJson.readUpdate(in));
          }
        }
        default -> in.skip();
      }
    }
    TableMetadataJson.require(in, requirements, "requirements");
    TableMetadataJson.require(in, updates, "updates");
    return new CommitTableRequest(Optional.ofNullable(id), requirements, updates);
  }

  public static byte[] write(CommitTableResponse r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("metadata-location", r.metadataLocation());
      g.writeFieldName("metadata");
      TableMetadataJson.write(g, r.metadata());
      g.writeEndObject();
    });
  }

  public static CommitTableResponse readCommitResponse(byte[] body) {
    return parse("commit response", body, in -> {
      String location = null;
      dev.floe.metadata.TableMetadata metadata = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "metadata-location" -> location = in.stringValue();
          case "metadata" -> metadata = TableMetadataJson.readObject(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, location, "metadata-location");
      TableMetadataJson.require(in, metadata, "metadata");
      return new CommitTableResponse(location, metadata);
    });
  }

  public static byte[] write(CommitTransactionRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("table-changes");
      for (CommitTableRequest c : r.tableChanges()) {
        writeCommit(g, c);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  public static CommitTransactionRequest readCommitTransaction(byte[] body) {
    return parse("transaction commit request", body, in -> {
      List<CommitTableRequest> changes = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        if (f.equals("table-changes")) {
          changes = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            CommitTableRequest c = readCommit(in);
            if (c.identifier().isEmpty()) {
              throw in.fail("every table change of a transaction needs an identifier");
            }
            changes.add(c);
          }
        } else {
          in.skip();
        }
      }
      TableMetadataJson.require(in, changes, "table-changes");
      return new CommitTransactionRequest(changes);
    });
  }

  // ------------------------------------------------------------------ views

  public static byte[] write(CreateViewRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("name", r.name());
      if (r.location().isPresent()) {
        g.writeStringField("location", r.location().get());
      }
      g.writeFieldName("schema");
      TableMetadataJson.writeSchema(g, r.schema());
      g.writeFieldName("view-version");
      ViewMetadataJson.writeVersion(g, r.viewVersion());
      TableMetadataJson.writeStringMap(g, "properties", r.properties());
      g.writeEndObject();
    });
  }

  public static CreateViewRequest readCreateView(byte[] body) {
    return parse("create view request", body, in -> {
      String name = null;
      String location = null;
      Schema schema = null;
      ViewVersion version = null;
      Map<String, String> props = Map.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "name" -> name = in.stringValue();
          case "location" -> location = in.isNull() ? null : in.stringValue();
          case "schema" -> schema = TableMetadataJson.readSchema(in, 0);
          case "view-version" -> version = ViewMetadataJson.readVersion(in);
          case "properties" -> props = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, name, "name");
      TableMetadataJson.require(in, schema, "schema");
      TableMetadataJson.require(in, version, "view-version");
      return new CreateViewRequest(name, Optional.ofNullable(location), schema, version, props);
    });
  }

  public static byte[] write(LoadViewResult r) {
    return bytes(g -> {
      g.writeStartObject();
      g.writeStringField("metadata-location", r.metadataLocation());
      g.writeFieldName("metadata");
      ViewMetadataJson.write(g, r.metadata());
      TableMetadataJson.writeStringMap(g, "config", r.config());
      g.writeEndObject();
    });
  }

  public static LoadViewResult readLoadView(byte[] body) {
    return parse("load view result", body, in -> {
      String location = null;
      dev.floe.view.ViewMetadata metadata = null;
      Map<String, String> config = Map.of();
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "metadata-location" -> location = in.stringValue();
          case "metadata" -> metadata = ViewMetadataJson.readObject(in);
          case "config" -> config = in.isNull() ? Map.of() : TableMetadataJson.readStringMap(in);
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, location, "metadata-location");
      TableMetadataJson.require(in, metadata, "metadata");
      return new LoadViewResult(location, metadata, config);
    });
  }

  public static byte[] write(CommitViewRequest r) {
    return bytes(g -> {
      g.writeStartObject();
      if (r.identifier().isPresent()) {
        g.writeFieldName("identifier");
        writeIdentifier(g, r.identifier().get());
      }
      g.writeArrayFieldStart("requirements");
      for (ViewRequirement req : r.requirements()) {
        MetadataUpdateJson.writeViewRequirement(g, req);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("updates");
      for (ViewUpdate u : r.updates()) {
        MetadataUpdateJson.writeViewUpdate(g, u);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  public static CommitViewRequest readCommitView(byte[] body) {
    return parse("view commit request", body, in -> {
      Identifier id = null;
      List<ViewRequirement> requirements = new ArrayList<>();
      List<ViewUpdate> updates = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        switch (f) {
          case "identifier" -> id = in.isNull() ? null : readIdentifier(in);
          case "requirements" -> {
            if (!in.isNull()) {
              in.expectArray();
              while (in.nextElement()) {
                requirements.add(MetadataUpdateJson.readViewRequirement(in));
              }
            }
          }
          case "updates" -> {
            updates = new ArrayList<>();
            in.expectArray();
            while (in.nextElement()) {
              updates.add(MetadataUpdateJson.readViewUpdate(in));
            }
          }
          default -> in.skip();
        }
      }
      TableMetadataJson.require(in, updates, "updates");
      return new CommitViewRequest(Optional.ofNullable(id), requirements, updates);
    });
  }

  /** A metrics report: any object naming its {@code report-type}; returns that type. */
  public static String readMetricsReportType(byte[] body) {
    return parse("metrics report", body, in -> {
      String type = null;
      for (String f = in.nextField(); f != null; f = in.nextField()) {
        if (f.equals("report-type")) {
          type = in.stringValue();
        } else {
          in.skip();
        }
      }
      TableMetadataJson.require(in, type, "report-type");
      return type;
    });
  }
}
