package dev.floe.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * RFC 4180 output: fields with commas, quotes, line breaks or edge spaces are quoted. Null is an
 * empty field and the empty string a quoted empty field, so {@code append} reads both back as
 * they were.
 */
final class CsvOut {
  private CsvOut() {}

  static void row(PrintWriter out, List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(cells.get(i)));
    }
    out.println(sb);
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.isEmpty() || value.startsWith(" ") || value.endsWith(" ");
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
