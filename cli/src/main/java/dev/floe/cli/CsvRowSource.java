package dev.floe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.types.Type;
import dev.floe.types.Values;
import dev.floe.types.Types.NestedField;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A CSV file with a header row (RFC 4180: quoted fields may hold commas, quotes and newlines).
 * An unquoted empty field is null; a quoted empty field is an empty string for string columns and
 * null otherwise. Nested columns take JSON text. Lines are counted from 1 (the header).
 */
final class CsvRowSource implements RowSource {
  private static final CsvFactory FACTORY = CsvFactory.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  private final String file;
  private final RowShape shape;
  private final CountingInputStream in;
  private final CsvParser parser;
  private final int[] columnOf;
  private final String[] header;
  private Record next;
  private boolean done;

  CsvRowSource(String file, InputStream input, RowShape shape) {
    this.file = file;
    this.shape = shape;
    this.in = new CountingInputStream(input);
    try {
      this.parser = FACTORY.createParser(in);
      this.header = readHeader();
      this.columnOf = mapHeader();
    } catch (JsonProcessingException e) {
      closeQuietly();
      throw malformed(e);
    } catch (IOException e) {
      closeQuietly();
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  private int[] mapHeader() {
    int[] positions = new int[header.length];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      positions[i] = shape.indexOf(header[i], RowShape.at(file, 1));
      if (!seen.add(positions[i])) {
        throw new InvalidInputException(RowShape.at(file, 1), "column '" + header[i] + "' appears twice in the header");
      }
    }
    for (int c = 0; c < shape.size(); c++) {
      if (shape.column(c).required() && shape.column(c).writeDefault().isEmpty() && !seen.contains(c)) {
        throw new InvalidInputException(RowShape.at(file, 1), "required (not null) column '"
            + shape.column(c).name() + "' is missing from the header");
      }
    }
    return positions;
  }

  private String[] readHeader() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.START_ARRAY) {
      t = parser.nextToken();
    }
    if (t != JsonToken.START_ARRAY) {
      throw new InvalidInputException(file, "is empty; expected a header row naming the columns");
    }
    List<String> names = new ArrayList<>();
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      String name = t == JsonToken.VALUE_NULL ? "" : parser.getText().strip();
      if (names.isEmpty() && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        throw new InvalidInputException(RowShape.at(file, 1), "header column " + (names.size() + 1) + " has no name");
      }
      names.add(name);
    }
    return names.toArray(new String[0]);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      next = readRow();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record r = next;
    next = null;
    return r;
  }

  private Record readRow() {
    try {
      JsonToken t = parser.nextToken();
      if (t == null || t == JsonToken.END_ARRAY) {
        return null;
      }
      Object[] values = new Object[shape.size()];
      int i = 0;
      long line = -1;
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (line < 0) {
          line = parser.currentTokenLocation().getLineNr();
        }
        if (i >= header.length) {
          throw new InvalidInputException(RowShape.at(file, line), "more values than the "
              + header.length + " columns of the header");
        }
        String text = t == JsonToken.VALUE_NULL ? null : parser.getText();
        values[columnOf[i]] = convert(text, shape.column(columnOf[i]), line);
        i++;
      }
      if (i < header.length) {
        throw new InvalidInputException(RowShape.at(file, line), i + " values, but the header has "
            + header.length + " columns");
      }
      return shape.finish(values, RowShape.at(file, line));
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Object convert(String text, NestedField column, long line) {
    if (text == null) {
      return null;
    }
    Type type = column.type();
    if (type.kind() == Type.Kind.STRING) {
      return text;
    }
    if (text.isEmpty()) {
      return null;
    }
    String where = RowShape.at(file, line, column.name());
    return type.isPrimitive()
        ? Values.parse(type.asPrimitive(), text, where)
        : JsonValues.parseText(type, text, where);
  }

  private InvalidInputException malformed(JsonProcessingException e) {
    long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    return new InvalidInputException(line > 0 ? RowShape.at(file, line) : file,
        "malformed CSV: " + e.getOriginalMessage());
  }

  @Override
  public long bytesRead() {
    return in.count();
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (parser != null) {
        parser.close();
      }
      in.close();
    } catch (IOException ignored) {
      // a read-only input: nothing is lost by a failed close
    }
  }
}
