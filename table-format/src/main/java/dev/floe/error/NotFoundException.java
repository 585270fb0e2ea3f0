package dev.floe.error;

/** A file or object that should exist does not. */
public class NotFoundException extends FloeException {
  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
