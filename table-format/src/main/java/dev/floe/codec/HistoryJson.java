package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.metadata.HistoryEntry;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The codec of history files ({@code metadata/history-<uuid>.json}); snapshots as in table metadata. */
public final class HistoryJson {
  private HistoryJson() {}

  static final String FORMAT = "floe-history";

  public static byte[] toJson(HistoryFile history) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("format-version", 1);
      if (history.previous().isPresent()) {
        g.writeStringField("previous", history.previous().get());
      }
      g.writeObjectFieldStart("writer-sequences");
      for (Map.Entry<String, Long> e : new TreeMap<>(history.writerSequences()).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("snapshots");
      for (Snapshot s : history.snapshots()) {
        TableMetadataJson.writeSnapshot(g, s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("snapshot-log");
      for (HistoryEntry h : history.snapshotLog()) {
        TableMetadataJson.writeHistoryEntry(g, h);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  /** @throws dev.floe.error.CorruptFileException if the file is not a readable history file */
  public static HistoryFile fromJson(String location, byte[] json) {
    return JsonIn.parse(location, json, HistoryJson::read);
  }

  private static HistoryFile read(JsonIn in) throws IOException {
    in.beginRoot("history JSON object");
    String format = null;
    Integer version = null;
    String previous = null;
    Map<String, Long> writers = new TreeMap<>();
    List<Snapshot> snapshots = new ArrayList<>();
    List<HistoryEntry> log = new ArrayList<>();
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "format" -> format = in.stringValue();
        case "format-version" -> version = in.intValue();
        case "previous" -> previous = in.isNull() ? null : in.stringValue();
        case "writer-sequences" -> {
          in.expectObject();
          for (String writer = in.nextField(); writer != null; writer = in.nextField()) {
            writers.put(writer, in.longValue());
          }
        }
        case "snapshots" -> {
          in.expectArray();
          while (in.nextElement()) {
            snapshots.add(TableMetadataJson.readSnapshot(in));
          }
        }
        case "snapshot-log" -> {
          in.expectArray();
          while (in.nextElement()) {
            log.add(TableMetadataJson.readHistoryEntry(in));
          }
        }
        default -> in.skip();
      }
    }
    in.endRoot();
    TableMetadataJson.require(in, format, "format");
    if (!FORMAT.equals(format)) {
      throw in.fail("not a Floe history file (format '" + format + "')");
    }
    TableMetadataJson.require(in, version, "format-version");
    if (version != 1) {
      throw in.fail("unsupported history format-version " + version);
    }
    return new HistoryFile(Optional.ofNullable(previous), snapshots, log, writers);
  }
}
