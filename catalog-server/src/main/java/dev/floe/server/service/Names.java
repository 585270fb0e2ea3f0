package dev.floe.server.service;

import dev.floe.error.InvalidInputException;
import java.util.List;

/**
 * Validation of namespace, table and view names. Every part becomes a directory name under the
 * warehouse, so none may contain a path separator, be "." or contain "..", hold control
 * characters, or be empty or overlong: no name can place a file outside the warehouse.
 */
public final class Names {
  private Names() {}

  static final int MAX_PART = 255;
  static final int MAX_LEVELS = 16;

  public static List<String> namespace(List<String> levels) {
    if (levels.isEmpty()) {
      throw new InvalidInputException("namespace", "must have at least one level");
    }
    if (levels.size() > MAX_LEVELS) {
      throw new InvalidInputException("namespace", "has " + levels.size() + " levels; at most " + MAX_LEVELS);
    }
    for (String level : levels) {
      part(level, "namespace");
    }
    return List.copyOf(levels);
  }

  public static String name(String name, String what) {
    part(name, what);
    return name;
  }

  private static void part(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new InvalidInputException(what, "a name must not be empty");
    }
    if (s.length() > MAX_PART) {
      throw new InvalidInputException(what, "a name may have at most " + MAX_PART + " characters");
    }
    if (s.equals(".") || s.contains("..")) {
      throw new InvalidInputException(what, "'" + printable(s) + "' is not a valid name: '.' and '..' are not allowed");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '\\') {
        throw new InvalidInputException(what, "'" + printable(s) + "' is not a valid name: it contains '" + c + "'");
      }
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw new InvalidInputException(what, "'" + printable(s) + "' is not a valid name: it contains control character U+"
            + String.format("%04X", (int) c));
      }
      if (Character.isSurrogate(c) && !validSurrogate(s, i)) {
        throw new InvalidInputException(what, "a name must be valid Unicode text");
      }
    }
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** The name with control characters shown as escapes, safe to echo in an error. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 80; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }
}
