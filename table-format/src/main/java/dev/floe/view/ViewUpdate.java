package dev.floe.view;

import dev.floe.types.Schema;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One change to a view's metadata, as the Iceberg REST protocol names them ({@link #action()}). */
public sealed interface ViewUpdate {
  String action();

  void applyTo(ViewMetadataBuilder builder);

  record AssignUuid(String uuid) implements ViewUpdate {
    public AssignUuid {
      Objects.requireNonNull(uuid, "uuid");
    }
    public String action() { return "assign-uuid"; }
    public void applyTo(ViewMetadataBuilder b) { b.assignUuid(uuid); }
  }

  record UpgradeFormatVersion(int formatVersion) implements ViewUpdate {
    public String action() { return "upgrade-format-version"; }
    public void applyTo(ViewMetadataBuilder b) { b.upgradeFormatVersion(formatVersion); }
  }

  record AddSchema(Schema schema) implements ViewUpdate {
    public AddSchema {
      Objects.requireNonNull(schema, "schema");
    }
    public String action() { return "add-schema"; }
    public void applyTo(ViewMetadataBuilder b) { b.addSchema(schema); }
  }

  record SetLocation(String location) implements ViewUpdate {
    public SetLocation {
      Objects.requireNonNull(location, "location");
    }
    public String action() { return "set-location"; }
    public void applyTo(ViewMetadataBuilder b) { b.setLocation(location); }
  }

  record SetProperties(Map<String, String> updates) implements ViewUpdate {
    public SetProperties {
      updates = Map.copyOf(updates);
    }
    public String action() { return "set-properties"; }
    public void applyTo(ViewMetadataBuilder b) { b.setProperties(updates); }
  }

  record RemoveProperties(Set<String> removals) implements ViewUpdate {
    public RemoveProperties {
      removals = Set.copyOf(removals);
    }
    public String action() { return "remove-properties"; }
    public void applyTo(ViewMetadataBuilder b) { b.removeProperties(removals); }
  }

  record AddViewVersion(ViewVersion version) implements ViewUpdate {
    public AddViewVersion {
      Objects.requireNonNull(version, "version");
    }
    public String action() { return "add-view-version"; }
    public void applyTo(ViewMetadataBuilder b) { b.addVersion(version); }
  }

  /** {@code -1} is the version added last in the same commit. */
  record SetCurrentViewVersion(int versionId) implements ViewUpdate {
    public String action() { return "set-current-view-version"; }
    public void applyTo(ViewMetadataBuilder b) { b.setCurrentVersion(versionId); }
  }
}
