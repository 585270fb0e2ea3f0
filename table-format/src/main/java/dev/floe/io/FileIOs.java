package dev.floe.io;

import dev.floe.error.InvalidInputException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the FileIO for a location by its URI scheme, among the storage modules on the classpath. */
public final class FileIOs {
  private FileIOs() {}

  public static String scheme(String location) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    if (colon > 1 && (slash < 0 || colon < slash)) {
      return location.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    }
    return "file";
  }

  public static FileIO forLocation(String location, Map<String, String> properties) {
    String scheme = scheme(location);
    TreeSet<String> known = new TreeSet<>();
    for (FileIOProvider provider : ServiceLoader.load(FileIOProvider.class)) {
      if (provider.schemes().contains(scheme)) {
        return provider.create(properties);
      }
      known.addAll(provider.schemes());
    }
    throw new InvalidInputException("location", "no storage module for scheme '" + scheme
        + "' in " + location + " (available: " + (known.isEmpty() ? "none" : known) + ")");
  }
}
