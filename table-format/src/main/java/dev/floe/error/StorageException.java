package dev.floe.error;

/** An I/O operation against storage failed. */
public class StorageException extends FloeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
