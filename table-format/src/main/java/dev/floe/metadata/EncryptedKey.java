package dev.floe.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An encryption key of an Iceberg v3 table, wrapped by another key ({@code encryptedById}); the
 * metadata is opaque bytes, kept base64-encoded exactly as received.
 */
public record EncryptedKey(String keyId, String encryptedKeyMetadata, Optional<String> encryptedById,
    Map<String, String> properties) {
  public EncryptedKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(encryptedKeyMetadata, "encryptedKeyMetadata");
    Objects.requireNonNull(encryptedById, "encryptedById");
    properties = Map.copyOf(properties);
  }
}
