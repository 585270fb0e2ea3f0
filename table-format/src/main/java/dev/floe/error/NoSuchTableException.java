package dev.floe.error;

/** A table that was asked for does not exist. */
public class NoSuchTableException extends FloeException {
  public NoSuchTableException(String message) {
    super(message);
  }

  public NoSuchTableException(String message, Throwable cause) {
    super(message, cause);
  }
}
