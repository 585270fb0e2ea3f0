package dev.floe.error;

/** A namespace cannot be dropped while it still holds tables, views or namespaces. */
public class NamespaceNotEmptyException extends FloeException {
  public NamespaceNotEmptyException(String message) {
    super(message);
  }

  public NamespaceNotEmptyException(String message, Throwable cause) {
    super(message, cause);
  }
}
