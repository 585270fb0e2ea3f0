package dev.floe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

/**
 * JSON Lines: one object per row (any whitespace between them is fine, so pretty-printed
 * objects work too). A file holding a single top-level array of objects is accepted as well.
 * Keys are column names; a missing key is null.
 */
final class JsonRowSource implements RowSource {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final String file;
  private final RowShape shape;
  private final CountingInputStream in;
  private final JsonParser parser;
  private boolean inArray;
  private boolean started;
  private Record next;
  private boolean done;

  JsonRowSource(String file, InputStream input, RowShape shape) {
    this.file = file;
    this.shape = shape;
    this.in = new CountingInputStream(input);
    try {
      this.parser = FACTORY.createParser(in);
    } catch (IOException e) {
      closeQuietly();
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
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
      if (!started) {
        started = true;
        if (t == JsonToken.START_ARRAY) {
          inArray = true;
          t = parser.nextToken();
        }
      }
      if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
        return null;
      }
      long line = parser.currentTokenLocation().getLineNr();
      if (t != JsonToken.START_OBJECT) {
        if (t.isStructStart()) {
          parser.skipChildren();
        }
        throw new InvalidInputException(RowShape.at(file, line), "expected a JSON object per row, found "
            + (t == JsonToken.START_ARRAY ? "an array" : "'" + JsonValues.abbreviate(parser.getText()) + "'"));
      }
      Object[] values = new Object[shape.size()];
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int index = shape.indexOf(name, RowShape.at(file, line));
        parser.nextToken();
        values[index] = JsonValues.read(parser, shape.column(index).type(),
            RowShape.at(file, line, shape.column(index).name()));
      }
      return shape.finish(values, RowShape.at(file, line));
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new InvalidInputException(line > 0 ? RowShape.at(file, line) : file,
          "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
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
