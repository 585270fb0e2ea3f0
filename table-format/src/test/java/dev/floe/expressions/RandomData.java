package dev.floe.expressions;

import dev.floe.manifest.ColumnStats;
import dev.floe.types.Comparators;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Small value domains that collide often and sit on the edges that matter (partition boundaries,
 * negative times, NaN, prefixes of each other, code points beyond the BMP), random filters over
 * them, and statistics computed from rows the way a writer would (bounds over non-null, non-NaN
 * values; string bounds truncated, the upper one rounded up).
 */
final class RandomData {
  private final Random random;

  RandomData(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  private static final long DAY = 86_400_000_000L;
  private static final long HOUR = 3_600_000_000L;
  private static final List<String> STRINGS = List.of("", "a", "ab", "abc", "abd", "abcd", "abcde", "b", "ba",
      "bz", "é", "éb", "\uD83D\uDE00", "\uD83D\uDE00x", "z", "zz");
  private static final List<String> PREFIXES = List.of("", "a", "ab", "abc", "abcd", "b", "é", "\uD83D\uDE00", "zz", "y");

  /** A random external (record) value of the type, never null. */
  Object value(Type.PrimitiveType type) {
    switch (type.kind()) {
      case BOOLEAN:
        return random.nextBoolean();
      case INT:
        return random.nextInt(13) - 6;
      case LONG:
        return (long) (random.nextInt(31) - 15);
      case FLOAT:
        return (float) (double) pick(List.of(-1.5, -0.0, 0.0, 1.0, 2.5, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY));
      case DOUBLE:
        return pick(List.of(-1.5, -0.0, 0.0, 1.0, 2.5, 3.0, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY));
      case DECIMAL:
        return BigDecimal.valueOf(random.nextInt(41) - 20, 1)
            .setScale(((Types.DecimalType) type).scale());
      case DATE:
        return LocalDate.ofEpochDay(pick(List.of(-400L, -366L, -365L, -32L, -31L, -1L, 0L, 1L, 30L, 31L, 59L,
            364L, 365L, 366L, 20454L)) + random.nextInt(3) - 1);
      case TIME:
        return Values.toExternal(type, (long) random.nextInt(5) * HOUR + random.nextInt(3) - 1 + HOUR);
      case TIMESTAMP:
      case TIMESTAMPTZ:
        return Values.toExternal(type, micros());
      case STRING:
        return pick(STRINGS);
      case UUID:
        return new java.util.UUID(random.nextInt(3) - 1, random.nextInt(3) - 1);
      case BINARY: {
        byte[] b = new byte[random.nextInt(4)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) pick(List.of(0, 1, 127, -128, -1)).intValue();
        }
        return ByteBuffer.wrap(b);
      }
      case FIXED:
        return ByteBuffer.wrap(new byte[] {(byte) random.nextInt(3), (byte) (random.nextInt(3) - 1)});
      default:
        throw new IllegalArgumentException(type.toString());
    }
  }

  /** Microseconds near day, hour, month and year boundaries, before and after the epoch. */
  private long micros() {
    long base = pick(List.of(0L, DAY, -DAY, 31 * DAY, -31 * DAY, 365 * DAY, -365 * DAY, -366 * DAY,
        59 * DAY, 20454 * DAY, HOUR, -HOUR, 5 * HOUR));
    long delta = pick(List.of(0L, 1L, -1L, HOUR, -HOUR, DAY / 2));
    return base + delta;
  }

  /** A random external value, null with the given probability. */
  Object valueOrNull(Type.PrimitiveType type, double nullChance) {
    return random.nextDouble() < nullChance ? null : value(type);
  }

  /** A literal for a predicate on the type: a domain value (never NaN). */
  Object literal(Type.PrimitiveType type) {
    while (true) {
      Object v = value(type);
      if (!Predicates.isNaN(v)) {
        return v;
      }
    }
  }

  /** A random predicate on a column, using every operation the column's type allows. */
  Expression predicate(String column, Type.PrimitiveType type) {
    List<Operation> ops = new ArrayList<>(List.of(Operation.IS_NULL, Operation.NOT_NULL, Operation.LT,
        Operation.LT_EQ, Operation.GT, Operation.GT_EQ, Operation.EQ, Operation.NOT_EQ, Operation.IN,
        Operation.NOT_IN));
    if (type.kind() == Type.Kind.FLOAT || type.kind() == Type.Kind.DOUBLE) {
      ops.add(Operation.IS_NAN);
      ops.add(Operation.NOT_NAN);
    }
    if (type.kind() == Type.Kind.STRING) {
      ops.add(Operation.STARTS_WITH);
      ops.add(Operation.NOT_STARTS_WITH);
      ops.add(Operation.STARTS_WITH);
      ops.add(Operation.NOT_STARTS_WITH);
    }
    Operation op = pick(ops);
    if (op.isUnary()) {
      return new UnboundPredicate(op, column, List.of());
    }
    if (op == Operation.STARTS_WITH || op == Operation.NOT_STARTS_WITH) {
      return new UnboundPredicate(op, column, List.of(pick(PREFIXES)));
    }
    if (op.isSet()) {
      List<Object> values = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        values.add(literal(type));
      }
      return new UnboundPredicate(op, column, values);
    }
    return new UnboundPredicate(op, column, List.of(literal(type)));
  }

  /** A random filter tree of and, or, not over predicates on the struct's primitive top-level columns. */
  Expression filter(Types.StructType struct, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      NestedField f = pick(struct.fields());
      return predicate(f.name(), f.type().asPrimitive());
    }
    return switch (random.nextInt(5)) {
      case 0, 1 -> new Expression.And(filter(struct, depth - 1), filter(struct, depth - 1));
      case 2, 3 -> new Expression.Or(filter(struct, depth - 1), filter(struct, depth - 1));
      default -> new Expression.Not(filter(struct, depth - 1));
    };
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  // ---------------------------------------------------------------- statistics

  /**
   * Statistics over internal values of one column, as a writer computes them; each part is
   * randomly left out (unknown) and bounds are randomly loosened, which readers must tolerate.
   */
  ColumnStats stats(int fieldId, Type.PrimitiveType type, List<Object> internalValues, boolean dropSome) {
    long nulls = 0;
    long nans = 0;
    Object lower = null;
    Object upper = null;
    Comparator<Object> cmp = Comparators.forType(type);
    for (Object v : internalValues) {
      if (v == null) {
        nulls++;
      } else if (Predicates.isNaN(v)) {
        nans++;
      } else {
        lower = lower == null || cmp.compare(v, lower) < 0 ? v : lower;
        upper = upper == null || cmp.compare(v, upper) > 0 ? v : upper;
      }
    }
    if (type.kind() == Type.Kind.STRING && random.nextBoolean()) {
      int width = 1 + random.nextInt(2);
      lower = lower == null ? null : Predicates.truncateCodePoints((String) lower, width);
      upper = upper == null ? null : truncateUp((String) upper, width);
    }
    if (dropSome && lower != null && random.nextInt(5) == 0) {
      lower = loosen(type, lower, -1);
    }
    if (dropSome && upper != null && random.nextInt(5) == 0) {
      upper = loosen(type, upper, 1);
    }
    boolean floating = type.kind() == Type.Kind.FLOAT || type.kind() == Type.Kind.DOUBLE;
    return new ColumnStats(fieldId, OptionalLong.empty(),
        keep(dropSome) ? OptionalLong.of(internalValues.size()) : OptionalLong.empty(),
        keep(dropSome) ? OptionalLong.of(nulls) : OptionalLong.empty(),
        floating && keep(dropSome) ? OptionalLong.of(nans) : OptionalLong.empty(),
        keep(dropSome) ? Optional.ofNullable(lower) : Optional.empty(),
        keep(dropSome) ? Optional.ofNullable(upper) : Optional.empty());
  }

  private boolean keep(boolean dropSome) {
    return !dropSome || random.nextInt(6) != 0;
  }

  /** A truncated upper bound: the first code points with the last one raised; null if impossible. */
  static String truncateUp(String s, int width) {
    String cut = Predicates.truncateCodePoints(s, width);
    if (cut.equals(s)) {
      return s;
    }
    int[] cps = cut.codePoints().toArray();
    int last = cps[cps.length - 1] + 1;
    if (last >= 0xD800 && last <= 0xDFFF) {
      last = 0xE000;
    }
    if (last > Character.MAX_CODE_POINT) {
      return null;
    }
    cps[cps.length - 1] = last;
    return new String(cps, 0, cps.length);
  }

  private Object loosen(Type.PrimitiveType type, Object bound, int direction) {
    return switch (type.kind()) {
      case INT, DATE -> (Integer) bound + direction;
      case LONG, TIMESTAMP, TIMESTAMPTZ, TIME -> (Long) bound + direction;
      case DOUBLE -> (Double) bound + direction;
      case DECIMAL -> ((BigDecimal) bound).add(BigDecimal.valueOf(direction));
      default -> bound;
    };
  }

  /** Per-column statistics of a set of rows (external values, one array per row). */
  Map<Integer, ColumnStats> stats(Types.StructType struct, List<Object[]> rows, boolean dropSome) {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    for (int c = 0; c < struct.fields().size(); c++) {
      NestedField f = struct.fields().get(c);
      if (dropSome && random.nextInt(8) == 0) {
        continue;
      }
      List<Object> internal = new ArrayList<>();
      for (Object[] row : rows) {
        internal.add(Values.toInternal(f.type().asPrimitive(), row[c]));
      }
      stats.put(f.id(), stats(f.id(), f.type().asPrimitive(), internal, dropSome));
    }
    return stats;
  }
}
