package dev.floe.error;

/** A namespace that was asked for does not exist. */
public class NoSuchNamespaceException extends FloeException {
  public NoSuchNamespaceException(String message) {
    super(message);
  }

  public NoSuchNamespaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
