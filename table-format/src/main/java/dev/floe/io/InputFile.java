package dev.floe.io;

/** A file to read. Opening or sizing a missing file throws NotFoundException. */
public interface InputFile {
  String location();

  long length();

  boolean exists();

  SeekableInputStream newStream();

  /** The whole file; for small files (metadata, manifests). */
  default byte[] readAllBytes() {
    try (SeekableInputStream in = newStream()) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new dev.floe.error.StorageException("cannot read " + location() + ": " + e.getMessage(), e);
    }
  }
}
