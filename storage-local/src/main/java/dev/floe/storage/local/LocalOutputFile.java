package dev.floe.storage.local;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.StorageException;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import dev.floe.io.PositionOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

final class LocalOutputFile implements OutputFile {
  private final String location;
  private final Path path;
  private final LocalFileIO.Linker linker;

  LocalOutputFile(String location, Path path, LocalFileIO.Linker linker) {
    this.location = location;
    this.path = path;
    this.linker = linker;
  }

  @Override
  public String location() {
    return location;
  }

  /** Truncates an existing file in place; the content is fsynced when the stream is closed. */
  @Override
  public PositionOutputStream create() {
    try {
      Dirs.create(path.getParent());
      FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      return new LocalPositionOutputStream(path, channel);
    } catch (IOException e) {
      throw LocalFileIO.storageFailure("create", location, e);
    }
  }

  /**
   * Write the content to a fsynced temp file in the target's directory, then hard-link it to the
   * target name: link(2) fails if the name exists, so there is never an overwrite, and the name
   * only ever points at complete content. Rename cannot be used: it replaces silently.
   */
  @Override
  public void createExclusive(byte[] content) {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw alreadyExists(null);
    }
    Path dir = path.getParent();
    Path temp = dir.resolve("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Dirs.create(dir);
      writeDurably(temp, content);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw LocalFileIO.storageFailure("create", location, e);
    }

    try {
      linker.link(path, temp);
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(temp);
      throw alreadyExists(e);
    } catch (IOException | UnsupportedOperationException e) {
      resolveFailedLink(temp, e);
    }
    deleteQuietly(temp);
    try {
      Dirs.fsync(dir);
    } catch (IOException e) {
      throw new CommitStateUnknownException("created " + location
          + " but could not make its directory entry durable: " + e, e);
    }
  }

  /** Returns if the link landed after all; throws otherwise. */
  private void resolveFailedLink(Path temp, Exception linkFailure) {
    if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
      deleteQuietly(temp);
      throw new StorageException("cannot create " + location + " exclusively: hard-linking the written"
          + " temp file failed (" + linkFailure + "). Local tables need a filesystem with hard links;"
          + " nothing was created", linkFailure);
    }
    boolean ours;
    try {
      // identity, not equal bytes: a file of the same content written by another writer is still theirs
      ours = Files.isSameFile(path, temp);
    } catch (IOException e) {
      e.addSuppressed(linkFailure);
      throw new CommitStateUnknownException("cannot tell whether " + location + " was created: the hard"
          + " link failed (" + linkFailure + ") and the result cannot be checked (" + e + ")", e);
    }
    if (!ours) {
      deleteQuietly(temp);
      throw alreadyExists(linkFailure);
    }
  }

  private static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private AlreadyExistsException alreadyExists(Exception cause) {
    return new AlreadyExistsException("file exists: " + location, cause);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temp file is harmless: it is never read and list() shows it to orphan cleanup
    }
  }

  @Override
  public InputFile toInputFile() {
    return new LocalInputFile(location, path);
  }
}
