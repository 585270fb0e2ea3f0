package dev.floe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A boxed, aligned text table for people to read:
 *
 * <pre>
 * +----+----------+
 * | id | category |
 * +----+----------+
 * |  1 | cat-07   |
 * +----+----------+
 * </pre>
 *
 * Numbers are right-aligned; null shows as {@code null}; control characters are escaped and long
 * cells shortened so that one row stays one line.
 */
final class TextTable {
  static final int MAX_CELL = 60;

  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(List<String> headers, boolean[] rightAligned) {
    this.headers = List.copyOf(headers);
    this.rightAligned = rightAligned.clone();
  }

  /** Adds a row; a null cell is shown as {@code null}. */
  void add(List<String> cells) {
    String[] row = new String[headers.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = cell(cells.get(i));
    }
    rows.add(row);
  }

  int rowCount() {
    return rows.size();
  }

  void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width(headers.get(i));
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], width(row[i]));
      }
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(headers.toArray(new String[0]), widths, false));
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths, true));
    }
    if (!rows.isEmpty()) {
      out.println(rule);
    }
  }

  private static String rule(int[] widths) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : widths) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.toString();
  }

  private String line(String[] cells, int[] widths, boolean align) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(widths[i] - width(cells[i]));
      sb.append(' ');
      if (align && rightAligned[i]) {
        sb.append(pad).append(cells[i]);
      } else {
        sb.append(cells[i]).append(pad);
      }
      sb.append(" |");
    }
    return sb.toString();
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String cell(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    String s = sb.toString();
    if (width(s) > MAX_CELL) {
      s = s.substring(0, s.offsetByCodePoints(0, MAX_CELL - 3)) + "...";
    }
    return s;
  }

  static String rowsFooter(long n) {
    return "(" + n + (n == 1 ? " row)" : " rows)");
  }
}
