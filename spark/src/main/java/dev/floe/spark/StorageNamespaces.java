package dev.floe.spark;

import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Namespaces of a storage-only warehouse, where a namespace is a directory path: it exists when a
 * table lives under it or when CREATE NAMESPACE left its marker file ({@code .namespace}, a name
 * no table can have), since storage has no empty directories to keep one otherwise. Listing
 * walks the warehouse; the REST catalog keeps namespaces itself.
 */
final class StorageNamespaces {
  static final String MARKER = ".namespace";
  private static final Pattern TABLE_METADATA = Pattern.compile("(.+)/[^/]+/metadata/v\\d+\\.metadata\\.json");

  private final String warehouse;
  private final FileIO io;

  StorageNamespaces(String warehouse, FileIO io) {
    this.warehouse = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    this.io = io;
  }

  /** Every namespace that holds a table or a marker, as paths of levels. */
  Set<List<String>> all() {
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

  boolean exists(String[] namespace) {
    List<String> ns = Arrays.asList(namespace);
    for (List<String> n : all()) {
      if (n.size() >= ns.size() && n.subList(0, ns.size()).equals(ns)) {
        return true;
      }
    }
    return false;
  }

  /** The namespaces directly under {@code parent} (the top level for an empty parent). */
  String[][] children(String[] parent) {
    List<String> p = Arrays.asList(parent);
    Set<String> names = new TreeSet<>();
    for (List<String> n : all()) {
      if (n.size() > p.size() && n.subList(0, p.size()).equals(p)) {
        names.add(n.get(p.size()));
      }
    }
    List<String[]> out = new ArrayList<>();
    for (String name : names) {
      String[] child = Arrays.copyOf(parent, parent.length + 1);
      child[parent.length] = name;
      out.add(child);
    }
    return out.toArray(new String[0][]);
  }

  void createMarker(String[] namespace) {
    io.newOutputFile(markerPath(namespace)).createExclusive(new byte[0]);
  }

  void deleteMarker(String[] namespace) {
    io.delete(markerPath(namespace));
  }

  private String markerPath(String[] namespace) {
    return warehouse + "/" + String.join("/", namespace) + "/" + MARKER;
  }
}
