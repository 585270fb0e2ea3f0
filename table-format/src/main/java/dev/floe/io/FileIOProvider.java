package dev.floe.io;

import java.util.Map;
import java.util.Set;

/**
 * Service-provider interface: a storage module registers one in
 * {@code META-INF/services/dev.floe.io.FileIOProvider} for the URI schemes it serves.
 * The scheme of a plain path (no scheme) is {@code file}.
 */
public interface FileIOProvider {
  Set<String> schemes();

  FileIO create(Map<String, String> properties);
}
