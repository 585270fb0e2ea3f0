package dev.floe.error;

/** A table, namespace or file that was to be created exists already. */
public class AlreadyExistsException extends FloeException {
  public AlreadyExistsException(String message) {
    super(message);
  }

  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
