package dev.floe.partition;

import java.util.Objects;

/** One field of a partition spec: a transform of a source column, with its own field id (1000+). */
public record PartitionField(int sourceId, int fieldId, String name, Transform transform) {
  public PartitionField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transform, "transform");
  }

  @Override
  public String toString() {
    return fieldId + ": " + name + " = " + transform + "(" + sourceId + ")";
  }
}
