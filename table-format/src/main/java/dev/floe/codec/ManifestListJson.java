package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.io.OutputFile;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.ManifestFile;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Manifest lists ({@code metadata/snap-<snapshot-id>-<uuid>.json[.gz]}): a snapshot's manifests
 * with the counts and summaries that let planning skip a manifest unread.
 */
public final class ManifestListJson {
  private ManifestListJson() {}

  static final String FORMAT = "floe-manifest-list";
  static final int FORMAT_VERSION = 1;

  private static final String[] REQUIRED = {"manifest-path", "manifest-length", "partition-spec-id",
      "sequence-number", "min-sequence-number", "added-snapshot-id", "added-files-count",
      "existing-files-count", "deleted-files-count", "added-rows-count", "existing-rows-count",
      "deleted-rows-count"};
  private static final int ALL_REQUIRED = (1 << REQUIRED.length) - 1;

  /** The manifest list as uncompressed UTF-8 JSON. */
  public static byte[] write(long snapshotId, Optional<Long> parentId, long sequenceNumber,
      List<ManifestFile> manifests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 512 * manifests.size());
    try (JsonGenerator g = Json.generator(out)) {
      write(g, snapshotId, parentId, sequenceNumber, manifests);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  /** Writes the manifest list to a file, gzip-compressed if its name ends in {@code .gz}. */
  public static void write(OutputFile file, long snapshotId, Optional<Long> parentId,
      long sequenceNumber, List<ManifestFile> manifests) {
    OutputStream out = Compression.wrapOutput(file.location(), file.create());
    try (JsonGenerator g = Json.generator(out)) {
      write(g, snapshotId, parentId, sequenceNumber, manifests);
    } catch (IOException e) {
      throw new StorageException("cannot write " + file.location() + ": " + e.getMessage(), e);
    }
  }

  private static void write(JsonGenerator g, long snapshotId, Optional<Long> parentId,
      long sequenceNumber, List<ManifestFile> manifests) throws IOException {
    g.writeStartObject();
    g.writeStringField("format", FORMAT);
    g.writeNumberField("format-version", FORMAT_VERSION);
    g.writeNumberField("snapshot-id", snapshotId);
    if (parentId.isPresent()) {
      g.writeNumberField("parent-snapshot-id", parentId.get());
    }
    g.writeNumberField("sequence-number", sequenceNumber);
    g.writeArrayFieldStart("manifests");
    for (ManifestFile m : manifests) {
      writeManifest(g, m);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeManifest(JsonGenerator g, ManifestFile m) throws IOException {
    g.writeStartObject();
    g.writeStringField("manifest-path", m.path());
    g.writeNumberField("manifest-length", m.length());
    g.writeNumberField("partition-spec-id", m.specId());
    g.writeStringField("content", "data");
    g.writeNumberField("sequence-number", m.sequenceNumber());
    g.writeNumberField("min-sequence-number", m.minSequenceNumber());
    g.writeNumberField("added-snapshot-id", m.addedSnapshotId());
    g.writeNumberField("added-files-count", m.addedFilesCount());
    g.writeNumberField("existing-files-count", m.existingFilesCount());
    g.writeNumberField("deleted-files-count", m.deletedFilesCount());
    g.writeNumberField("added-rows-count", m.addedRowsCount());
    g.writeNumberField("existing-rows-count", m.existingRowsCount());
    g.writeNumberField("deleted-rows-count", m.deletedRowsCount());
    g.writeArrayFieldStart("partitions");
    for (FieldSummary s : m.partitions()) {
      g.writeStartObject();
      g.writeBooleanField("contains-null", s.containsNull());
      if (s.containsNan().isPresent()) {
        g.writeBooleanField("contains-nan", s.containsNan().get());
      }
      // the values came through a typed manifest writer or reader, so their classes say their form
      writeBound(g, "lower-bound", s.lowerBound());
      writeBound(g, "upper-bound", s.upperBound());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("column-stats");
    StatsJson.write(g, m.columnStats(), id -> null, false);
    g.writeEndObject();
  }

  private static void writeBound(JsonGenerator g, String name, Optional<Object> bound) throws IOException {
    if (bound.isPresent() && !SingleValueJson.isNonFinite(bound.get())) {
      g.writeFieldName(name);
      SingleValueJson.writeUntyped(g, bound.get());
    }
  }

  /**
   * Reads a manifest list and closes {@code in}.
   *
   * @param location the file's location: names it in errors and picks the decompression
   * @param in the file's stored bytes (still compressed if the name says so)
   * @param partitionTypeBySpecId the partition struct of a spec id, which types the partition
   *     bounds; null for an unknown spec keeps contains-null/nan and drops the bounds
   * @param typeByFieldId the type of a column by field id; null drops that column's bounds
   * @throws dev.floe.error.CorruptFileException if the file is not a readable Floe manifest list
   */
  public static List<ManifestFile> read(String location, InputStream in,
      IntFunction<Types.StructType> partitionTypeBySpecId,
      IntFunction<Type.PrimitiveType> typeByFieldId) {
    JsonIn json = null;
    try {
      InputStream plain = Compression.wrapInput(location, in);
      JsonParser p = Json.parser(plain);
      json = new JsonIn(location, p);
      return new Reader(json, partitionTypeBySpecId, typeByFieldId).read();
    } catch (IOException e) {
      throw JsonIn.translate(location, json, e);
    } catch (InvalidInputException e) {
      throw json == null ? e : json.invalid(e);
    } finally {
      if (json != null) {
        json.close();
      } else {
        closeQuietly(in);
      }
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the failure being reported matters more
    }
  }

  private static final class Reader {
    private final JsonIn in;
    private final IntFunction<Types.StructType> partitionTypeBySpecId;
    private final IntFunction<Type.PrimitiveType> typeByFieldId;
    private final Map<Integer, Optional<Type.PrimitiveType[]>> partitionTypes = new HashMap<>();

    Reader(JsonIn in, IntFunction<Types.StructType> partitionTypeBySpecId,
        IntFunction<Type.PrimitiveType> typeByFieldId) {
      this.in = in;
      this.partitionTypeBySpecId = partitionTypeBySpecId;
      this.typeByFieldId = typeByFieldId;
    }

    List<ManifestFile> read() throws IOException {
      in.beginRoot("Floe manifest list JSON object");
      boolean hasFormat = false;
      boolean hasVersion = false;
      boolean hasSnapshotId = false;
      boolean hasSequenceNumber = false;
      List<ManifestFile> manifests = null;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "format" -> {
            String format = in.stringValue();
            if (!format.equals(FORMAT)) {
              throw in.fail("not a Floe manifest list: format is '" + format + "', expected '" + FORMAT + "'");
            }
            hasFormat = true;
          }
          case "format-version" -> {
            int version = in.intValue();
            if (version != FORMAT_VERSION) {
              throw in.fail("unsupported manifest list format-version " + version
                  + "; this reader reads version " + FORMAT_VERSION);
            }
            hasVersion = true;
          }
          case "snapshot-id" -> {
            in.longValue();
            hasSnapshotId = true;
          }
          case "parent-snapshot-id" -> {
            if (!in.isNull()) {
              in.longValue();
            }
          }
          case "sequence-number" -> {
            in.longValue();
            hasSequenceNumber = true;
          }
          case "manifests" -> {
            in.expectArray();
            manifests = new ArrayList<>();
            while (in.nextElement()) {
              manifests.add(readManifest());
            }
          }
          default -> in.skip();
        }
      }
      in.endRoot();
      if (!hasFormat) {
        throw in.missing("format");
      }
      if (!hasVersion) {
        throw in.missing("format-version");
      }
      if (!hasSnapshotId) {
        throw in.missing("snapshot-id");
      }
      if (!hasSequenceNumber) {
        throw in.missing("sequence-number");
      }
      if (manifests == null) {
        throw in.missing("manifests");
      }
      return List.copyOf(manifests);
    }

    private ManifestFile readManifest() throws IOException {
      in.expectObject();
      int seen = 0;
      String path = null;
      long length = 0;
      int specId = 0;
      long sequenceNumber = 0;
      long minSequenceNumber = 0;
      long addedSnapshotId = 0;
      int addedFiles = 0;
      int existingFiles = 0;
      int deletedFiles = 0;
      long addedRows = 0;
      long existingRows = 0;
      long deletedRows = 0;
      List<Summary> summaries = List.of();
      Map<Integer, ColumnStats> stats = Map.of();
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "manifest-path" -> {
            path = in.stringValue();
            seen |= 1;
          }
          case "manifest-length" -> {
            length = in.countValue();
            seen |= 1 << 1;
          }
          case "partition-spec-id" -> {
            specId = in.intValue();
            seen |= 1 << 2;
          }
          case "sequence-number" -> {
            sequenceNumber = in.longValue();
            seen |= 1 << 3;
          }
          case "min-sequence-number" -> {
            minSequenceNumber = in.longValue();
            seen |= 1 << 4;
          }
          case "added-snapshot-id" -> {
            addedSnapshotId = in.longValue();
            seen |= 1 << 5;
          }
          case "added-files-count" -> {
            addedFiles = in.intCountValue();
            seen |= 1 << 6;
          }
          case "existing-files-count" -> {
            existingFiles = in.intCountValue();
            seen |= 1 << 7;
          }
          case "deleted-files-count" -> {
            deletedFiles = in.intCountValue();
            seen |= 1 << 8;
          }
          case "added-rows-count" -> {
            addedRows = in.countValue();
            seen |= 1 << 9;
          }
          case "existing-rows-count" -> {
            existingRows = in.countValue();
            seen |= 1 << 10;
          }
          case "deleted-rows-count" -> {
            deletedRows = in.countValue();
            seen |= 1 << 11;
          }
          case "content" -> {
            String content = in.stringValue();
            if (!content.equals("data")) {
              throw in.fail("unsupported manifest content '" + content + "'; Floe v1 manifests list data files");
            }
          }
          case "partitions" -> summaries = readSummaries((seen & (1 << 2)) != 0
              ? partitionTypes(specId) : null);
          case "column-stats" -> stats = StatsJson.read(in, typeByFieldId);
          default -> in.skip();
        }
      }
      if (seen != ALL_REQUIRED) {
        throw in.missing(REQUIRED[Integer.numberOfTrailingZeros(~seen)]);
      }
      List<FieldSummary> partitions = resolve(summaries, partitionTypes(specId), specId);
      return new ManifestFile(path, length, specId, addedSnapshotId, sequenceNumber,
          minSequenceNumber, addedFiles, existingFiles, deletedFiles, addedRows, existingRows,
          deletedRows, partitions, stats);
    }

    /** The primitive types of a spec's partition fields; empty if the spec is unknown. */
    private Optional<Type.PrimitiveType[]> partitionTypes(int specId) {
      return partitionTypes.computeIfAbsent(specId, id -> {
        Types.StructType struct = partitionTypeBySpecId.apply(id);
        if (struct == null) {
          return Optional.empty();
        }
        Type.PrimitiveType[] types = new Type.PrimitiveType[struct.fields().size()];
        for (int i = 0; i < types.length; i++) {
          Type t = struct.fields().get(i).type();
          types[i] = t.isPrimitive() ? t.asPrimitive() : null;
        }
        return Optional.of(types);
      });
    }

    /**
     * Reads the summaries; with {@code types} null (the spec id comes later in the object) the
     * bounds are kept as text until the types are known.
     */
    private List<Summary> readSummaries(Optional<Type.PrimitiveType[]> types) throws IOException {
      in.expectArray();
      List<Summary> summaries = new ArrayList<>();
      while (in.nextElement()) {
        in.expectObject();
        int position = summaries.size();
        Type.PrimitiveType type = types == null || types.isEmpty() || position >= types.get().length
            ? null : types.get()[position];
        boolean decode = types != null;
        Boolean containsNull = null;
        Optional<Boolean> containsNan = Optional.empty();
        Object lower = null;
        Object upper = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
          switch (field) {
            case "contains-null" -> containsNull = in.booleanValue();
            case "contains-nan" -> containsNan = in.isNull() ? Optional.empty() : Optional.of(in.booleanValue());
            case "lower-bound" -> lower = bound(type, decode);
            case "upper-bound" -> upper = bound(type, decode);
            default -> in.skip();
          }
        }
        if (containsNull == null) {
          throw in.missing("contains-null");
        }
        summaries.add(new Summary(containsNull, containsNan, lower, upper));
      }
      return summaries;
    }

    private Object bound(Type.PrimitiveType type, boolean decode) throws IOException {
      if (!decode) {
        return in.isNull() ? null : SingleValueJson.capture(in);
      }
      if (type == null) {
        if (in.token().isStructStart()) {
          throw in.wrongType("a single value");
        }
        return null;
      }
      return SingleValueJson.read(in, type);
    }

    private List<FieldSummary> resolve(List<Summary> summaries, Optional<Type.PrimitiveType[]> types,
        int specId) throws IOException {
      if (types.isPresent() && summaries.size() != types.get().length && !summaries.isEmpty()) {
        throw in.fail(summaries.size() + " partition summaries, but partition spec " + specId
            + " has " + types.get().length + " fields");
      }
      List<FieldSummary> out = new ArrayList<>(summaries.size());
      for (int i = 0; i < summaries.size(); i++) {
        Summary s = summaries.get(i);
        Type.PrimitiveType type = types.isPresent() ? types.get()[i] : null;
        out.add(new FieldSummary(s.containsNull(), s.containsNan(),
            Optional.ofNullable(value(s.lower(), type)), Optional.ofNullable(value(s.upper(), type))));
      }
      return out;
    }

    private Object value(Object bound, Type.PrimitiveType type) throws IOException {
      if (bound instanceof SingleValueJson.Raw raw) {
        return type == null ? null : SingleValueJson.decode(in.location(), raw, type);
      }
      return bound;
    }
  }

  /** A partition summary as read; bounds may still be undecoded text. */
  private record Summary(boolean containsNull, Optional<Boolean> containsNan, Object lower, Object upper) {}
}
