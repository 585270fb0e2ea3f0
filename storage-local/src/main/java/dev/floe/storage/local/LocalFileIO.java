package dev.floe.storage.local;

import dev.floe.error.FloeException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NotFoundException;
import dev.floe.error.StorageException;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import dev.floe.io.FileInfo;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * FileIO for local disks. Locations are absolute paths ({@code /wh/t/data/x.parquet}) or
 * {@code file:} URIs ({@code file:/wh/...}, {@code file:///wh/...}, {@code file://localhost/...}).
 * The text after the scheme is taken literally, without percent-decoding, so a plain path and
 * its {@code file:} spelling always name the same file even when partition values put {@code %}
 * into directory names.
 *
 * <p>{@link OutputFile#createExclusive(byte[])} writes a fsynced temp file next to the target and
 * hard-links it to the target name, so the filesystem must support hard links (ext4, xfs, btrfs,
 * APFS, NTFS do; FAT does not). Temp files are named {@code .<target name>.<uuid>.tmp}; one left by
 * a crashed process is never visible under a target name, and {@link #list} reports it so orphan
 * cleanup can remove it.
 */
public final class LocalFileIO implements FileIO {

  /** The step that makes an exclusively created file visible; replaceable so tests can inject failures. */
  @FunctionalInterface
  interface Linker {
    void link(Path target, Path existing) throws IOException;
  }

  private final Linker linker;

  public LocalFileIO() {
    this(Files::createLink);
  }

  LocalFileIO(Linker linker) {
    this.linker = linker;
  }

  @Override
  public InputFile newInputFile(String location) {
    return new LocalInputFile(location, toPath(location));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new LocalOutputFile(location, toPath(location), linker);
  }

  @Override
  public void delete(String location) {
    Path path = toPath(location);
    try {
      Files.deleteIfExists(path);
    } catch (DirectoryNotEmptyException e) {
      throw new StorageException("cannot delete " + location + ": it is a non-empty directory", e);
    } catch (IOException e) {
      throw storageFailure("delete", location, e);
    }
  }

  /**
   * Every regular file below the directory {@code prefix}, following symbolic links. Locations are
   * spelled like the prefix ({@code prefix + "/" + relative path}). A missing directory, or a
   * prefix that is not a directory, gives an empty list. Temp files of exclusive creates
   * ({@code .*.tmp}) are included on purpose: orphan cleanup must be able to find them.
   */
  @Override
  public List<FileInfo> list(String prefix) {
    Path root = toPath(prefix);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    String base = stripTrailingSlashes(prefix);
    List<FileInfo> out = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                out.add(new FileInfo(base + "/" + relative, attrs.size(), attrs.lastModifiedTime().toMillis()));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              // files deleted during the walk, dangling links and link cycles are not files to list
              if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw storageFailure("list", prefix, e);
    }
    return out;
  }

  static Path toPath(String location) {
    if (location == null || location.isEmpty()) {
      throw new InvalidInputException("location", "must not be empty");
    }
    String path;
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      path = location.substring(5);
      if (path.startsWith("//")) {
        int end = path.indexOf('/', 2);
        String authority = path.substring(2, end < 0 ? path.length() : end);
        if (!authority.isEmpty() && !authority.toLowerCase(Locale.ROOT).equals("localhost")) {
          throw new InvalidInputException("location", "file URI names host '" + authority + "' in "
              + location + "; only local files are supported (use file:/path or file:///path)");
        }
        path = end < 0 ? "" : path.substring(end);
      }
    } else if (FileIOs.scheme(location).equals("file")) {
      path = location;
    } else {
      throw new InvalidInputException("location", "not a local location: " + location
          + " (expected an absolute path or a file: URI)");
    }
    Path result;
    try {
      result = Path.of(path);
    } catch (InvalidPathException e) {
      throw new InvalidInputException("location", "not a valid path: " + location, e);
    }
    if (!result.isAbsolute()) {
      throw new InvalidInputException("location", "must be an absolute path or a file: URI, got " + location);
    }
    return result;
  }

  static FloeException storageFailure(String action, String location, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new NotFoundException("cannot " + action + " " + location + ": no such file", e);
    }
    return new StorageException("cannot " + action + " " + location + ": " + e, e);
  }

  private static String stripTrailingSlashes(String prefix) {
    int end = prefix.length();
    while (end > 1 && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(0, end);
  }
}
