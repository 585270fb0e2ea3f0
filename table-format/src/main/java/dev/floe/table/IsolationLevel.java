package dev.floe.table;

import dev.floe.error.InvalidInputException;
import dev.floe.metadata.TableMetadata;
import java.util.Locale;

/**
 * How a row-level operation treats rows that other writers committed while it was being
 * prepared (spec section 14). Under {@link #SERIALIZABLE} a concurrently added file that may hold
 * rows matching the operation's filter fails the commit: the result must equal running the
 * operations one after the other. Under {@link #SNAPSHOT} such rows are kept as they are. Under
 * both, a file the operation removes must still be in the table.
 */
public enum IsolationLevel {
  SERIALIZABLE, SNAPSHOT;

  /** Table property (Iceberg's name) for deletes and overwrites by filter. */
  public static final String DELETE_PROPERTY = "write.delete.isolation-level";
  /** Table property (Iceberg's name) for updates by filter. */
  public static final String UPDATE_PROPERTY = "write.update.isolation-level";

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level a table property names; serializable when unset. */
  public static IsolationLevel fromProperty(TableMetadata metadata, String property) {
    String v = metadata.property(property, "serializable").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "serializable" -> SERIALIZABLE;
      case "snapshot" -> SNAPSHOT;
      default -> throw new InvalidInputException(property, "must be 'serializable' or 'snapshot', got '" + v + "'");
    };
  }
}
