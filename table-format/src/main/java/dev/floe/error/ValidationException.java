package dev.floe.error;

/** A concurrent change conflicts with this operation, or a requested change is not allowed; retrying will not help. */
public class ValidationException extends FloeException {
  public ValidationException(String message) {
    super(message);
  }

  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
