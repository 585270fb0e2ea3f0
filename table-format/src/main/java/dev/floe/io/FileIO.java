package dev.floe.io;

import java.util.List;

/**
 * Storage as Floe needs it: read, write, exclusive create, list, delete. No rename: commits rely
 * on {@link OutputFile#createExclusive(byte[])} alone. Implementations are found by URI scheme
 * through {@link FileIOProvider} (see {@link FileIOs}); table-format itself knows no storage
 * product. Methods throw {@link dev.floe.error.StorageException} on I/O failure and
 * {@link dev.floe.error.NotFoundException} when reading something that is not there.
 */
public interface FileIO extends AutoCloseable {

  InputFile newInputFile(String location);

  OutputFile newOutputFile(String location);

  /** Deletes a file; deleting a file that does not exist is not an error. */
  void delete(String location);

  /** Every file under a prefix (recursively), in no particular order. Empty if none. */
  List<FileInfo> list(String prefix);

  @Override
  default void close() {}
}
