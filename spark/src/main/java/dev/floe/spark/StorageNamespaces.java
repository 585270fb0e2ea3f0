package dev.floe.spark;

import dev.floe.error.AlreadyExistsException;
import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Namespaces of a storage-only warehouse, where a namespace is a directory path: it exists when a
 * table lives under it or when CREATE NAMESPACE left its marker file ({@code .namespace}, a name
 * no table can have), since storage has no empty directories to keep one otherwise. Listing
 * walks the warehouse; namespace properties are not kept.
 */
final class StorageNamespaces implements Namespaces {
  static final String MARKER = ".namespace";
  private static final Pattern TABLE_METADATA = Pattern.compile("(.+)/[^/]+/metadata/v\\d+\\.metadata\\.json");

  private final String warehouse;
  private final FileIO io;

  StorageNamespaces(String warehouse, FileIO io) {
    this.warehouse = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    this.io = io;
  }

  /** Every namespace that holds a table or a marker, as paths of levels. */
  private Set<List<String>> all() {
    Set<List<String>> out = new LinkedHashSet<>();
    String prefix = warehouse + "/";
    for (FileInfo f : io.list(prefix)) {
      String rel = f.location().substring(prefix.length());
      Matcher m = TABLE_METADATA.matcher(rel);
      if (m.matches()) {
        out.add(List.of(m.group(1).split("/")));
      } else if (rel.endsWith("/" + MARKER)) {
        out.add(List.of(rel.substring(0, rel.length() - MARKER.length() - 1).split("/")));
      }
    }
    return out;
  }

  @Override
  public boolean exists(List<String> namespace) {
    for (List<String> n : all()) {
      if (n.size() >= namespace.size() && n.subList(0, namespace.size()).equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<List<String>> children(List<String> parent) {
    Set<String> names = new TreeSet<>();
    for (List<String> n : all()) {
      if (n.size() > parent.size() && n.subList(0, parent.size()).equals(parent)) {
        names.add(n.get(parent.size()));
      }
    }
    List<List<String>> out = new ArrayList<>();
    for (String name : names) {
      List<String> child = new ArrayList<>(parent);
      child.add(name);
      out.add(List.copyOf(child));
    }
    return out;
  }

  @Override
  public Map<String, String> properties(List<String> namespace) {
    return Map.of("location", warehouse + "/" + String.join("/", namespace));
  }

  @Override
  public void create(List<String> namespace, Map<String, String> properties) {
    if (exists(namespace)) {
      throw new AlreadyExistsException("namespace " + String.join(".", namespace) + " already exists");
    }
    io.newOutputFile(markerPath(namespace)).createExclusive(new byte[0]);
  }

  @Override
  public boolean drop(List<String> namespace) {
    boolean existed = exists(namespace);
    io.delete(markerPath(namespace));
    return existed;
  }

  private String markerPath(List<String> namespace) {
    return warehouse + "/" + String.join("/", namespace) + "/" + MARKER;
  }
}
