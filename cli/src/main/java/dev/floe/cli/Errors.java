package dev.floe.cli;

import dev.floe.error.FloeException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns any failure into the one-line message the command prints. */
final class Errors {
  private Errors() {}

  static String message(Throwable ex) {
    Throwable t = ex;
    if (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    String text;
    if (t instanceof FloeException) {
      text = t.getMessage();
    } else if (t instanceof NoSuchFileException e) {
      text = e.getFile() + ": no such file";
    } else if (t instanceof AccessDeniedException e) {
      text = e.getFile() + ": permission denied";
    } else if (t instanceof OutOfMemoryError) {
      text = "out of memory; give the JVM more heap (JAVA_OPTS=-Xmx4g)";
    } else {
      // not one of ours: the class name tells a bug report more than a bare message
      text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    return oneLine(text == null ? t.getClass().getSimpleName() : text);
  }

  static String oneLine(String s) {
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
