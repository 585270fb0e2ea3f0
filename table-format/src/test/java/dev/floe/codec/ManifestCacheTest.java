package dev.floe.codec;

import static dev.floe.codec.CodecFixtures.SCHEMA;
import static dev.floe.codec.CodecFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.CorruptFileException;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestEntry.Status;
import dev.floe.manifest.ManifestFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManifestCacheTest {

  private static List<ManifestEntry> entries(int n) {
    List<ManifestEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(entry(Status.ADDED, i));
    }
    return out;
  }

  @Test
  void loadsEachManifestOnce() {
    ManifestCache cache = new ManifestCache(1000);
    AtomicInteger loads = new AtomicInteger();
    List<ManifestEntry> first = cache.entries("mem://m1.json", SCHEMA, () -> {
      loads.incrementAndGet();
      return entries(3);
    });
    List<ManifestEntry> second = cache.entries("mem://m1.json", SCHEMA, () -> {
      loads.incrementAndGet();
      return entries(3);
    });
    assertThat(loads).hasValue(1);
    assertThat(second).isSameAs(first).isEqualTo(entries(3));
    assertThatThrownBy(() -> first.add(entry(Status.ADDED, 9))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theSchemaIsPartOfTheKey() {
    ManifestCache cache = new ManifestCache(1000);
    AtomicInteger loads = new AtomicInteger();
    cache.entries("mem://m1.json", SCHEMA, () -> List.of(entry(Status.ADDED, loads.incrementAndGet())));
    cache.entries("mem://m1.json", SCHEMA.withSchemaId(99), () -> List.of(entry(Status.ADDED, loads.incrementAndGet())));
    assertThat(loads).hasValue(2);
  }

  @Test
  void manifestListsAndManifestsAreKeptApart() {
    ManifestCache cache = new ManifestCache(1000);
    List<ManifestFile> none = cache.manifests("mem://same.json", SCHEMA, List::of);
    List<ManifestEntry> some = cache.entries("mem://same.json", SCHEMA, () -> entries(1));
    assertThat(none).isEmpty();
    assertThat(some).hasSize(1);
  }

  @Test
  void boundedByTheNumberOfEntriesHeld() {
    ManifestCache cache = new ManifestCache(100);
    for (int i = 0; i < 20; i++) {
      cache.entries("mem://m" + i + ".json", SCHEMA, () -> Collections.nCopies(30, entry(Status.ADDED, 0)));
    }
    assertThat(cache.weightedSize()).isLessThanOrEqualTo(100);
    cache.invalidateAll();
    assertThat(cache.weightedSize()).isZero();
  }

  @Test
  void failedLoadsAreNotCached() {
    ManifestCache cache = new ManifestCache(1000);
    assertThatThrownBy(() -> cache.entries("mem://bad.json", SCHEMA, () -> {
      throw new CorruptFileException("mem://bad.json: truncated");
    })).isInstanceOf(CorruptFileException.class).hasMessage("mem://bad.json: truncated");
    assertThat(cache.entries("mem://bad.json", SCHEMA, () -> entries(2))).hasSize(2);
  }

  @Test
  void sharedIsOneInstance() {
    assertThat(ManifestCache.shared()).isSameAs(ManifestCache.shared());
  }
}
