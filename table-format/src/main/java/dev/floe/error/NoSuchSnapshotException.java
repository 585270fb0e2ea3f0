package dev.floe.error;

/**
 * A snapshot asked for by id, ref or time is not in the table's history: it never existed, or
 * snapshot expiration removed it. Callers that only care about bad input catch it as an
 * {@link InvalidInputException} (field {@code snapshot}).
 */
public class NoSuchSnapshotException extends InvalidInputException {
  public NoSuchSnapshotException(String reason) {
    super("snapshot", reason);
  }
}
