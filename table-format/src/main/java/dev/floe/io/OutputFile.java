package dev.floe.io;

/** A file to write. */
public interface OutputFile {
  String location();

  /**
   * A stream that creates the file, replacing any file of that name. For files whose names are
   * unique by construction (data files, manifests), where no one else writes the same name.
   */
  PositionOutputStream create();

  /**
   * Atomically creates the file with this whole content, only if nothing exists at the location.
   * Readers see either no file or the complete content, never a part. This is the commit step of
   * storage-only tables.
   *
   * @throws dev.floe.error.AlreadyExistsException if a file is already there (the race was lost)
   * @throws dev.floe.error.CommitStateUnknownException if it cannot be told whether it was created
   */
  void createExclusive(byte[] content);

  InputFile toInputFile();
}
