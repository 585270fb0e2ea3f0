package dev.floe.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Directory creation and fsync: a new file is only durable once its directory entry is. */
final class Dirs {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private Dirs() {}

  /** Like Files.createDirectories, but each new directory's entry is fsynced; safe when racing. */
  static void create(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    create(parent);
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (Files.isDirectory(dir)) {
        return;
      }
      throw e;
    }
    if (parent != null) {
      fsync(parent);
    }
  }

  static void fsync(Path dir) throws IOException {
    if (WINDOWS) {
      return; // a directory cannot be opened as a channel there; NTFS journals directory changes
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
