package dev.floe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A listing of text cells printed as a boxed table or as CSV. */
final class Listing {
  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  Listing(List<String> headers, boolean... rightAligned) {
    this.headers = List.copyOf(headers);
    this.rightAligned = rightAligned.length == 0 ? new boolean[headers.size()] : rightAligned.clone();
  }

  void add(List<String> cells) {
    rows.add(new ArrayList<>(cells));
  }

  int size() {
    return rows.size();
  }

  void print(PrintWriter out, ListFormat format) {
    if (format == ListFormat.CSV) {
      CsvOut.row(out, headers);
      for (List<String> row : rows) {
        // listings have no null/empty distinction: both are an empty field
        CsvOut.row(out, row.stream().map(c -> c == null || c.isEmpty() ? null : c).toList());
      }
    } else {
      TextTable table = new TextTable(headers, rightAligned);
      rows.forEach(table::add);
      table.print(out);
    }
    out.flush();
  }
}
