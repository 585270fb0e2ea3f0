package dev.floe.error;

/** The commit lost a race with another writer; retrying on fresh metadata may succeed. */
public class CommitFailedException extends FloeException {
  public CommitFailedException(String message) {
    super(message);
  }

  public CommitFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
