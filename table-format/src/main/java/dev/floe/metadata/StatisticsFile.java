package dev.floe.metadata;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Puffin statistics file of one snapshot (table-level column statistics such as NDV
 * sketches), as Iceberg's {@code statistics} metadata field lists them. Floe keeps and serves
 * them faithfully; it does not write them itself.
 */
public record StatisticsFile(long snapshotId, String path, long fileSizeInBytes, long fileFooterSizeInBytes,
    List<BlobMetadata> blobMetadata) {

  public StatisticsFile {
    Objects.requireNonNull(path, "path");
    blobMetadata = List.copyOf(blobMetadata);
  }

  /** One blob of a statistics file: its type, the snapshot it was computed on and its columns. */
  public record BlobMetadata(String type, long sourceSnapshotId, long sourceSnapshotSequenceNumber,
      List<Integer> fields, Map<String, String> properties) {
    public BlobMetadata {
      Objects.requireNonNull(type, "type");
      fields = List.copyOf(fields);
      properties = Map.copyOf(properties);
    }
  }
}
