package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Rows of every kind of column the format has, nulls, NaNs, -0.0 and non-ASCII text included, and
 * nested struct, list and map values. Row values depend only on the id, so any subset of rows can
 * be recomputed by a test.
 */
final class WideRows {
  private WideRows() {}

  static final Types.StructType POINT = Types.StructType.of(
      NestedField.optional(12, "x", Types.INT),
      NestedField.optional(13, "y", Types.DOUBLE));

  static final Schema SCHEMA = Schema.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "amount", Types.DOUBLE),
      NestedField.optional(5, "ratio", Types.FLOAT),
      NestedField.optional(6, "day", Types.DATE),
      NestedField.optional(7, "price", Types.decimal(10, 2)),
      NestedField.optional(8, "flag", Types.BOOLEAN),
      NestedField.optional(9, "blob", Types.BINARY),
      NestedField.optional(10, "uid", Types.UUID),
      NestedField.optional(11, "point", POINT),
      NestedField.optional(14, "tags", new Types.ListType(15, Types.STRING, false)),
      NestedField.optional(16, "attrs", new Types.MapType(17, Types.STRING, 18, Types.LONG, false)));

  static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
  static final String[] CATEGORIES = {"alpha", "beta", "gamma", "délta", "ε-psilon", "zeta"};

  static List<Record> rows(long from, long to) {
    List<Record> out = new ArrayList<>((int) (to - from));
    for (long id = from; id < to; id++) {
      out.add(row(id));
    }
    return out;
  }

  /** Row {@code id}: a minute apart in ts, so 1,440 rows a day. */
  static Record row(long id) {
    SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 5);
    Object[] v = new Object[13];
    v[0] = id;
    v[1] = id % 17 == 3 ? null : START.plusMinutes(id);
    v[2] = id % 7 == 0 ? null : CATEGORIES[r.nextInt(CATEGORIES.length)];
    v[3] = id % 11 == 0 ? (Object) Double.NaN : id % 13 == 0 ? null : id % 29 == 0 ? (Object) (-0.0)
        : (Object) (r.nextDouble() * 2000 - 1000);
    v[4] = id % 19 == 0 ? (Object) Float.NaN : id % 23 == 0 ? null : (Object) (float) r.nextDouble();
    v[5] = id % 31 == 0 ? null : LocalDate.of(2020, 1, 1).plusDays(r.nextInt(3000));
    v[6] = id % 37 == 0 ? null : BigDecimal.valueOf(r.nextLong(-10_000_000, 10_000_000), 2);
    v[7] = id % 5 == 0 ? null : r.nextBoolean();
    byte[] blob = new byte[r.nextInt(0, 12)];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) r.nextInt(256);
    }
    v[8] = id % 41 == 0 ? null : ByteBuffer.wrap(blob);
    v[9] = id % 43 == 0 ? null : new UUID(r.nextLong(), r.nextLong());
    Object x = id % 4 == 0 ? null : (Object) r.nextInt(-500, 500);
    Object y = id % 6 == 0 ? (Object) Double.NaN : (Object) r.nextDouble();
    v[10] = id % 9 == 0 ? null : Record.of(POINT, x, y);
    if (id % 10 == 0) {
      v[11] = null;
    } else {
      List<String> tags = new ArrayList<>();
      for (int i = r.nextInt(0, 4); i > 0; i--) {
        tags.add(i == 2 && id % 3 == 0 ? null : "t" + r.nextInt(100));
      }
      v[11] = tags;
    }
    if (id % 8 == 0) {
      v[12] = null;
    } else {
      Map<String, Long> attrs = new LinkedHashMap<>();
      for (int i = r.nextInt(0, 3); i > 0; i--) {
        attrs.put("k" + i, i == 1 && id % 5 == 1 ? null : (Long) r.nextLong());
      }
      v[12] = attrs;
    }
    return Record.of(SCHEMA.asStruct(), v);
  }

  static List<String> columnNames() {
    return Arrays.asList("id", "ts", "category", "amount", "ratio", "day", "price", "flag", "blob", "uid",
        "point", "tags", "attrs");
  }
}
