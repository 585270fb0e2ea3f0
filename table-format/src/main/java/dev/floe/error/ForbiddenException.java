package dev.floe.error;

/** The caller is known but lacks the grant for what it asked. */
public class ForbiddenException extends FloeException {
  public ForbiddenException(String message) {
    super(message);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }
}
