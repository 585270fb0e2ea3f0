package dev.floe.codec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Parsed manifests and manifest lists, kept by path: they never change once written, so a path
 * names one content forever. Bounded by the total number of entries held (a manifest of 10,000
 * files weighs 10,000), not by the number of files.
 *
 * <p>Keys include the schema the caller decodes with, because bounds decode by type: after a
 * column is promoted from int to long, the same manifest read under the newer schema holds
 * Longs where it held Integers, and a planner must never be handed the other one.
 */
public final class ManifestCache {
  /** Entries the shared cache holds at most; about 1 KB each with statistics. */
  public static final long DEFAULT_MAX_ENTRIES = 250_000;

  private static final ManifestCache SHARED = new ManifestCache(DEFAULT_MAX_ENTRIES);

  private record Key(Kind kind, String path, Schema schema) {}

  private enum Kind { MANIFEST, MANIFEST_LIST }

  private final Cache<Key, List<?>> cache;

  public ManifestCache(long maxEntries) {
    if (maxEntries < 0) {
      throw new dev.floe.error.InvalidInputException("max-entries", "must not be negative: " + maxEntries);
    }
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxEntries)
        // an empty manifest still costs its key and list: weigh at least 1
        .weigher((Key k, List<?> v) -> Math.max(1, v.size()))
        .build();
  }

  /** The process-wide cache. */
  public static ManifestCache shared() {
    return SHARED;
  }

  /**
   * The entries of the manifest at {@code path} as decoded with {@code schema}, loading them
   * with {@code loader} on a miss. Concurrent callers for the same key wait for one load; a
   * loader's exception reaches the caller and nothing is cached.
   */
  @SuppressWarnings("unchecked")
  public List<ManifestEntry> entries(String path, Schema schema, Supplier<List<ManifestEntry>> loader) {
    Objects.requireNonNull(loader, "loader");
    return (List<ManifestEntry>) cache.get(new Key(Kind.MANIFEST, path, schema),
        k -> List.copyOf(loader.get()));
  }

  /** The manifests of the manifest list at {@code path}, as {@link #entries} does for manifests. */
  @SuppressWarnings("unchecked")
  public List<ManifestFile> manifests(String path, Schema schema, Supplier<List<ManifestFile>> loader) {
    Objects.requireNonNull(loader, "loader");
    return (List<ManifestFile>) cache.get(new Key(Kind.MANIFEST_LIST, path, schema),
        k -> List.copyOf(loader.get()));
  }

  /** Forgets everything (tests, or a process that knows memory is short). */
  public void invalidateAll() {
    cache.invalidateAll();
    cache.cleanUp();
  }

  /** The total weight held: roughly the number of entries and manifests cached. */
  public long weightedSize() {
    cache.cleanUp();
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }
}
