package dev.floe.bench;

/** A benchmark could not run or its results do not hold up (e.g. systems disagree). */
final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchException(String message) {
    super(message);
  }

  BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
