package dev.floe.expressions;

import dev.floe.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the SQL-like filter text people type (CLI {@code --filter}, REST scan requests) into an
 * unbound {@link Expression}.
 *
 * <pre>
 *   amount &gt; 10 and category = 'cat-07'
 *   ts &gt;= '2026-01-01T00:00:00' or id in (1, 2, 3)
 *   not (name is null or name like 'abc%')
 *   "my col" &lt;&gt; 'it''s' and 5 &lt; id
 * </pre>
 *
 * Keywords are case-insensitive; {@code and} binds tighter than {@code or}; {@code not} tighter
 * than both. Columns are plain names, dotted paths into structs ({@code address.city}) or
 * double-quoted names ({@code "my col"}, {@code ""} for a quote). Literals: single-quoted strings
 * ({@code ''} for a quote), numbers (whole numbers become Integer or Long, others BigDecimal),
 * {@code true}, {@code false}. Predicates: {@code = == != <> < <= > >=} (a literal on the left
 * flips the operator), {@code [not] in (...)}, {@code is [not] null}, {@code is [not] nan},
 * {@code [not] between a and b}, {@code [not] like 'prefix%'} (only prefix patterns; {@code \}
 * escapes {@code %} and {@code _}), {@code [not] starts with 'prefix'}. The text of any
 * expression ({@link Expression#toString()}) parses back to an equal expression, literal types
 * aside (a Long that fits an int comes back as an Integer, a Double as a BigDecimal).
 *
 * <p>Errors are {@link InvalidInputException} with field {@code filter} and a reason that names
 * the problem and its 1-based position, e.g. {@code expected a value after '=' at position 14,
 * found 'and'}.
 */
public final class ExpressionParser {
  private static final String FIELD = "filter";

  private final List<Token> tokens;
  private int next;

  private ExpressionParser(String text) {
    this.tokens = tokenize(text);
  }

  /** Parses filter text into an unbound expression. */
  public static Expression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(FIELD, "the filter is empty; write e.g. id = 5");
    }
    ExpressionParser parser = new ExpressionParser(text);
    Expression e = parser.parseOr();
    Token t = parser.peek();
    if (t.kind != Kind.END) {
      throw parser.error("expected 'and', 'or' or the end of the filter", t);
    }
    return e;
  }

  // ---------------------------------------------------------------- grammar

  private Expression parseOr() {
    Expression left = parseAnd();
    while (peekKeyword("or")) {
      next++;
      left = Expressions.or(left, parseAnd());
    }
    return left;
  }

  private Expression parseAnd() {
    Expression left = parseNot();
    while (peekKeyword("and")) {
      next++;
      left = Expressions.and(left, parseNot());
    }
    return left;
  }

  private Expression parseNot() {
    if (peekKeyword("not")) {
      next++;
      return Expressions.not(parseNot());
    }
    return parsePrimary();
  }

  private Expression parsePrimary() {
    Token t = peek();
    if (t.isSymbol("(")) {
      next++;
      Expression inner = parseOr();
      Token close = peek();
      if (!close.isSymbol(")")) {
        throw new InvalidInputException(FIELD, "expected ')' to close the '(' at position " + (t.pos + 1)
            + "; found " + describe(close) + " at position " + (close.pos + 1));
      }
      next++;
      return inner;
    }
    if (t.kind == Kind.END) {
      throw error("expected a condition", t);
    }
    Operand left = parseOperand("expected a condition");
    if (left.isLiteral()) {
      Token op = peek();
      Operation cmp = comparison(op);
      if (cmp == null) {
        if (left.literal instanceof Boolean b && left.token.kind == Kind.WORD) {
          return b ? Expressions.alwaysTrue() : Expressions.alwaysFalse();
        }
        throw error("expected a comparison operator after the value " + left.token.text
            + " (a condition compares a column with a value)", op);
      }
      next++;
      Operand right = parseOperand("expected a column after '" + op.text + "'");
      if (!right.isColumn()) {
        throw error("expected a column after '" + op.text + "'; comparing two values is not supported",
            right.token);
      }
      checkNotNull(left, cmp);
      // 5 < id is id > 5
      return predicate(cmp.flip(), right.column, left.literal);
    }
    return parseColumnPredicate(left.column, left.token);
  }

  private Expression parseColumnPredicate(String column, Token columnToken) {
    Token t = peek();
    Operation cmp = comparison(t);
    if (cmp != null) {
      next++;
      Operand right = parseOperand("expected a value after '" + t.text + "'");
      if (right.isColumn()) {
        throw error("expected a value after '" + t.text + "'; comparing two columns is not supported",
            right.token);
      }
      checkNotNull(right, cmp);
      return predicate(cmp, column, right.literal);
    }
    if (t.isKeyword("is")) {
      next++;
      boolean negated = acceptKeyword("not");
      Token what = peek();
      if (what.isKeyword("null")) {
        next++;
        return negated ? Expressions.notNull(column) : Expressions.isNull(column);
      }
      if (what.isKeyword("nan")) {
        next++;
        return negated ? Expressions.notNaN(column) : Expressions.isNaN(column);
      }
      throw error("expected 'null' or 'nan' after '" + (negated ? "is not" : "is") + "'", what);
    }
    boolean negated = acceptKeyword("not");
    Token op = peek();
    if (op.isKeyword("in")) {
      next++;
      List<Object> values = parseList();
      return negated ? Expressions.notIn(column, values) : Expressions.in(column, values);
    }
    if (op.isKeyword("like")) {
      next++;
      return like(column, negated);
    }
    if (op.isKeyword("starts")) {
      next++;
      Token with = peek();
      if (!with.isKeyword("with")) {
        throw error("expected 'with' after 'starts'", with);
      }
      next++;
      Operand prefix = parseOperand("expected a quoted prefix after 'starts with'");
      if (!(prefix.literal instanceof String s)) {
        throw error("expected a quoted prefix after 'starts with'", prefix.token);
      }
      return negated ? Expressions.notStartsWith(column, s) : Expressions.startsWith(column, s);
    }
    if (op.isKeyword("between")) {
      next++;
      Object low = parseValue("expected a value after 'between'");
      Token and = peek();
      if (!and.isKeyword("and")) {
        throw error("expected 'and' in 'between ... and ...'", and);
      }
      next++;
      Object high = parseValue("expected a value after 'and'");
      Expression range = Expressions.and(Expressions.greaterThanOrEqual(column, low),
          Expressions.lessThanOrEqual(column, high));
      return negated ? Expressions.not(range) : range;
    }
    if (negated) {
      throw error("expected 'in', 'like', 'between' or 'starts with' after 'not'", op);
    }
    throw error("expected an operator (=, !=, <, <=, >, >=, in, is, like, between) after "
        + "column " + columnToken.text, t);
  }

  private List<Object> parseList() {
    Token open = peek();
    if (!open.isSymbol("(")) {
      throw error("expected '(' to start the list of values", open);
    }
    next++;
    List<Object> values = new ArrayList<>();
    while (true) {
      values.add(parseValue(values.isEmpty() ? "expected a value in the list" : "expected a value after ','"));
      Token t = peek();
      if (t.isSymbol(",")) {
        next++;
      } else if (t.isSymbol(")")) {
        next++;
        return values;
      } else {
        throw error("expected ',' or ')' in the list of values", t);
      }
    }
  }

  private Object parseValue(String expectation) {
    Operand v = parseOperand(expectation);
    if (v.isColumn()) {
      throw error(expectation + "; columns cannot be used here", v.token);
    }
    if (v.literal == null) {
      throw error("null cannot be used here; use 'is null' or 'is not null'", v.token);
    }
    return v.literal;
  }

  /** A column or a literal; {@code null} is a literal with a null value. */
  private Operand parseOperand(String expectation) {
    Token t = peek();
    switch (t.kind) {
      case STRING:
        next++;
        return Operand.literal(t, t.text.substring(1, t.text.length() - 1).replace("''", "'"));
      case NUMBER:
        next++;
        return Operand.literal(t, number(t.text, false));
      case SYMBOL:
        if ((t.isSymbol("-") || t.isSymbol("+")) && peekAt(1).kind == Kind.NUMBER) {
          next += 2;
          return Operand.literal(t, number(peekAt(-1).text, t.isSymbol("-")));
        }
        throw error(expectation, t);
      case QUOTED:
      case WORD: {
        if (t.kind == Kind.WORD) {
          String word = t.text.toLowerCase(Locale.ROOT);
          if (word.equals("true") || word.equals("false")) {
            next++;
            return Operand.literal(t, Boolean.valueOf(word));
          }
          if (word.equals("null")) {
            next++;
            return Operand.literal(t, null);
          }
          if (ExpressionText.KEYWORDS.contains(word)) {
            InvalidInputException e = error(expectation, t);
            if (word.equals("and") || word.equals("or")) {
              throw e;
            }
            throw new InvalidInputException(FIELD, e.reason() + "; to use '" + t.text
                + "' as a column name, write \"" + t.text + "\"");
          }
        }
        next++;
        StringBuilder name = new StringBuilder(identifier(t));
        while (peek().isSymbol(".") && peek().pos == peekAt(-1).end
            && (peekAt(1).kind == Kind.WORD || peekAt(1).kind == Kind.QUOTED)) {
          name.append('.').append(identifier(peekAt(1)));
          next += 2;
        }
        return Operand.column(t, name.toString());
      }
      default:
        throw error(expectation, t);
    }
  }

  private Expression like(String column, boolean negated) {
    Token t = peek();
    if (t.kind != Kind.STRING) {
      throw error("expected a quoted pattern after 'like'", t);
    }
    next++;
    String pattern = t.text.substring(1, t.text.length() - 1).replace("''", "'");
    StringBuilder prefix = new StringBuilder();
    boolean wildcard = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (wildcard) {
        if (c != '%') {
          throw likeError(t);
        }
      } else if (c == '\\' && i + 1 < pattern.length()) {
        prefix.append(pattern.charAt(++i));
      } else if (c == '%') {
        wildcard = true;
      } else if (c == '_') {
        throw likeError(t);
      } else {
        prefix.append(c);
      }
    }
    String p = prefix.toString();
    if (!wildcard) {
      return negated ? Expressions.notEqual(column, p) : Expressions.equal(column, p);
    }
    return negated ? Expressions.notStartsWith(column, p) : Expressions.startsWith(column, p);
  }

  private InvalidInputException likeError(Token t) {
    return new InvalidInputException(FIELD, "only prefix patterns like 'abc%' are supported; " + t.text
        + " at position " + (t.pos + 1) + " has a wildcard before its end (write \\% or \\_ for a"
        + " literal % or _)");
  }

  private static Expression predicate(Operation op, String column, Object literal) {
    return switch (op) {
      case EQ -> Expressions.equal(column, literal);
      case NOT_EQ -> Expressions.notEqual(column, literal);
      case LT -> Expressions.lessThan(column, literal);
      case LT_EQ -> Expressions.lessThanOrEqual(column, literal);
      case GT -> Expressions.greaterThan(column, literal);
      case GT_EQ -> Expressions.greaterThanOrEqual(column, literal);
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  private void checkNotNull(Operand value, Operation op) {
    if (value.isLiteral() && value.literal == null) {
      throw new InvalidInputException(FIELD, "a comparison with null is never true; write 'is "
          + (op == Operation.NOT_EQ ? "not " : "") + "null' instead (position " + (value.token.pos + 1) + ")");
    }
  }

  private static Operation comparison(Token t) {
    if (t.kind != Kind.SYMBOL) {
      return null;
    }
    return switch (t.text) {
      case "=", "==" -> Operation.EQ;
      case "!=", "<>" -> Operation.NOT_EQ;
      case "<" -> Operation.LT;
      case "<=" -> Operation.LT_EQ;
      case ">" -> Operation.GT;
      case ">=" -> Operation.GT_EQ;
      default -> null;
    };
  }

  private static Object number(String text, boolean negative) {
    String t = negative ? "-" + text : text;
    boolean whole = t.chars().allMatch(c -> c == '-' || Character.isDigit(c));
    if (!whole) {
      return new BigDecimal(t);
    }
    BigInteger i = new BigInteger(t);
    if (i.bitLength() <= 31) {
      return i.intValue();
    }
    if (i.bitLength() <= 63) {
      return i.longValue();
    }
    return new BigDecimal(i);
  }

  private static String identifier(Token t) {
    if (t.kind == Kind.QUOTED) {
      return t.text.substring(1, t.text.length() - 1).replace("\"\"", "\"");
    }
    return t.text;
  }

  // ---------------------------------------------------------------- tokens

  private enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL, END }

  private record Token(Kind kind, String text, int pos, int end) {
    boolean isSymbol(String s) {
      return kind == Kind.SYMBOL && text.equals(s);
    }

    boolean isKeyword(String k) {
      return kind == Kind.WORD && text.equalsIgnoreCase(k);
    }
  }

  private record Operand(Token token, String column, Object literal) {
    static Operand column(Token t, String name) {
      return new Operand(t, name, null);
    }

    static Operand literal(Token t, Object value) {
      return new Operand(t, null, value);
    }

    boolean isColumn() {
      return column != null;
    }

    boolean isLiteral() {
      return column == null;
    }
  }

  private Token peek() {
    return tokens.get(Math.min(next, tokens.size() - 1));
  }

  private Token peekAt(int offset) {
    int i = Math.max(0, Math.min(next + offset, tokens.size() - 1));
    return tokens.get(i);
  }

  private boolean peekKeyword(String k) {
    return peek().isKeyword(k);
  }

  private boolean acceptKeyword(String k) {
    if (peekKeyword(k)) {
      next++;
      return true;
    }
    return false;
  }

  private InvalidInputException error(String message, Token at) {
    return new InvalidInputException(FIELD, message + " at position " + (at.pos + 1) + ", found " + describe(at));
  }

  private static String describe(Token t) {
    return t.kind == Kind.END ? "the end of the filter" : "'" + t.text + "'";
  }

  private static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (c == '\'' || c == '"') {
        i = closingQuote(text, i, c);
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.substring(start, i), start, i));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
        i = numberEnd(text, i);
        out.add(new Token(Kind.NUMBER, text.substring(start, i), start, i));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.WORD, text.substring(start, i), start, i));
      } else {
        String two = i + 1 < n ? text.substring(i, i + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>") || two.equals("==")) {
          i += 2;
        } else if ("=<>(),.-+".indexOf(c) >= 0) {
          i++;
        } else {
          throw new InvalidInputException(FIELD, "unexpected character '" + c + "' at position " + (i + 1));
        }
        out.add(new Token(Kind.SYMBOL, text.substring(start, i), start, i));
      }
    }
    out.add(new Token(Kind.END, "", n, n));
    return out;
  }

  private static int closingQuote(String text, int open, char quote) {
    int i = open + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new InvalidInputException(FIELD, "the " + (quote == '\'' ? "string" : "quoted column name")
        + " starting at position " + (open + 1) + " has no closing " + quote);
  }

  private static int numberEnd(String text, int i) {
    int n = text.length();
    while (i < n && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(text.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
      }
    }
    if (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
      throw new InvalidInputException(FIELD, "unexpected '" + text.charAt(i) + "' after the number at"
          + " position " + (i + 1) + "; quote column names that start with a digit: \"1col\"");
    }
    return i;
  }
}
