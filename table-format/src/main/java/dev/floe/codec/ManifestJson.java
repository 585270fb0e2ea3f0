package dev.floe.codec;

import dev.floe.io.OutputFile;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.util.CloseableIterator;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Manifests ({@code metadata/<uuid>-m<k>.json[.gz]}): the data files of one partition spec with
 * their status, sequence numbers, partition values and column statistics. Written and read as
 * streams, entry by entry; gzip by the {@code .gz} suffix.
 */
public final class ManifestJson {
  private ManifestJson() {}

  /**
   * Writes a whole manifest and returns its manifest-list entry. For manifests too big to hold,
   * use {@link ManifestWriter} directly.
   */
  public static ManifestFile write(OutputFile out, PartitionSpec spec, Types.StructType partitionType,
      Schema schema, long addedSnapshotId, long sequenceNumber, List<ManifestEntry> entries) {
    try (ManifestWriter writer = ManifestWriter.create(out, spec, partitionType, schema,
        addedSnapshotId, sequenceNumber)) {
      for (ManifestEntry entry : entries) {
        writer.add(entry);
      }
      return writer.finish();
    }
  }

  /**
   * Streams a manifest's entries. The header is read here, so a file of the wrong kind fails at
   * once; a corrupt entry fails when the iteration reaches it. The iterator owns {@code in} and
   * closes it when exhausted, on failure, or on {@code close()}.
   *
   * @param location the file's location: names it in errors and picks the decompression
   * @param in the file's stored bytes (still compressed if the name says so)
   * @param partitionType the partition struct of the manifest's spec, which types partition values
   * @param typeByFieldId the type of a column by field id, which decodes bounds; null for an
   *     unknown id keeps that column's counts and drops its bounds
   * @throws dev.floe.error.CorruptFileException if the file is not a readable Floe manifest
   */
  public static CloseableIterator<ManifestEntry> read(String location, InputStream in,
      Types.StructType partitionType, IntFunction<Type.PrimitiveType> typeByFieldId) {
    return ManifestReader.open(location, in, partitionType, typeByFieldId, java.util.Optional.empty());
  }

  /**
   * Reads the entries of a manifest named by this manifest-list entry: added entries that omit
   * their snapshot id or sequence numbers inherit them from it (spec section 9).
   */
  public static CloseableIterator<ManifestEntry> read(dev.floe.manifest.ManifestFile manifest, InputStream in,
      Types.StructType partitionType, IntFunction<Type.PrimitiveType> typeByFieldId) {
    return ManifestReader.open(manifest.path(), in, partitionType, typeByFieldId, java.util.Optional.of(
        new ManifestReader.Inherited(manifest.addedSnapshotId(), manifest.sequenceNumber())));
  }

  /**
   * How the values of a manifest written under one schema decode: its spec's partition struct
   * and the column types, both as that schema had them.
   */
  public record Decoding(Types.StructType partitionType, IntFunction<Type.PrimitiveType> typeByFieldId) {}

  /**
   * Like {@link #read(ManifestFile, InputStream, Types.StructType, IntFunction)}, but decodes with
   * the schema the manifest names in its header ({@code schema-id}): {@code bySchemaId} gives its
   * decoding, or null for an unknown schema, which keeps the given one.
   */
  public static CloseableIterator<ManifestEntry> read(dev.floe.manifest.ManifestFile manifest, InputStream in,
      Decoding fallback, IntFunction<Decoding> bySchemaId) {
    return ManifestReader.open(manifest.path(), in, fallback.partitionType(), fallback.typeByFieldId(),
        java.util.Optional.of(new ManifestReader.Inherited(manifest.addedSnapshotId(), manifest.sequenceNumber())),
        java.util.Optional.of(bySchemaId));
  }

  /** All entries of a manifest, as an immutable list (what {@link ManifestCache} holds). */
  public static List<ManifestEntry> readAll(String location, InputStream in,
      Types.StructType partitionType, IntFunction<Type.PrimitiveType> typeByFieldId) {
    List<ManifestEntry> entries = new ArrayList<>();
    try (CloseableIterator<ManifestEntry> it = read(location, in, partitionType, typeByFieldId)) {
      while (it.hasNext()) {
        entries.add(it.next());
      }
    }
    return List.copyOf(entries);
  }

  /**
   * The column types of a schema by field id, as the readers want them: null for an id the
   * schema lacks or for a nested type. Built once, so each lookup is an array access.
   */
  public static IntFunction<Type.PrimitiveType> typesOf(Schema schema) {
    int max = schema.highestFieldId();
    if (max > 1_000_000) {
      return id -> schema.findField(id).map(f -> f.type().isPrimitive() ? f.type().asPrimitive() : null)
          .orElse(null);
    }
    Type.PrimitiveType[] byId = new Type.PrimitiveType[max + 1];
    collect(schema.asStruct(), byId);
    return id -> id >= 0 && id < byId.length ? byId[id] : null;
  }

  private static void collect(Type.NestedType type, Type.PrimitiveType[] byId) {
    for (Types.NestedField f : type.fields()) {
      if (f.type() instanceof Type.PrimitiveType p) {
        byId[f.id()] = p;
      } else {
        collect((Type.NestedType) f.type(), byId);
      }
    }
  }
}
