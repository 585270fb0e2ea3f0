package dev.floe.cli;

import dev.floe.data.Record;
import dev.floe.types.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Deterministic demo events: {@code id, ts, category, amount, payload}. The same seed and batch
 * give the same rows on every machine, so the demo's numbers are reproducible.
 */
final class EventGenerator {
  static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
  static final int DAYS = 7;
  static final int CATEGORIES = 20;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Types.StructType struct;
  private final SplittableRandom random;
  private final String[] categories = new String[CATEGORIES];
  private final long startMicros = START.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  private long nextId;

  EventGenerator(Types.StructType struct, long seed, long firstId) {
    this.struct = struct;
    this.random = new SplittableRandom(seed);
    this.nextId = firstId;
    for (int i = 0; i < CATEGORIES; i++) {
      categories[i] = String.format("cat-%02d", i);
    }
  }

  Record next() {
    long micros = startMicros + random.nextLong(DAYS * MICROS_PER_DAY);
    LocalDateTime ts = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    String category = categories[random.nextInt(CATEGORIES)];
    double amount = random.nextInt(100_000) / 100.0;
    char[] payload = new char[24 + random.nextInt(17)];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return Record.wrap(struct, new Object[] {nextId++, ts, category, amount, new String(payload)});
  }
}
