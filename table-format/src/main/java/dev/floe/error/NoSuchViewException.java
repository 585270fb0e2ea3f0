package dev.floe.error;

/** A view that was asked for does not exist. */
public class NoSuchViewException extends FloeException {
  public NoSuchViewException(String message) {
    super(message);
  }

  public NoSuchViewException(String message, Throwable cause) {
    super(message, cause);
  }
}
