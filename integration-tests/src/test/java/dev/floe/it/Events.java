package dev.floe.it;

import dev.floe.data.Record;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The event table of the benchmark workloads: deterministic rows, row i has id i. */
final class Events {
  private Events() {}

  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE),
      NestedField.optional(5, "payload", Types.STRING));

  static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);

  /** Rows with ids [from, to). Values depend only on the id, so any subset can be recomputed. */
  static List<Record> rows(long from, long to) {
    List<Record> out = new ArrayList<>((int) (to - from));
    for (long id = from; id < to; id++) {
      out.add(row(id));
    }
    return out;
  }

  static Record row(long id) {
    SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 17);
    StringBuilder payload = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      payload.append((char) ('a' + r.nextInt(26)));
    }
    return Record.of(SCHEMA.asStruct(), id, START.plusSeconds(id), String.format("cat-%02d", r.nextInt(100)),
        r.nextDouble() * 1000, payload.toString());
  }
}
