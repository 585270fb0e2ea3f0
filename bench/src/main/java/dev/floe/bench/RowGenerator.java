package dev.floe.bench;

import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * The one data generator both systems consume (WORKLOADS.md, "Data"): row i has id i, ts
 * 2026-01-01T00:00 + i s, a seeded category cat-00..cat-99, a seeded amount in [0, 1000) and 20
 * seeded ASCII letters. Strings that repeat are made once; the payload costs two random longs.
 * Mutable and reused: read the fields after {@link #next()}.
 */
final class RowGenerator {
  static final long SEED = 20_260_101L;
  static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
  static final String[] CATEGORIES = new String[100];
  static final int PAYLOAD_LENGTH = 20;

  static {
    for (int c = 0; c < CATEGORIES.length; c++) {
      CATEGORIES[c] = new String(new char[] {'c', 'a', 't', '-', (char) ('0' + c / 10), (char) ('0' + c % 10)});
    }
  }

  private final SplittableRandom random = new SplittableRandom(SEED);
  private final char[] letters = new char[PAYLOAD_LENGTH];
  private long nextId;

  long id;
  LocalDateTime ts;
  String category;
  double amount;
  String payload;

  void next() {
    id = nextId++;
    ts = START.plusSeconds(id);
    category = CATEGORIES[random.nextInt(CATEGORIES.length)];
    amount = random.nextDouble() * 1000;
    // 26^10 < 2^63: ten letters from each non-negative random long
    for (int half = 0; half < 2; half++) {
      long bits = random.nextLong() >>> 1;
      for (int k = 0; k < PAYLOAD_LENGTH / 2; k++) {
        letters[half * 10 + k] = (char) ('a' + (int) (bits % 26));
        bits /= 26;
      }
    }
    payload = new String(letters);
  }

  /** Microseconds since the epoch of {@code START + seconds}: the internal form of the ts column. */
  static long tsMicros(long seconds) {
    return (START.toEpochSecond(java.time.ZoneOffset.UTC) + seconds) * 1_000_000L;
  }

  /** A value every system folds the same way: order-independent sum of per-row hashes. */
  static long rowHash(Object id, Object ts, Object category, Object amount, Object payload) {
    long h = hash(id);
    h = h * 31 + hash(ts);
    h = h * 31 + hash(category);
    h = h * 31 + hash(amount);
    return h * 31 + hash(payload);
  }

  private static long hash(Object v) {
    return v == null ? 0 : v.hashCode();
  }
}
