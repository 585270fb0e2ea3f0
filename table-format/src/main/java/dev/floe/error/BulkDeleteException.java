package dev.floe.error;

import java.util.List;

/**
 * Some files of a bulk delete could not be deleted; the others were. {@link #failedLocations()}
 * names the ones that are still there (or whose deletion could not be confirmed), so a caller such
 * as orphan removal can report or retry exactly those.
 */
public class BulkDeleteException extends StorageException {
  private final List<String> failedLocations;

  public BulkDeleteException(List<String> failedLocations, String detail, Throwable cause) {
    super("could not delete " + failedLocations.size() + " file(s), e.g. "
        + failedLocations.get(0) + ": " + detail, cause);
    this.failedLocations = List.copyOf(failedLocations);
  }

  public List<String> failedLocations() {
    return failedLocations;
  }
}
