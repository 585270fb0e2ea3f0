package dev.floe.error;

/** A metadata, manifest or data file could not be parsed: it is truncated, corrupt or of the wrong kind. */
public class CorruptFileException extends FloeException {
  public CorruptFileException(String message) {
    super(message);
  }

  public CorruptFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
