package dev.floe.table;

import dev.floe.codec.ManifestCache;
import dev.floe.codec.ManifestJson;
import dev.floe.codec.ManifestListJson;
import dev.floe.error.StorageException;
import dev.floe.io.FileIO;
import dev.floe.io.SeekableInputStream;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.util.CloseableIterator;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Reads a table's manifest lists and manifests, decoding values with the table's types. */
final class MetadataFiles {
  private final FileIO io;
  private final TableMetadata metadata;
  private final Map<Integer, Type.PrimitiveType> typesById = new HashMap<>();
  private final Map<Integer, Types.StructType> partitionTypes = new HashMap<>();

  MetadataFiles(FileIO io, TableMetadata metadata) {
    this.io = io;
    this.metadata = metadata;
    for (Schema s : metadata.schemas()) {
      for (int id = 0; id <= s.highestFieldId(); id++) {
        int fieldId = id;
        s.findField(id).filter(f -> f.type().isPrimitive())
            .ifPresent(f -> typesById.putIfAbsent(fieldId, f.type().asPrimitive()));
      }
    }
  }

  IntFunction<Type.PrimitiveType> typeByFieldId() {
    return typesById::get;
  }

  Types.StructType partitionType(int specId) {
    return partitionTypes.computeIfAbsent(specId, id -> metadata.spec(id).partitionType(metadata.schema()));
  }

  List<ManifestFile> manifests(Snapshot snapshot) {
    String path = snapshot.manifestList();
    return ManifestCache.shared().manifests(path, metadata.schema(), () -> {
      try (SeekableInputStream in = io.newInputFile(path).newStream()) {
        return ManifestListJson.read(path, in, this::partitionType, typeByFieldId());
      } catch (IOException e) {
        throw new StorageException("cannot read manifest list " + path + ": " + e.getMessage(), e);
      }
    });
  }

  List<ManifestEntry> entries(ManifestFile manifest) {
    String path = manifest.path();
    return ManifestCache.shared().entries(path, metadata.schema(), () -> {
      try (SeekableInputStream in = io.newInputFile(path).newStream();
           CloseableIterator<ManifestEntry> it =
               ManifestJson.read(manifest, in, partitionType(manifest.specId()), typeByFieldId())) {
        java.util.ArrayList<ManifestEntry> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
      } catch (IOException e) {
        throw new StorageException("cannot read manifest " + path + ": " + e.getMessage(), e);
      }
    });
  }
}
