package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.types.Schema;
import dev.floe.view.ViewMetadata;
import dev.floe.view.ViewVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** View metadata files in the Apache Iceberg view-metadata JSON shape (format version 1). */
public final class ViewMetadataJson {
  private ViewMetadataJson() {}

  public static byte[] toJson(ViewMetadata metadata) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = Json.generator(out)) {
      write(g, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  /** @throws dev.floe.error.CorruptFileException if the JSON is not view metadata */
  public static ViewMetadata fromJson(String location, byte[] json) {
    return JsonIn.parse(location, json, in -> {
      in.beginRoot("view metadata JSON object");
      ViewMetadata m = readObject(in);
      in.endRoot();
      return m;
    });
  }

  static void write(JsonGenerator g, ViewMetadata m) throws IOException {
    g.writeStartObject();
    g.writeStringField("view-uuid", m.viewUuid());
    g.writeNumberField("format-version", m.formatVersion());
    g.writeStringField("location", m.location());
    g.writeNumberField("current-version-id", m.currentVersionId());
    g.writeObjectFieldStart("properties");
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(m.properties()).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("versions");
    for (ViewVersion v : m.versions()) {
      writeVersion(g, v);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("version-log");
    for (ViewMetadata.VersionLogEntry e : m.versionLog()) {
      g.writeStartObject();
      g.writeNumberField("timestamp-ms", e.timestampMs());
      g.writeNumberField("version-id", e.versionId());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("schemas");
    for (Schema s : m.schemas()) {
      TableMetadataJson.writeSchema(g, s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writeVersion(JsonGenerator g, ViewVersion v) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version-id", v.versionId());
    g.writeNumberField("timestamp-ms", v.timestampMs());
    g.writeNumberField("schema-id", v.schemaId());
    TableMetadataJson.writeStringMap(g, "summary", v.summary());
    g.writeArrayFieldStart("representations");
    for (ViewVersion.Representation r : v.representations()) {
      g.writeStartObject();
      g.writeStringField("type", r.type());
      g.writeStringField("sql", r.sql());
      g.writeStringField("dialect", r.dialect());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (v.defaultCatalog().isPresent()) {
      g.writeStringField("default-catalog", v.defaultCatalog().get());
    }
    MetadataUpdateJson.writeStrings(g, "default-namespace", v.defaultNamespace());
    g.writeEndObject();
  }

  static ViewMetadata readObject(JsonIn in) throws IOException {
    in.expectObject();
    String uuid = null;
    Integer formatVersion = null;
    String location = null;
    Integer currentVersionId = null;
    List<ViewVersion> versions = null;
    List<ViewMetadata.VersionLogEntry> log = new ArrayList<>();
    List<Schema> schemas = null;
    Map<String, String> properties = Map.of();
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "view-uuid" -> uuid = in.stringValue();
        case "format-version" -> formatVersion = in.intValue();
        case "location" -> location = in.stringValue();
        case "current-version-id" -> currentVersionId = in.intValue();
        case "properties" -> properties = TableMetadataJson.readStringMap(in);
        case "versions" -> {
          versions = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            versions.add(readVersion(in));
          }
        }
        case "version-log" -> {
          in.expectArray();
          while (in.nextElement()) {
            in.expectObject();
            Long ts = null;
            Integer id = null;
            for (String f = in.nextField(); f != null; f = in.nextField()) {
              switch (f) {
                case "timestamp-ms" -> ts = in.longValue();
                case "version-id" -> id = in.intValue();
                default -> in.skip();
              }
            }
            TableMetadataJson.require(in, ts, "timestamp-ms");
            TableMetadataJson.require(in, id, "version-id");
            log.add(new ViewMetadata.VersionLogEntry(ts, id));
          }
        }
        case "schemas" -> {
          schemas = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            schemas.add(TableMetadataJson.readSchema(in, 0));
          }
        }
        default -> in.skip();
      }
    }
    TableMetadataJson.require(in, uuid, "view-uuid");
    TableMetadataJson.require(in, formatVersion, "format-version");
    TableMetadataJson.require(in, location, "location");
    TableMetadataJson.require(in, currentVersionId, "current-version-id");
    TableMetadataJson.require(in, versions, "versions");
    TableMetadataJson.require(in, schemas, "schemas");
    if (formatVersion != ViewMetadata.FORMAT_VERSION) {
      throw in.fail("unsupported view format-version " + formatVersion + "; this reader reads version "
          + ViewMetadata.FORMAT_VERSION);
    }
    return new ViewMetadata(uuid, formatVersion, location, currentVersionId, versions, log, schemas, properties);
  }

  static ViewVersion readVersion(JsonIn in) throws IOException {
    in.expectObject();
    Integer versionId = null;
    Long timestampMs = null;
    Integer schemaId = null;
    Map<String, String> summary = Map.of();
    List<ViewVersion.Representation> representations = null;
    String defaultCatalog = null;
    List<String> defaultNamespace = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "version-id" -> versionId = in.intValue();
        case "timestamp-ms" -> timestampMs = in.longValue();
        case "schema-id" -> schemaId = in.intValue();
        case "summary" -> summary = TableMetadataJson.readStringMap(in);
        case "representations" -> {
          representations = new ArrayList<>();
          in.expectArray();
          while (in.nextElement()) {
            representations.add(readRepresentation(in));
          }
        }
        case "default-catalog" -> defaultCatalog = in.isNull() ? null : in.stringValue();
        case "default-namespace" -> defaultNamespace = MetadataUpdateJson.readStrings(in);
        default -> in.skip();
      }
    }
    TableMetadataJson.require(in, versionId, "version-id");
    TableMetadataJson.require(in, timestampMs, "timestamp-ms");
    TableMetadataJson.require(in, schemaId, "schema-id");
    TableMetadataJson.require(in, representations, "representations");
    TableMetadataJson.require(in, defaultNamespace, "default-namespace");
    return new ViewVersion(versionId, timestampMs, schemaId, summary, representations,
        Optional.ofNullable(defaultCatalog), defaultNamespace);
  }

  private static ViewVersion.Representation readRepresentation(JsonIn in) throws IOException {
    in.expectObject();
    String type = null;
    String sql = null;
    String dialect = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> type = in.stringValue();
        case "sql" -> sql = in.stringValue();
        case "dialect" -> dialect = in.stringValue();
        default -> in.skip();
      }
    }
    TableMetadataJson.require(in, type, "type");
    if (!type.equals("sql")) {
      throw in.fail("unknown view representation type '" + type + "'; expected sql");
    }
    TableMetadataJson.require(in, sql, "sql");
    TableMetadataJson.require(in, dialect, "dialect");
    return new ViewVersion.Representation(type, sql, dialect);
  }
}
