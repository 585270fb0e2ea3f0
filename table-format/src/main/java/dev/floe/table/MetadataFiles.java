package dev.floe.table;

import dev.floe.codec.ManifestCache;
import dev.floe.codec.ManifestJson;
import dev.floe.codec.ManifestListJson;
import dev.floe.error.StorageException;
import dev.floe.io.FileIO;
import dev.floe.io.SeekableInputStream;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Reads a table's manifest lists and manifests. Values in them (bounds, partition values) are
 * written in the types of the schema current when the file was written — the one a manifest
 * names in its header, the snapshot's for a manifest list — so they are decoded with that schema
 * and then widened to the current schema's types: after a column was promoted from float to
 * double, a float bound written before decodes as the float it was and compares exactly.
 */
final class MetadataFiles {
  private final FileIO io;
  private final TableMetadata metadata;
  private final Schema current;
  private final Map<Integer, IntFunction<Type.PrimitiveType>> typesBySchema = new HashMap<>();
  private final Map<Long, Types.StructType> partitionTypes = new HashMap<>();
  private final Map<Long, Widening> widenings = new HashMap<>();

  MetadataFiles(FileIO io, TableMetadata metadata) {
    this.io = io;
    this.metadata = metadata;
    this.current = metadata.schema();
  }

  /** The partition struct of a spec as the current schema types it (for writing manifests). */
  Types.StructType partitionType(int specId) {
    return partitionType(specId, current);
  }

  /**
   * The partition struct of a spec under a schema. A source column the schema lacks (dropped
   * since) takes its type from the newest schema that has it.
   */
  private Types.StructType partitionType(int specId, Schema schema) {
    return partitionTypes.computeIfAbsent(key(specId, schema.schemaId()), k -> {
      PartitionSpec spec = metadata.spec(specId);
      List<NestedField> out = new ArrayList<>();
      for (PartitionField f : spec.fields()) {
        Type source = sourceType(schema, f.sourceId());
        out.add(NestedField.optional(f.fieldId(), f.name(), f.transform().resultType(source)));
      }
      return new Types.StructType(out);
    });
  }

  private Type sourceType(Schema preferred, int fieldId) {
    Optional<NestedField> f = preferred.findField(fieldId);
    for (int i = metadata.schemas().size() - 1; f.isEmpty() && i >= 0; i--) {
      f = metadata.schemas().get(i).findField(fieldId);
    }
    return f.map(NestedField::type).orElse(Types.STRING);
  }

  private IntFunction<Type.PrimitiveType> types(Schema schema) {
    return typesBySchema.computeIfAbsent(schema.schemaId(), id -> ManifestJson.typesOf(schema));
  }

  private Schema schemaOrCurrent(int schemaId) {
    for (Schema s : metadata.schemas()) {
      if (s.schemaId() == schemaId) {
        return s;
      }
    }
    return current;
  }

  private static long key(int specId, int schemaId) {
    return ((long) specId << 32) | (schemaId & 0xffffffffL);
  }

  List<ManifestFile> manifests(Snapshot snapshot) {
    String path = snapshot.manifestList();
    Schema written = snapshot.schemaId().isPresent() ? schemaOrCurrent(snapshot.schemaId().getAsInt()) : current;
    return ManifestCache.shared().manifests(path, current, () -> {
      List<ManifestFile> read;
      try (SeekableInputStream in = io.newInputFile(path).newStream()) {
        read = ManifestListJson.read(path, in, specId -> partitionType(specId, written), types(written));
      } catch (IOException e) {
        throw new StorageException("cannot read manifest list " + path + ": " + e.getMessage(), e);
      }
      List<ManifestFile> out = new ArrayList<>(read.size());
      for (ManifestFile m : read) {
        out.add(widening(m.specId(), written).apply(m));
      }
      return out;
    });
  }

  /**
   * A snapshot's manifests read from storage, bypassing the cache: for maintenance, which reads
   * each list once and must not fill memory with them.
   */
  List<ManifestFile> readManifests(Snapshot snapshot) {
    String path = snapshot.manifestList();
    Schema written = snapshot.schemaId().isPresent() ? schemaOrCurrent(snapshot.schemaId().getAsInt()) : current;
    try (SeekableInputStream in = io.newInputFile(path).newStream()) {
      return ManifestListJson.read(path, in, specId -> partitionType(specId, written), types(written));
    } catch (IOException e) {
      throw new StorageException("cannot read manifest list " + path + ": " + e.getMessage(), e);
    }
  }

  List<ManifestEntry> entries(ManifestFile manifest) {
    return ManifestCache.shared().entries(manifest.path(), current, () -> {
      List<ManifestEntry> out = new ArrayList<>();
      try (CloseableIterator<ManifestEntry> it = stream(manifest)) {
        it.forEachRemaining(out::add);
      }
      return out;
    });
  }

  /**
   * The entries of a manifest read one by one, bypassing the cache: for maintenance that passes
   * over many manifests once and must hold only one entry at a time.
   */
  CloseableIterator<ManifestEntry> stream(ManifestFile manifest) {
    String path = manifest.path();
    int[] schemaOf = {current.schemaId()};
    SeekableInputStream in = io.newInputFile(path).newStream();
    CloseableIterator<ManifestEntry> it;
    try {
      it = ManifestJson.read(manifest, in,
          new ManifestJson.Decoding(partitionType(manifest.specId(), current), types(current)),
          schemaId -> {
            Schema s = schemaOrCurrent(schemaId);
            schemaOf[0] = s.schemaId();
            return new ManifestJson.Decoding(partitionType(manifest.specId(), s), types(s));
          });
    } catch (RuntimeException e) {
      try {
        in.close();
      } catch (IOException ignored) {
        // the read failure matters more
      }
      throw e;
    }
    return new CloseableIterator<>() {
      public boolean hasNext() {
        return it.hasNext();
      }

      public ManifestEntry next() {
        ManifestEntry e = it.next();
        return widening(manifest.specId(), schemaOrCurrent(schemaOf[0])).apply(e);
      }

      public void close() {
        it.close();
      }
    };
  }

  private Widening widening(int specId, Schema written) {
    return widenings.computeIfAbsent(key(specId, written.schemaId()), k -> Widening.of(
        partitionType(specId, written), partitionType(specId, current), written, current));
  }

  /** Widens values decoded with an older schema to the current one's types; identity when none differ. */
  private record Widening(Type.PrimitiveType[] partitionTargets, Map<Integer, Type.PrimitiveType> columnTargets) {
    static Widening of(Types.StructType writtenPartition, Types.StructType currentPartition, Schema written,
        Schema now) {
      Type.PrimitiveType[] partition = null;
      for (int i = 0; i < currentPartition.fields().size(); i++) {
        Type to = currentPartition.fields().get(i).type();
        if (!to.equals(writtenPartition.fields().get(i).type()) && to.isPrimitive()) {
          if (partition == null) {
            partition = new Type.PrimitiveType[currentPartition.fields().size()];
          }
          partition[i] = to.asPrimitive();
        }
      }
      Map<Integer, Type.PrimitiveType> columns = new HashMap<>();
      if (written.schemaId() != now.schemaId()) {
        for (int id = 0; id <= now.highestFieldId(); id++) {
          int fieldId = id;
          now.findField(id).filter(f -> f.type().isPrimitive()).ifPresent(f -> written.findField(fieldId)
              .filter(w -> !w.type().equals(f.type())).ifPresent(w -> columns.put(fieldId, f.type().asPrimitive())));
        }
      }
      return new Widening(partition, columns);
    }

    boolean identity() {
      return partitionTargets == null && columnTargets.isEmpty();
    }

    ManifestEntry apply(ManifestEntry e) {
      if (identity()) {
        return e;
      }
      DataFile f = e.file();
      DataFile widened = new DataFile(f.path(), f.format(), f.specId(), partition(f.partition()), f.recordCount(),
          f.fileSizeBytes(), stats(f.columnStats()), f.splitOffsets(), f.sortOrderId());
      return new ManifestEntry(e.status(), e.snapshotId(), e.sequenceNumber(), e.fileSequenceNumber(), widened);
    }

    ManifestFile apply(ManifestFile m) {
      if (identity()) {
        return m;
      }
      List<FieldSummary> summaries = m.partitions();
      if (partitionTargets != null) {
        summaries = new ArrayList<>();
        for (int i = 0; i < m.partitions().size(); i++) {
          FieldSummary s = m.partitions().get(i);
          Type.PrimitiveType to = i < partitionTargets.length ? partitionTargets[i] : null;
          summaries.add(to == null ? s : new FieldSummary(s.containsNull(), s.containsNan(),
              s.lowerBound().map(v -> Values.widen(to, v)), s.upperBound().map(v -> Values.widen(to, v))));
        }
      }
      return new ManifestFile(m.path(), m.length(), m.specId(), m.addedSnapshotId(), m.sequenceNumber(),
          m.minSequenceNumber(), m.addedFilesCount(), m.existingFilesCount(), m.deletedFilesCount(),
          m.addedRowsCount(), m.existingRowsCount(), m.deletedRowsCount(), summaries, stats(m.columnStats()));
    }

    private PartitionData partition(PartitionData p) {
      if (partitionTargets == null) {
        return p;
      }
      Object[] values = new Object[p.size()];
      for (int i = 0; i < values.length; i++) {
        Type.PrimitiveType to = i < partitionTargets.length ? partitionTargets[i] : null;
        values[i] = to == null ? p.get(i) : Values.widen(to, p.get(i));
      }
      return PartitionData.of(values);
    }

    private Map<Integer, ColumnStats> stats(Map<Integer, ColumnStats> stats) {
      if (columnTargets.isEmpty()) {
        return stats;
      }
      Map<Integer, ColumnStats> out = new HashMap<>(stats);
      for (Map.Entry<Integer, Type.PrimitiveType> t : columnTargets.entrySet()) {
        ColumnStats s = stats.get(t.getKey());
        if (s != null) {
          Type.PrimitiveType to = t.getValue();
          out.put(t.getKey(), new ColumnStats(s.fieldId(), s.columnSizeBytes(), s.valueCount(), s.nullCount(),
              s.nanCount(), s.lowerBound().map(v -> Values.widen(to, v)), s.upperBound().map(v -> Values.widen(to, v))));
        }
      }
      return out;
    }
  }
}
