package dev.floe.server.service;

import dev.floe.error.InvalidInputException;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The warehouse: the one place under which the server writes and deletes files (plus any extra
 * roots an operator explicitly allows for client-chosen locations), and the FileIO it uses. Locations are compared in a normalized form ({@code file:/x}, {@code /x} and
 * {@code file:///x} are the same directory), so a location given as text cannot slip outside
 * through "..", a different spelling or a prefix that only looks like the warehouse.
 */
public final class Warehouse implements AutoCloseable {
  private final String root;
  private final List<String> normalizedRoots;
  private final FileIO io;

  public Warehouse(String root, List<String> extraAllowedRoots, Map<String, String> properties) {
    String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.root = r;
    List<String> roots = new java.util.ArrayList<>();
    roots.add(normalize(r));
    extraAllowedRoots.forEach(x -> roots.add(normalize(x)));
    this.normalizedRoots = List.copyOf(roots);
    this.io = FileIOs.forLocation(r, properties);
  }

  public String root() {
    return root;
  }

  public FileIO io() {
    return io;
  }

  /** The default directory of a new table or view: under its namespace, unique per creation. */
  public String defaultLocation(List<String> namespace, String name, String uuid) {
    return root + "/" + String.join("/", namespace) + "/" + name + "-" + uuid.replace("-", "");
  }

  /** Whether a location is inside the warehouse (or an allowed root), where the server may write. */
  public boolean contains(String location) {
    String n;
    try {
      n = normalize(location);
    } catch (InvalidInputException e) {
      return false;
    }
    for (String r : normalizedRoots) {
      if (n.equals(r) || n.startsWith(r + "/")) {
        return true;
      }
    }
    return false;
  }

  /** @throws InvalidInputException naming the field if the location is outside the warehouse */
  public String requireInside(String location, String field) {
    if (!contains(location)) {
      throw new InvalidInputException(field, "location is outside the catalog's warehouse; the server writes"
          + " only inside it (give a location under the warehouse, or none for the default)");
    }
    return location;
  }

  /** Scheme-aware normal form: local paths as absolute paths without "." or ".." segments. */
  static String normalize(String location) {
    if (location == null || location.isBlank()) {
      throw new InvalidInputException("location", "must not be blank");
    }
    for (int i = 0; i < location.length(); i++) {
      if (Character.isISOControl(location.charAt(i))) {
        throw new InvalidInputException("location", "must not contain control characters");
      }
    }
    String scheme = FileIOs.scheme(location);
    String path;
    String prefix;
    if (scheme.equals("file")) {
      path = location.regionMatches(true, 0, "file:", 0, 5) ? location.substring(5) : location;
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
      prefix = "file:";
    } else {
      URI uri;
      try {
        uri = URI.create(location);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("location", "not a valid URI");
      }
      prefix = scheme + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
      path = uri.getRawPath() == null ? "" : uri.getRawPath();
    }
    StringBuilder out = new StringBuilder();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        int cut = out.lastIndexOf("/");
        if (cut < 0) {
          throw new InvalidInputException("location", "climbs above the root");
        }
        out.setLength(cut);
        continue;
      }
      out.append('/').append(seg);
    }
    return prefix + out;
  }

  @Override
  public void close() {
    io.close();
  }
}
