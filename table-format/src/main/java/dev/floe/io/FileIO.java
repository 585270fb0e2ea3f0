package dev.floe.io;

import dev.floe.error.BulkDeleteException;
import dev.floe.error.FloeException;
import java.util.ArrayList;
import java.util.Collection;
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

  /**
   * Deletes many files, for snapshot expiration and orphan removal; missing files are not an
   * error. Every location is attempted even when some fail. Object stores override this with
   * their batch requests; this default deletes one file at a time.
   *
   * @throws BulkDeleteException naming the locations that could not be deleted
   */
  default void deleteAll(Collection<String> locations) {
    List<String> failed = new ArrayList<>();
    FloeException first = null;
    for (String location : locations) {
      try {
        delete(location);
      } catch (FloeException e) {
        failed.add(location);
        first = first == null ? e : first;
      }
    }
    if (!failed.isEmpty()) {
      throw new BulkDeleteException(failed, first.getMessage(), first);
    }
  }

  /** Every file under a prefix (recursively), in no particular order. Empty if none. */
  List<FileInfo> list(String prefix);

  @Override
  default void close() {}
}
