package dev.floe.compaction;

import dev.floe.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: {@code 134217728}, {@code 128MB}, {@code 128 MiB}, {@code 1g}.
 * Units are binary (K = 1024), as Iceberg's and Floe's size properties are: {@code 128MB} is
 * the 134,217,728 bytes of Iceberg's default target.
 */
public final class ByteSize {
  private ByteSize() {}

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b?)");

  public static long parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(field, "no size given");
    }
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(2).isEmpty() && m.group(3).equals("i"))) {
      throw new InvalidInputException(field, "cannot read size '" + text
          + "'; write bytes or a number with K, M, G or T (binary units), e.g. 128MB");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    double value = Double.parseDouble(m.group(1)) * Math.pow(2, shift);
    if (value < 1 || value > Long.MAX_VALUE / 2) {
      throw new InvalidInputException(field, "size '" + text + "' is out of range (1 byte .. 4 EiB)");
    }
    return (long) value;
  }
}
