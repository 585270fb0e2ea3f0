package dev.floe.error;

/** A catalog service failed in a way the caller cannot fix (a server error). */
public class ServiceFailureException extends FloeException {
  public ServiceFailureException(String message) {
    super(message);
  }

  public ServiceFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
