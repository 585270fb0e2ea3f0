package dev.floe.error;

/**
 * Root of every exception Floe's public API throws. Callers branch on the subclasses; the
 * messages name the problem, its cause and, where there is one, the fix.
 */
public abstract class FloeException extends RuntimeException {
  protected FloeException(String message) {
    super(message);
  }

  protected FloeException(String message, Throwable cause) {
    super(message, cause);
  }
}
