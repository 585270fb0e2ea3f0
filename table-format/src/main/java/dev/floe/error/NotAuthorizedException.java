package dev.floe.error;

/** A request carried no valid credentials (a missing, malformed, forged or expired token). */
public class NotAuthorizedException extends FloeException {
  public NotAuthorizedException(String message) {
    super(message);
  }

  public NotAuthorizedException(String message, Throwable cause) {
    super(message, cause);
  }
}
