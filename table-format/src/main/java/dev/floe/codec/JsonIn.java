package dev.floe.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.CorruptFileException;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * A streaming JSON parser that knows which file it reads, so every complaint names the file and
 * the JSON pointer of the offending field. Only the codecs of this package use it.
 */
final class JsonIn implements Closeable {
  private final String location;
  private final JsonParser p;
  /** Set when re-reading a value captured earlier: its position in the original file. */
  private final String fixedPointer;

  JsonIn(String location, JsonParser parser) {
    this(location, parser, null);
  }

  JsonIn(String location, JsonParser parser, String fixedPointer) {
    this.location = location;
    this.p = parser;
    this.fixedPointer = fixedPointer;
  }

  String location() {
    return location;
  }

  JsonParser parser() {
    return p;
  }

  JsonToken token() {
    return p.currentToken();
  }

  /** Reads the first token, which must open the file's one object. */
  void beginRoot(String kind) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new CorruptFileException(location + ": the file is empty, expected a " + kind);
    }
    if (t != JsonToken.START_OBJECT) {
      throw fail("expected a JSON object (a " + kind + "), found " + describe(t));
    }
  }

  /** After the root object's end: nothing but whitespace may follow. */
  void endRoot() throws IOException {
    JsonToken t = p.nextToken();
    if (t != null) {
      throw new CorruptFileException(location + ": unexpected " + describe(t)
          + " after the end of the JSON object");
    }
  }

  /**
   * Inside an object: moves to the next field's value and returns the field's name, or returns
   * null at the end of the object.
   */
  String nextField() throws IOException {
    String name = p.nextFieldName();
    if (name != null) {
      next();
      return name;
    }
    JsonToken t = p.currentToken();
    if (t == JsonToken.END_OBJECT) {
      return null;
    }
    throw fail("expected a field name or the end of the object, found " + describe(t));
  }

  JsonToken next() throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new CorruptFileException(location + ": unexpected end of file (truncated?)");
    }
    return t;
  }

  /** Inside an array: moves to the next element; false at the end of the array. */
  boolean nextElement() throws IOException {
    return next() != JsonToken.END_ARRAY;
  }

  void skip() throws IOException {
    p.skipChildren();
  }

  boolean isNull() {
    return p.currentToken() == JsonToken.VALUE_NULL;
  }

  void expectObject() {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType("an object");
    }
  }

  void expectArray() {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType("an array");
    }
  }

  long longValue() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType("a whole number");
    }
    return p.getLongValue();
  }

  int intValue() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType("a whole number");
    }
    return p.getIntValue();
  }

  /** A count: a whole number that is not negative. */
  long countValue() throws IOException {
    long v = longValue();
    if (v < 0) {
      throw fail("must not be negative, got " + v);
    }
    return v;
  }

  int intCountValue() throws IOException {
    int v = intValue();
    if (v < 0) {
      throw fail("must not be negative, got " + v);
    }
    return v;
  }

  String stringValue() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw wrongType("a string");
    }
    return p.getText();
  }

  boolean booleanValue() {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw wrongType("true or false");
  }

  CorruptFileException fail(String what) {
    String ptr = pointer();
    return new CorruptFileException(location + ": " + (ptr.isEmpty() ? "" : ptr + ": ") + what);
  }

  CorruptFileException fail(String what, Throwable cause) {
    String ptr = pointer();
    return new CorruptFileException(location + ": " + (ptr.isEmpty() ? "" : ptr + ": ") + what, cause);
  }

  CorruptFileException wrongType(String expected) {
    return fail("expected " + expected + ", found " + describe(p.currentToken()));
  }

  /** Called at the end of an object that lacked a field. */
  CorruptFileException missing(String field) {
    String ptr = pointer();
    return new CorruptFileException(location + ": missing required field '" + field + "'"
        + (ptr.isEmpty() ? "" : " in " + ptr));
  }

  /** Turns a value's own validation failure into a complaint about the file. */
  CorruptFileException invalid(InvalidInputException e) {
    return fail(e.getMessage(), e);
  }

  String pointer() {
    if (fixedPointer != null) {
      return fixedPointer;
    }
    String ptr = p.getParsingContext().pathAsPointer().toString();
    // inside an object whose first field is not read yet, Jackson ends the pointer with "/"
    return ptr.endsWith("/") ? ptr.substring(0, ptr.length() - 1) : ptr;
  }

  RuntimeException translate(IOException e) {
    return translate(location, this, e);
  }

  /** Reads one value from a JSON document with this JsonIn-based reader. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonIn in) throws IOException;
  }

  /**
   * Parses a whole document held in memory, turning every failure into Floe's errors naming the
   * location and, where known, the field.
   */
  static <T> T parse(String location, byte[] json, Reader<T> reader) {
    JsonIn in = null;
    try (JsonParser p = Json.parser(json)) {
      in = new JsonIn(location, p);
      return reader.read(in);
    } catch (IOException e) {
      throw translate(location, in, e);
    } catch (dev.floe.error.InvalidInputException e) {
      throw in.invalid(e);
    }
  }

  /**
   * Maps an I/O failure while reading to Floe's errors: bad JSON or bad compression is a corrupt
   * file; anything else is the storage failing.
   */
  static RuntimeException translate(String location, JsonIn in, IOException e) {
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation at = jpe.getLocation();
      String where = at == null || at.getLineNr() < 0 ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      String ptr = in == null ? "" : in.pointer();
      // Jackson names a redacted source inside its message; the file's location says more
      String message = String.valueOf(jpe.getOriginalMessage()).replaceAll("\\[Source: .*?; line", "[line");
      String what = e instanceof JsonEOFException ? "the file ends too early (truncated?): " : "malformed JSON: ";
      return new CorruptFileException(location + ": " + (ptr.isEmpty() ? "" : ptr + ": ")
          + what + message + where, e);
    }
    if (e instanceof ZipException || e instanceof EOFException || e instanceof CharConversionException
        || e instanceof com.github.luben.zstd.ZstdIOException) {
      return new CorruptFileException(location + ": cannot decode the file (" + e.getMessage()
          + "); it is truncated or not in the format its name says", e);
    }
    return new StorageException("cannot read " + location + ": " + e.getMessage(), e);
  }

  /** Closes the parser (and its stream); a failure to close after a good read is not an error. */
  @Override
  public void close() {
    try {
      p.close();
    } catch (IOException | FloeException ignored) {
      // the content was read completely; a close failure cannot change it
    }
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the file";
    }
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_OBJECT -> "the end of an object";
      case END_ARRAY -> "the end of an array";
      case FIELD_NAME -> "a field name";
      default -> t.toString();
    };
  }
}
