package dev.floe.catalog;

import dev.floe.error.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table's name in a catalog: namespace levels and a table name. Every part is a plain
 * identifier (letters, digits, '_' and '-', not starting with '-' or '.'), so that no name can
 * point outside the warehouse.
 */
public record TableIdentifier(List<String> namespace, String name) {
  public static final String DEFAULT_NAMESPACE = "default";
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,127}");

  public TableIdentifier {
    namespace = List.copyOf(namespace);
    if (namespace.isEmpty()) {
      throw new InvalidInputException("table", "a namespace is required");
    }
    for (String part : namespace) {
      check(part, "namespace");
    }
    check(name, "table");
  }

  private static void check(String part, String what) {
    if (part == null || !PART.matcher(part).matches()) {
      throw new InvalidInputException(what, "'" + part + "' is not a valid name: use letters,"
          + " digits, '_' and '-' (not first), at most 128 characters");
    }
  }

  /** Parses {@code db.table} or {@code a.b.table}; a bare {@code table} is in namespace "default". */
  public static TableIdentifier parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("table", "a table name is required");
    }
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length == 1) {
      return new TableIdentifier(List.of(DEFAULT_NAMESPACE), parts[0]);
    }
    return new TableIdentifier(List.of(parts).subList(0, parts.length - 1), parts[parts.length - 1]);
  }

  @Override
  public String toString() {
    return String.join(".", namespace) + "." + name;
  }
}
