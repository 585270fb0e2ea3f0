package dev.floe.codec;

import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.InvalidInputException;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.manifest.ManifestEntry;
import dev.floe.partition.PartitionData;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Reads a manifest entry by entry with Jackson's streaming parser. Floe writes the header
 * (format, version, spec id) before the entries, which is what lets entries stream; a file with
 * the header after the entries is still read, by holding its entries until the header is known.
 */
final class ManifestReader implements CloseableIterator<ManifestEntry> {
  private static final int SEEN_STATUS = 1;
  private static final int SEEN_SNAPSHOT = 2;
  private static final int SEEN_SEQUENCE = 4;
  private static final int SEEN_FILE_SEQUENCE = 8;
  private static final int SEEN_DATA_FILE = 16;

  private final JsonIn in;
  private Type.PrimitiveType[] partitionTypes;
  private IntFunction<Type.PrimitiveType> typeByFieldId;
  /** The decoding of the schema a manifest names in its header, when the caller supplies one. */
  private final java.util.Optional<IntFunction<ManifestJson.Decoding>> bySchemaId;
  private boolean hasFormat;
  private boolean hasVersion;
  private boolean hasSpecId;
  private int specId;
  private Iterator<ManifestEntry> buffered;
  private ManifestEntry next;
  private boolean done;
  private boolean closed;

  /** What added entries without their own snapshot id and sequence numbers take from the manifest list. */
  record Inherited(long snapshotId, long sequenceNumber) {}

  private final java.util.Optional<Inherited> inherited;

  private ManifestReader(JsonIn in, Type.PrimitiveType[] partitionTypes,
      IntFunction<Type.PrimitiveType> typeByFieldId, java.util.Optional<Inherited> inherited,
      java.util.Optional<IntFunction<ManifestJson.Decoding>> bySchemaId) {
    this.in = in;
    this.bySchemaId = bySchemaId;
    this.inherited = inherited;
    this.typeByFieldId = typeByFieldId;
    this.partitionTypes = partitionTypes;
  }

  static ManifestReader open(String location, InputStream raw, Types.StructType partitionType,
      IntFunction<Type.PrimitiveType> typeByFieldId, java.util.Optional<Inherited> inherited) {
    return open(location, raw, partitionType, typeByFieldId, inherited, java.util.Optional.empty());
  }

  static ManifestReader open(String location, InputStream raw, Types.StructType partitionType,
      IntFunction<Type.PrimitiveType> typeByFieldId, java.util.Optional<Inherited> inherited,
      java.util.Optional<IntFunction<ManifestJson.Decoding>> bySchemaId) {
    Type.PrimitiveType[] partitionTypes;
    try {
      partitionTypes = primitives(partitionType);
    } catch (InvalidInputException e) {
      close(null, raw);
      throw e;
    }
    JsonIn in = null;
    try {
      InputStream plain = Compression.wrapInput(location, raw);
      in = new JsonIn(location, Json.parser(plain));
      ManifestReader reader = new ManifestReader(in, partitionTypes, typeByFieldId, inherited, bySchemaId);
      reader.readHeader();
      return reader;
    } catch (IOException e) {
      close(in, raw);
      throw JsonIn.translate(location, in, e);
    } catch (InvalidInputException e) {
      close(in, raw);
      throw in == null ? e : in.invalid(e);
    } catch (RuntimeException e) {
      close(in, raw);
      throw e;
    }
  }

  private static Type.PrimitiveType[] primitives(Types.StructType partitionType) {
    Type.PrimitiveType[] out = new Type.PrimitiveType[partitionType.fields().size()];
    for (int i = 0; i < out.length; i++) {
      Type t = partitionType.fields().get(i).type();
      if (!t.isPrimitive()) {
        throw new InvalidInputException("partition-type", "partition field "
            + partitionType.fields().get(i).name() + " must be of a primitive type, got " + t);
      }
      out[i] = t.asPrimitive();
    }
    return out;
  }

  private static void close(JsonIn in, InputStream raw) {
    if (in != null) {
      in.close();
    } else {
      try {
        raw.close();
      } catch (IOException ignored) {
        // reporting the failure that got us here matters more
      }
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (buffered != null) {
      if (buffered.hasNext()) {
        next = buffered.next();
        return true;
      }
      return false;
    }
    if (done || closed) {
      return false;
    }
    try {
      if (in.nextElement()) {
        next = readEntry(specId);
        return true;
      }
      readTrailer();
      done = true;
      close();
      return false;
    } catch (IOException e) {
      close();
      throw in.translate(e);
    } catch (InvalidInputException e) {
      close();
      throw in.invalid(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public ManifestEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ManifestEntry e = next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      in.close();
    }
  }

  // ---------------------------------------------------------------- header

  private void readHeader() throws IOException {
    in.beginRoot("Floe manifest JSON object");
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      if (field.equals("entries")) {
        in.expectArray();
        if (!(hasFormat && hasVersion && hasSpecId)) {
          bufferAll();
        }
        return;
      }
      headerField(field);
    }
    checkHeader();
    throw in.missing("entries");
  }

  /** Reads the fields after the entries array, then the end of the file. */
  private void readTrailer() throws IOException {
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      if (field.equals("entries")) {
        throw in.fail("the manifest has two entries arrays");
      }
      headerField(field);
    }
    in.endRoot();
    checkHeader();
  }

  private void headerField(String field) throws IOException {
    switch (field) {
      case "format" -> {
        String format = in.stringValue();
        if (!format.equals(ManifestWriter.FORMAT)) {
          throw in.fail("not a Floe manifest: format is '" + format + "', expected '"
              + ManifestWriter.FORMAT + "'");
        }
        hasFormat = true;
      }
      case "format-version" -> {
        int version = in.intValue();
        if (version != ManifestWriter.FORMAT_VERSION) {
          throw in.fail("unsupported manifest format-version " + version
              + "; this reader reads version " + ManifestWriter.FORMAT_VERSION);
        }
        hasVersion = true;
      }
      case "partition-spec-id" -> {
        specId = in.intValue();
        hasSpecId = true;
      }
      case "schema-id" -> {
        int schemaId = in.intValue();
        // Values are encoded in the types of the schema the writer used (a column promoted from
        // float to double since then still has float bounds here), so they decode with it.
        if (bySchemaId.isPresent()) {
          ManifestJson.Decoding d = bySchemaId.get().apply(schemaId);
          if (d != null) {
            partitionTypes = primitives(d.partitionType());
            typeByFieldId = d.typeByFieldId();
          }
        }
      }
      case "content" -> {
        String content = in.stringValue();
        if (!content.equals("data")) {
          throw in.fail("unsupported manifest content '" + content + "'; Floe v1 manifests list data files");
        }
      }
      default -> in.skip();
    }
  }

  private void checkHeader() {
    if (!hasFormat) {
      throw in.missing("format");
    }
    if (!hasVersion) {
      throw in.missing("format-version");
    }
    if (!hasSpecId) {
      throw in.missing("partition-spec-id");
    }
  }

  /** The header is not complete before the entries: hold them until it is. */
  private void bufferAll() throws IOException {
    List<ManifestEntry> entries = new ArrayList<>();
    while (in.nextElement()) {
      entries.add(readEntry(0));
    }
    readTrailer();
    List<ManifestEntry> withSpec = new ArrayList<>(entries.size());
    for (ManifestEntry e : entries) {
      DataFile f = e.file();
      withSpec.add(new ManifestEntry(e.status(), e.snapshotId(), e.sequenceNumber(),
          e.fileSequenceNumber(), new DataFile(f.path(), f.format(), specId, f.partition(),
          f.recordCount(), f.fileSizeBytes(), f.columnStats(), f.splitOffsets(), f.sortOrderId())));
    }
    done = true;
    close();
    buffered = withSpec.iterator();
  }

  // ---------------------------------------------------------------- entries

  private ManifestEntry readEntry(int spec) throws IOException {
    in.expectObject();
    int seen = 0;
    ManifestEntry.Status status = null;
    long snapshotId = 0;
    long sequenceNumber = 0;
    long fileSequenceNumber = 0;
    DataFile file = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "status" -> {
          status = status(in.stringValue());
          seen |= SEEN_STATUS;
        }
        case "snapshot-id" -> {
          snapshotId = in.longValue();
          seen |= SEEN_SNAPSHOT;
        }
        case "sequence-number" -> {
          sequenceNumber = in.longValue();
          seen |= SEEN_SEQUENCE;
        }
        case "file-sequence-number" -> {
          fileSequenceNumber = in.longValue();
          seen |= SEEN_FILE_SEQUENCE;
        }
        case "data-file" -> {
          file = readDataFile(spec);
          seen |= SEEN_DATA_FILE;
        }
        default -> in.skip();
      }
    }
    if (status == ManifestEntry.Status.ADDED && inherited.isPresent()) {
      // Spec section 9: added entries may leave these to the manifest list that names the manifest.
      if ((seen & SEEN_SNAPSHOT) == 0) {
        snapshotId = inherited.get().snapshotId();
        seen |= SEEN_SNAPSHOT;
      }
      if ((seen & SEEN_SEQUENCE) == 0) {
        sequenceNumber = inherited.get().sequenceNumber();
        seen |= SEEN_SEQUENCE;
      }
      if ((seen & SEEN_FILE_SEQUENCE) == 0) {
        fileSequenceNumber = inherited.get().sequenceNumber();
        seen |= SEEN_FILE_SEQUENCE;
      }
    }
    if (seen != (SEEN_STATUS | SEEN_SNAPSHOT | SEEN_SEQUENCE | SEEN_FILE_SEQUENCE | SEEN_DATA_FILE)) {
      throw in.missing((seen & SEEN_STATUS) == 0 ? "status"
          : (seen & SEEN_SNAPSHOT) == 0 ? "snapshot-id"
          : (seen & SEEN_SEQUENCE) == 0 ? "sequence-number"
          : (seen & SEEN_FILE_SEQUENCE) == 0 ? "file-sequence-number" : "data-file");
    }
    return new ManifestEntry(status, snapshotId, sequenceNumber, fileSequenceNumber, file);
  }

  private ManifestEntry.Status status(String text) {
    return switch (text) {
      case "added" -> ManifestEntry.Status.ADDED;
      case "existing" -> ManifestEntry.Status.EXISTING;
      case "deleted" -> ManifestEntry.Status.DELETED;
      default -> throw in.fail("unknown status '" + text + "'; expected added, existing or deleted");
    };
  }

  private static final int SEEN_PATH = 1;
  private static final int SEEN_FORMAT = 2;
  private static final int SEEN_PARTITION = 4;
  private static final int SEEN_RECORDS = 8;
  private static final int SEEN_SIZE = 16;

  private DataFile readDataFile(int spec) throws IOException {
    in.expectObject();
    int seen = 0;
    String path = null;
    FileFormat format = null;
    PartitionData partition = null;
    long recordCount = 0;
    long fileSize = 0;
    Map<Integer, ColumnStats> stats = Map.of();
    List<Long> splitOffsets = List.of();
    OptionalInt sortOrderId = OptionalInt.empty();
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "content" -> {
          String content = in.stringValue();
          if (!content.equals("data")) {
            throw in.fail("unsupported content '" + content + "'; Floe v1 manifests list data files");
          }
        }
        case "file-path" -> {
          path = in.stringValue();
          seen |= SEEN_PATH;
        }
        case "file-format" -> {
          String f = in.stringValue();
          format = f.equals("parquet") ? FileFormat.PARQUET : FileFormat.fromId(f);
          seen |= SEEN_FORMAT;
        }
        case "partition" -> {
          partition = readPartition();
          seen |= SEEN_PARTITION;
        }
        case "record-count" -> {
          recordCount = in.countValue();
          seen |= SEEN_RECORDS;
        }
        case "file-size-in-bytes" -> {
          fileSize = in.countValue();
          seen |= SEEN_SIZE;
        }
        case "column-stats" -> stats = StatsJson.read(in, typeByFieldId);
        case "split-offsets" -> splitOffsets = readLongs();
        case "sort-order-id" -> sortOrderId = in.isNull() ? OptionalInt.empty() : OptionalInt.of(in.intValue());
        default -> in.skip();
      }
    }
    if (seen != (SEEN_PATH | SEEN_FORMAT | SEEN_PARTITION | SEEN_RECORDS | SEEN_SIZE)) {
      throw in.missing((seen & SEEN_PATH) == 0 ? "file-path"
          : (seen & SEEN_FORMAT) == 0 ? "file-format"
          : (seen & SEEN_PARTITION) == 0 ? "partition"
          : (seen & SEEN_RECORDS) == 0 ? "record-count" : "file-size-in-bytes");
    }
    return new DataFile(path, format, spec, partition, recordCount, fileSize, stats, splitOffsets,
        sortOrderId);
  }

  private PartitionData readPartition() throws IOException {
    in.expectArray();
    int n = partitionTypes.length;
    if (n == 0) {
      if (in.nextElement()) {
        throw in.fail("partition values given, but the partition spec has no fields");
      }
      return PartitionData.empty();
    }
    Object[] values = new Object[n];
    int i = 0;
    while (in.nextElement()) {
      if (i == n) {
        throw in.fail("more partition values than the " + n + " fields of the partition spec");
      }
      values[i] = SingleValueJson.read(in, partitionTypes[i]);
      i++;
    }
    if (i != n) {
      throw in.fail(i + " partition values, but the partition spec has " + n + " fields");
    }
    return PartitionData.of(values);
  }

  private List<Long> readLongs() throws IOException {
    in.expectArray();
    if (in.next() == JsonToken.END_ARRAY) {
      return List.of();
    }
    List<Long> values = new ArrayList<>(4);
    do {
      values.add(in.longValue());
    } while (in.nextElement());
    return values;
  }
}
