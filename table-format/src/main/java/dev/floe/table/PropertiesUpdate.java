package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.metadata.HistoryFile;
import dev.floe.metadata.TableMetadata;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class PropertiesUpdate implements UpdateProperties {
  private final ChangeSink sink;
  private final Map<String, String> updates = new LinkedHashMap<>();
  private final Set<String> removals = new HashSet<>();

  PropertiesUpdate(ChangeSink sink) {
    this.sink = sink;
  }

  @Override
  public UpdateProperties set(String key, String value) {
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("property", "key must not be blank");
    }
    if (value == null) {
      throw new InvalidInputException(key, "value must not be null; use remove()");
    }
    requireUserProperty(key);
    removals.remove(key);
    updates.put(key, value);
    return this;
  }

  @Override
  public UpdateProperties remove(String key) {
    requireUserProperty(key);
    updates.remove(key);
    removals.add(key);
    return this;
  }

  /** Properties Floe maintains itself: changing them by hand would cut readers off from data. */
  private static void requireUserProperty(String key) {
    if (key.equals(TableMetadata.FLOE_FORMAT_VERSION) || key.equals(HistoryFile.LOCATION_PROPERTY)) {
      throw new InvalidInputException(key, "is managed by Floe and cannot be set or removed");
    }
  }

  @Override
  public CommitResult commit() {
    return sink.submit((base, ctx) -> base.toBuilder().lastUpdatedMs(ctx.nowMs())
        .removeProperties(removals).setProperties(updates).build(), Optional.empty(), () -> {});
  }
}
