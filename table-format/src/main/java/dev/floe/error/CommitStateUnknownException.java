package dev.floe.error;

/** The outcome of the atomic commit step is unknown. Nothing may be cleaned up: the commit may have landed. */
public class CommitStateUnknownException extends FloeException {
  public CommitStateUnknownException(String message) {
    super(message);
  }

  public CommitStateUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
