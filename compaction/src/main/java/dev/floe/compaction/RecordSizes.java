package dev.floe.compaction;

import dev.floe.data.Record;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Rough heap bytes of a record (64-bit JVM, compressed pointers), for the sorter's memory budget.
 * It needs to be right within a factor, not exact: the budget is a bound on buffering, far below
 * the heap.
 */
final class RecordSizes {
  private RecordSizes() {}

  private static final int HEADER = 16;
  private static final int REF = 4;

  static long estimate(Object v) {
    if (v == null || v instanceof Boolean) {
      return 0; // null, or a shared Boolean instance
    }
    if (v instanceof Record r) {
      long size = HEADER + 8 + HEADER + (long) REF * r.size();
      for (int i = 0; i < r.size(); i++) {
        size += estimate(r.get(i));
      }
      return size;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Float) {
      return HEADER + 8;
    }
    if (v instanceof String s) {
      // String object + byte[]; Latin-1 text takes a byte per char, other text two
      return HEADER + 8 + HEADER + (long) s.length() * (isLatin1(s) ? 1 : 2);
    }
    if (v instanceof LocalDateTime) {
      return 3 * (HEADER + 8);
    }
    if (v instanceof OffsetDateTime) {
      return 5 * (HEADER + 8);
    }
    if (v instanceof LocalDate || v instanceof LocalTime) {
      return HEADER + 8;
    }
    if (v instanceof ByteBuffer b) {
      return 48 + HEADER + b.capacity();
    }
    if (v instanceof BigDecimal d) {
      return 40 + HEADER + d.unscaledValue().bitLength() / 8 + 8;
    }
    if (v instanceof List<?> list) {
      long size = HEADER + 8 + HEADER + (long) REF * list.size();
      for (Object e : list) {
        size += estimate(e);
      }
      return size;
    }
    if (v instanceof Map<?, ?> map) {
      long size = 48 + HEADER + (long) REF * 2 * map.size() + 32L * map.size();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size += estimate(e.getKey()) + estimate(e.getValue());
      }
      return size;
    }
    return 32; // UUID and the like
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xff) {
        return false;
      }
    }
    return true;
  }
}
