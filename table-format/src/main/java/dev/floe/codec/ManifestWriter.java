package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.io.OutputFile;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Streams a manifest out entry by entry, so writers of huge manifests never hold all entries,
 * and works out its manifest-list entry on the way: counts, the smallest data sequence number,
 * partition field summaries (over all entries) and column statistics (over live entries).
 * Compression follows the output's suffix ({@link Compression}).
 *
 * <pre>{@code
 * try (ManifestWriter w = ManifestWriter.create(out, spec, partitionType, schema, snapshotId, seq)) {
 *   for (ManifestEntry e : entries) {
 *     w.add(e);
 *   }
 *   manifestFile = w.finish();
 * }
 * }</pre>
 *
 * Closing without {@link #finish()} abandons the file: it is left incomplete, readers reject it,
 * and the caller should delete it.
 */
public final class ManifestWriter implements AutoCloseable {
  static final String FORMAT = "floe-manifest";
  static final int FORMAT_VERSION = 1;

  private final String path;
  private final PartitionSpec spec;
  private final IntFunction<Type.PrimitiveType> typeByFieldId;
  private final long addedSnapshotId;
  private final long sequenceNumber;
  private final Type.PrimitiveType[] partitionTypes;
  private final PartitionSummary[] summaries;
  private final Map<Integer, ColumnAggregate> columns = new HashMap<>();
  private final CountingOutputStream counter;
  private final JsonGenerator gen;
  private int added;
  private int existing;
  private int deleted;
  private long addedRows;
  private long existingRows;
  private long deletedRows;
  private int liveFiles;
  private long minSequenceNumber = Long.MAX_VALUE;
  private ManifestFile result;
  private boolean closed;
  private boolean failed;

  private ManifestWriter(OutputFile out, PartitionSpec spec, Types.StructType partitionType,
      Schema schema, long addedSnapshotId, long sequenceNumber) {
    if (partitionType.fields().size() != spec.fields().size()) {
      throw new InvalidInputException("partition-type", "has " + partitionType.fields().size()
          + " fields but partition spec " + spec.specId() + " has " + spec.fields().size());
    }
    this.path = out.location();
    this.spec = spec;
    this.typeByFieldId = ManifestJson.typesOf(schema);
    this.addedSnapshotId = addedSnapshotId;
    this.sequenceNumber = sequenceNumber;
    int n = partitionType.fields().size();
    this.partitionTypes = new Type.PrimitiveType[n];
    this.summaries = new PartitionSummary[n];
    for (int i = 0; i < n; i++) {
      Type t = partitionType.fields().get(i).type();
      if (!t.isPrimitive()) {
        throw new InvalidInputException("partition-type", "partition field "
            + partitionType.fields().get(i).name() + " must be of a primitive type, got " + t);
      }
      partitionTypes[i] = t.asPrimitive();
      summaries[i] = new PartitionSummary(partitionTypes[i]);
    }
    OutputStream compressed = null;
    try {
      this.counter = new CountingOutputStream(out.create());
      compressed = Compression.wrapOutput(path, counter);
      this.gen = Json.generator(compressed);
      gen.writeStartObject();
      gen.writeStringField("format", FORMAT);
      gen.writeNumberField("format-version", FORMAT_VERSION);
      gen.writeNumberField("partition-spec-id", spec.specId());
      gen.writeNumberField("schema-id", schema.schemaId());
      gen.writeStringField("content", "data");
      gen.writeArrayFieldStart("entries");
    } catch (IOException e) {
      throw new StorageException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the manifest for writing.
   *
   * @param partitionType the spec's partition struct ({@link PartitionSpec#partitionType})
   * @param schema the schema whose types encode the bounds; columns it lacks keep their bounds
   */
  public static ManifestWriter create(OutputFile out, PartitionSpec spec,
      Types.StructType partitionType, Schema schema, long addedSnapshotId, long sequenceNumber) {
    return new ManifestWriter(out, spec, partitionType, schema, addedSnapshotId, sequenceNumber);
  }

  public String location() {
    return path;
  }

  /**
   * Appends one entry.
   *
   * @throws InvalidInputException if the file belongs to another partition spec or a value is
   *     not in internal representation
   */
  public void add(ManifestEntry entry) {
    if (result != null || closed) {
      throw new IllegalStateException("manifest " + path + " is already finished");
    }
    checkNotFailed();
    DataFile file = entry.file();
    if (file.specId() != spec.specId()) {
      throw new InvalidInputException("partition-spec-id", file.path() + " belongs to partition spec "
          + file.specId() + ", this manifest to spec " + spec.specId());
    }
    if (file.partition().size() != partitionTypes.length) {
      throw new InvalidInputException("partition", file.path() + " has " + file.partition().size()
          + " partition values, spec " + spec.specId() + " has " + partitionTypes.length + " fields");
    }
    try {
      writeEntry(entry);
    } catch (IOException e) {
      failed = true;
      throw new StorageException("cannot write " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // part of the entry may be out: nothing after it could make a valid manifest
      failed = true;
      throw e;
    }
    count(entry);
  }

  /** Completes the file and returns its manifest-list entry. */
  public ManifestFile finish() {
    if (result != null) {
      return result;
    }
    if (closed) {
      throw new IllegalStateException("manifest " + path + " was closed before it was finished");
    }
    checkNotFailed();
    try {
      gen.writeEndArray();
      gen.writeEndObject();
      gen.close();
    } catch (IOException e) {
      closed = true;
      throw new StorageException("cannot write " + path + ": " + e.getMessage(), e);
    }
    closed = true;
    List<FieldSummary> partitions = new ArrayList<>(summaries.length);
    for (PartitionSummary s : summaries) {
      partitions.add(s.toSummary());
    }
    Map<Integer, ColumnStats> stats = new HashMap<>();
    for (ColumnAggregate a : columns.values()) {
      ColumnStats s = a.toStats(liveFiles);
      if (s != null) {
        stats.put(a.fieldId, s);
      }
    }
    result = new ManifestFile(path, counter.count, spec.specId(), addedSnapshotId, sequenceNumber,
        liveFiles == 0 ? sequenceNumber : minSequenceNumber, added, existing, deleted,
        addedRows, existingRows, deletedRows, partitions, stats);
    return result;
  }

  private void checkNotFailed() {
    if (failed) {
      throw new InvalidInputException("manifest", path + ": an earlier entry could not be written,"
          + " so this manifest cannot be completed; close it and write a new one");
    }
  }

  /** Releases the output; without {@link #finish()} first, the file is left incomplete. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // closes the stream without ending the JSON: an abandoned manifest must not look complete
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      gen.close();
    } catch (IOException e) {
      throw new StorageException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }

  private void writeEntry(ManifestEntry entry) throws IOException {
    DataFile file = entry.file();
    JsonGenerator g = gen;
    g.writeStartObject();
    g.writeStringField("status", entry.status().id());
    g.writeNumberField("snapshot-id", entry.snapshotId());
    g.writeNumberField("sequence-number", entry.sequenceNumber());
    g.writeNumberField("file-sequence-number", entry.fileSequenceNumber());
    g.writeObjectFieldStart("data-file");
    g.writeStringField("content", "data");
    g.writeStringField("file-path", file.path());
    g.writeStringField("file-format", file.format().id());
    g.writeArrayFieldStart("partition");
    PartitionData partition = file.partition();
    for (int i = 0; i < partitionTypes.length; i++) {
      try {
        SingleValueJson.write(g, partitionTypes[i], partition.get(i));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("partition", file.path() + ": value of partition field '"
            + spec.fields().get(i).name() + "': " + e.reason(), e);
      }
    }
    g.writeEndArray();
    g.writeNumberField("record-count", file.recordCount());
    g.writeNumberField("file-size-in-bytes", file.fileSizeBytes());
    g.writeFieldName("column-stats");
    StatsJson.write(g, file.columnStats(), this::typeOf, true);
    g.writeArrayFieldStart("split-offsets");
    for (long offset : file.splitOffsets()) {
      g.writeNumber(offset);
    }
    g.writeEndArray();
    if (file.sortOrderId().isPresent()) {
      g.writeNumberField("sort-order-id", file.sortOrderId().getAsInt());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private Type.PrimitiveType typeOf(int fieldId) {
    return typeByFieldId.apply(fieldId);
  }

  private void count(ManifestEntry entry) {
    DataFile file = entry.file();
    switch (entry.status()) {
      case ADDED -> {
        added++;
        addedRows += file.recordCount();
      }
      case EXISTING -> {
        existing++;
        existingRows += file.recordCount();
      }
      case DELETED -> {
        deleted++;
        deletedRows += file.recordCount();
      }
    }
    // deleted entries count too: summaries must cover every file a reader may meet here
    for (int i = 0; i < summaries.length; i++) {
      summaries[i].update(file.partition().get(i));
    }
    if (!entry.isLive()) {
      return;
    }
    liveFiles++;
    minSequenceNumber = Math.min(minSequenceNumber, entry.sequenceNumber());
    for (ColumnStats s : file.columnStats().values()) {
      ColumnAggregate a = columns.get(s.fieldId());
      if (a == null) {
        a = new ColumnAggregate(s.fieldId(), typeOf(s.fieldId()));
        columns.put(s.fieldId(), a);
      }
      a.update(s);
    }
  }

  /** Null, NaN, lower and upper of one partition field. */
  private static final class PartitionSummary {
    private final Type.PrimitiveType type;
    private final Comparator<Object> order;
    private boolean containsNull;
    private boolean containsNan;
    private Object lower;
    private Object upper;

    PartitionSummary(Type.PrimitiveType type) {
      this.type = type;
      this.order = Comparators.forType(type);
    }

    void update(Object value) {
      if (value == null) {
        containsNull = true;
        return;
      }
      if ((value instanceof Float f && f.isNaN()) || (value instanceof Double d && d.isNaN())) {
        containsNan = true;
        return;
      }
      Object v = SingleValueJson.normalize(type, value);
      if (lower == null || order.compare(v, lower) < 0) {
        lower = v;
      }
      if (upper == null || order.compare(v, upper) > 0) {
        upper = v;
      }
    }

    FieldSummary toSummary() {
      return new FieldSummary(containsNull, Optional.of(containsNan),
          Optional.ofNullable(SingleValueJson.isNonFinite(lower) ? null : lower),
          Optional.ofNullable(SingleValueJson.isNonFinite(upper) ? null : upper));
    }
  }

  /**
   * One column's statistics summed over live files. A statistic survives only if every live
   * file has it, since a missing one means "unknown" for that file.
   */
  private static final class ColumnAggregate {
    final int fieldId;
    private final Type.PrimitiveType type;
    private final Comparator<Object> order;
    private int valueCountFiles;
    private long valueCount;
    private int nullCountFiles;
    private long nullCount;
    private int nanCountFiles;
    private long nanCount;
    private int lowerFiles;
    private Object lower;
    private int upperFiles;
    private Object upper;

    ColumnAggregate(int fieldId, Type.PrimitiveType type) {
      this.fieldId = fieldId;
      this.type = type;
      this.order = type == null ? null : Comparators.forType(type);
    }

    void update(ColumnStats s) {
      if (s.valueCount().isPresent()) {
        valueCountFiles++;
        valueCount += s.valueCount().getAsLong();
      }
      if (s.nullCount().isPresent()) {
        nullCountFiles++;
        nullCount += s.nullCount().getAsLong();
      }
      if (s.nanCount().isPresent()) {
        nanCountFiles++;
        nanCount += s.nanCount().getAsLong();
      }
      // bounds of a column the schema no longer knows cannot be ordered: left out
      if (order == null) {
        return;
      }
      if (s.lowerBound().isPresent() && !SingleValueJson.isNonFinite(s.lowerBound().get())) {
        Object v = SingleValueJson.normalize(type, s.lowerBound().get());
        lowerFiles++;
        if (lower == null || order.compare(v, lower) < 0) {
          lower = v;
        }
      }
      if (s.upperBound().isPresent() && !SingleValueJson.isNonFinite(s.upperBound().get())) {
        Object v = SingleValueJson.normalize(type, s.upperBound().get());
        upperFiles++;
        if (upper == null || order.compare(v, upper) > 0) {
          upper = v;
        }
      }
    }

    /** The aggregate, or null when no statistic is known for every live file. */
    ColumnStats toStats(int liveFiles) {
      OptionalLong values = valueCountFiles == liveFiles ? OptionalLong.of(valueCount) : OptionalLong.empty();
      OptionalLong nulls = nullCountFiles == liveFiles ? OptionalLong.of(nullCount) : OptionalLong.empty();
      OptionalLong nans = nanCountFiles == liveFiles && (type == null || StatsJson.isFloatingPoint(type))
          ? OptionalLong.of(nanCount) : OptionalLong.empty();
      Optional<Object> lo = lowerFiles == liveFiles ? Optional.ofNullable(lower) : Optional.empty();
      Optional<Object> hi = upperFiles == liveFiles ? Optional.ofNullable(upper) : Optional.empty();
      if (values.isEmpty() && nulls.isEmpty() && nans.isEmpty() && lo.isEmpty() && hi.isEmpty()) {
        return null;
      }
      return new ColumnStats(fieldId, OptionalLong.empty(), values, nulls, nans, lo, hi);
    }
  }

  /** Counts the bytes that reach storage: the manifest's length after compression. */
  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
