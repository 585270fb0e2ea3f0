package dev.floe.cli;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the schema text of {@code floe create --schema}:
 *
 * <pre>
 *   id long not null, ts timestamp, tags list&lt;string&gt;,
 *   address struct&lt;street: string, zip: int not null&gt;, attrs map&lt;string, long&gt;
 * </pre>
 *
 * Columns are comma-separated {@code name type [not null]}; primitive types are those of
 * {@link Types#parsePrimitive}; nested types are {@code struct<name: type [not null], ...>},
 * {@code list<type [not null]>} and {@code map<keytype, valuetype [not null]>}. Names may be quoted
 * with double quotes or backticks. Field ids are assigned 1..n depth-first, in the order the
 * fields appear in the text, so a column's nested fields follow it directly.
 */
public final class SchemaParser {
  private final String text;
  private int pos;
  private int nextId = 1;
  private int column;
  private String columnName = "";

  private SchemaParser(String text) {
    this.text = text;
  }

  public static Schema parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("schema", "is empty; expected e.g. \"id long not null, name string\"");
    }
    return new SchemaParser(text).schema();
  }

  private Schema schema() {
    List<NestedField> columns = new ArrayList<>();
    do {
      column++;
      columnName = "";
      skipSpaces();
      if (atEnd() || peek() == ',') {
        throw error("expected a column name");
      }
      columns.add(field(false));
      skipSpaces();
    } while (consume(','));
    if (!atEnd()) {
      throw error("unexpected '" + peek() + "'; columns are separated by commas");
    }
    return new Schema(0, columns);
  }

  /** {@code name type [not null]} at the top level, {@code name: type [not null]} inside a struct. */
  private NestedField field(boolean inStruct) {
    String name = name();
    if (!inStruct) {
      columnName = name;
    }
    int id = nextId++;
    skipSpaces();
    if (inStruct && !consume(':')) {
      throw error("expected ':' after struct field name '" + name + "'");
    }
    Type type = type();
    boolean required = notNull();
    return new NestedField(id, name, required, type, java.util.Optional.empty());
  }

  private Type type() {
    skipSpaces();
    int start = pos;
    String word = word();
    if (word.isEmpty()) {
      throw error(atEnd() ? "expected a type" : "expected a type, found '" + peek() + "'");
    }
    String lower = word.toLowerCase(Locale.ROOT);
    skipSpaces();
    switch (lower) {
      case "struct":
        return struct();
      case "list":
        return list();
      case "map":
        return map();
      case "decimal":
        if (!atEnd() && peek() == '(') {
          skipPast(')', "decimal(P,S)");
        }
        break;
      case "fixed":
        if (!atEnd() && peek() == '[') {
          skipPast(']', "fixed[N]");
        }
        break;
      default:
        break;
    }
    String typeText = text.substring(start, pos).trim();
    try {
      return Types.parsePrimitive(typeText);
    } catch (InvalidInputException e) {
      throw error(e.reason());
    }
  }

  private Type struct() {
    expect('<', "struct<name: type, ...>");
    List<NestedField> fields = new ArrayList<>();
    do {
      fields.add(field(true));
      skipSpaces();
    } while (consume(','));
    expect('>', "'>' or ',' in struct<...>");
    return new Types.StructType(fields);
  }

  private Type list() {
    expect('<', "list<type>");
    int elementId = nextId++;
    Type element = type();
    boolean required = notNull();
    expect('>', "'>' to close list<...>");
    return new Types.ListType(elementId, element, required);
  }

  private Type map() {
    expect('<', "map<keytype, valuetype>");
    int keyId = nextId++;
    int valueId = nextId++;
    Type key = type();
    skipSpaces();
    expect(',', "',' between the key and value types of map<...>");
    Type value = type();
    boolean required = notNull();
    expect('>', "'>' to close map<...>");
    return new Types.MapType(keyId, key, valueId, value, required);
  }

  private boolean notNull() {
    skipSpaces();
    int save = pos;
    String w = word().toLowerCase(Locale.ROOT);
    if (w.equals("not")) {
      skipSpaces();
      if (!word().toLowerCase(Locale.ROOT).equals("null")) {
        throw error("expected 'null' after 'not'");
      }
      return true;
    }
    if (w.equals("null")) {
      return false;
    }
    pos = save;
    if (!w.isEmpty()) {
      throw error("unexpected '" + w + "' after the type; expected ',' or 'not null'");
    }
    return false;
  }

  private String name() {
    skipSpaces();
    if (!atEnd() && (peek() == '"' || peek() == '`')) {
      char quote = text.charAt(pos++);
      int end = text.indexOf(quote, pos);
      if (end < 0) {
        throw error("unterminated quoted name");
      }
      String name = text.substring(pos, end);
      pos = end + 1;
      if (name.isEmpty()) {
        throw error("empty column name");
      }
      return name;
    }
    String name = word();
    if (name.isEmpty()) {
      throw error(atEnd() ? "expected a name" : "expected a name, found '" + peek() + "'");
    }
    return name;
  }

  private String word() {
    int start = pos;
    while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void skipPast(char close, String what) {
    int end = text.indexOf(close, pos);
    if (end < 0) {
      throw error("unterminated " + what);
    }
    pos = end + 1;
  }

  private void expect(char c, String what) {
    skipSpaces();
    if (!consume(c)) {
      throw error("expected " + what + (atEnd() ? "" : ", found '" + peek() + "'"));
    }
  }

  private boolean consume(char c) {
    skipSpaces();
    if (!atEnd() && peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private InvalidInputException error(String reason) {
    String where = columnName.isEmpty()
        ? "column " + column
        : "column " + column + " ('" + columnName + "')";
    return new InvalidInputException("schema", where + ", position " + (pos + 1) + ": " + reason);
  }
}
