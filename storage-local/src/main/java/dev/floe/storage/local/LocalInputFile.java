package dev.floe.storage.local;

import dev.floe.error.NotFoundException;
import dev.floe.io.InputFile;
import dev.floe.io.SeekableInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

final class LocalInputFile implements InputFile {
  private final String location;
  private final Path path;

  LocalInputFile(String location, Path path) {
    this.location = location;
    this.path = path;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public long length() {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw LocalFileIO.storageFailure("read the length of", location, e);
    }
    if (!attrs.isRegularFile()) {
      throw new NotFoundException("cannot read the length of " + location + ": not a regular file");
    }
    return attrs.size();
  }

  @Override
  public boolean exists() {
    return Files.isRegularFile(path);
  }

  @Override
  public SeekableInputStream newStream() {
    if (Files.isDirectory(path)) {
      throw new NotFoundException("cannot open " + location + ": it is a directory");
    }
    try {
      return new LocalSeekableInputStream(location, FileChannel.open(path, StandardOpenOption.READ));
    } catch (IOException e) {
      throw LocalFileIO.storageFailure("open", location, e);
    }
  }

  @Override
  public byte[] readAllBytes() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw LocalFileIO.storageFailure("read", location, e);
    }
  }
}
