package dev.floe.storage.local;

import dev.floe.io.FileIO;
import dev.floe.io.FileIOProvider;
import java.util.Map;
import java.util.Set;

/** Serves {@code file:} locations and plain paths (whose scheme is {@code file}). Takes no properties. */
public final class LocalFileIOProvider implements FileIOProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  @Override
  public FileIO create(Map<String, String> properties) {
    return new LocalFileIO();
  }
}
