package dev.floe.error;

/**
 * User input (a schema, a filter, a value, a property, a request) is malformed. {@link #field()}
 * names what was wrong and {@link #reason()} says why, so callers can point at it.
 */
public class InvalidInputException extends FloeException {
  private final String field;
  private final String reason;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public InvalidInputException(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
