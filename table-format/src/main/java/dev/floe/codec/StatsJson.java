package dev.floe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.error.InvalidInputException;
import dev.floe.manifest.ColumnStats;
import dev.floe.types.Type;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/** The {@code column-stats} array that data-file entries and manifest-list entries share. */
final class StatsJson {
  private StatsJson() {}

  /**
   * Writes the stats sorted by field id. {@code typeByFieldId} may return null for a column the
   * schema no longer has: its values are then written by their Java class.
   */
  static void write(JsonGenerator g, Map<Integer, ColumnStats> stats,
      IntFunction<Type.PrimitiveType> typeByFieldId, boolean withColumnSize) throws IOException {
    g.writeStartArray();
    if (!stats.isEmpty()) {
      int[] ids = new int[stats.size()];
      int n = 0;
      for (Integer id : stats.keySet()) {
        ids[n++] = id;
      }
      Arrays.sort(ids);
      for (int id : ids) {
        writeOne(g, stats.get(id), typeByFieldId.apply(id), withColumnSize);
      }
    }
    g.writeEndArray();
  }

  private static void writeOne(JsonGenerator g, ColumnStats s, Type.PrimitiveType type,
      boolean withColumnSize) throws IOException {
    g.writeStartObject();
    g.writeNumberField("field-id", s.fieldId());
    if (withColumnSize && s.columnSizeBytes().isPresent()) {
      g.writeNumberField("column-size", s.columnSizeBytes().getAsLong());
    }
    if (s.valueCount().isPresent()) {
      g.writeNumberField("value-count", s.valueCount().getAsLong());
    }
    if (s.nullCount().isPresent()) {
      g.writeNumberField("null-count", s.nullCount().getAsLong());
    }
    // NaN counts mean something only for float and double columns
    if (s.nanCount().isPresent() && (type == null || isFloatingPoint(type))) {
      g.writeNumberField("nan-count", s.nanCount().getAsLong());
    }
    writeBound(g, "lower-bound", s.fieldId(), type, s.lowerBound());
    writeBound(g, "upper-bound", s.fieldId(), type, s.upperBound());
    g.writeEndObject();
  }

  private static void writeBound(JsonGenerator g, String name, int fieldId, Type.PrimitiveType type,
      Optional<Object> bound) throws IOException {
    if (bound.isEmpty() || SingleValueJson.isNonFinite(bound.get())) {
      return; // no bound is "unknown"; NaN and infinities are never bounds
    }
    g.writeFieldName(name);
    try {
      if (type == null) {
        SingleValueJson.writeUntyped(g, bound.get());
      } else {
        SingleValueJson.write(g, type, bound.get());
      }
    } catch (InvalidInputException e) {
      throw new InvalidInputException("column-stats",
          name + " of field " + fieldId + ": " + e.reason(), e);
    }
  }

  static boolean isFloatingPoint(Type.PrimitiveType type) {
    return type.kind() == Type.Kind.FLOAT || type.kind() == Type.Kind.DOUBLE;
  }

  /**
   * Reads a {@code column-stats} array. Bounds of ids that {@code typeByFieldId} does not know
   * (null) are dropped; the counts are kept.
   */
  static Map<Integer, ColumnStats> read(JsonIn in, IntFunction<Type.PrimitiveType> typeByFieldId)
      throws IOException {
    in.expectArray();
    Map<Integer, ColumnStats> stats = new HashMap<>();
    while (in.nextElement()) {
      ColumnStats s = readOne(in, typeByFieldId);
      if (stats.put(s.fieldId(), s) != null) {
        throw in.fail("field-id " + s.fieldId() + " has two column-stats entries");
      }
    }
    return stats;
  }

  private static ColumnStats readOne(JsonIn in, IntFunction<Type.PrimitiveType> typeByFieldId)
      throws IOException {
    in.expectObject();
    boolean hasId = false;
    int fieldId = 0;
    Type.PrimitiveType type = null;
    OptionalLong columnSize = OptionalLong.empty();
    OptionalLong valueCount = OptionalLong.empty();
    OptionalLong nullCount = OptionalLong.empty();
    OptionalLong nanCount = OptionalLong.empty();
    Object lower = null;
    Object upper = null;
    SingleValueJson.Raw rawLower = null;
    SingleValueJson.Raw rawUpper = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "field-id" -> {
          fieldId = in.intValue();
          hasId = true;
          type = typeByFieldId.apply(fieldId);
        }
        case "column-size" -> columnSize = optionalCount(in);
        case "value-count" -> valueCount = optionalCount(in);
        case "null-count" -> nullCount = optionalCount(in);
        case "nan-count" -> nanCount = optionalCount(in);
        case "lower-bound" -> {
          if (hasId) {
            lower = boundOrSkip(in, type);
          } else {
            rawLower = SingleValueJson.capture(in);
          }
        }
        case "upper-bound" -> {
          if (hasId) {
            upper = boundOrSkip(in, type);
          } else {
            rawUpper = SingleValueJson.capture(in);
          }
        }
        default -> in.skip();
      }
    }
    if (!hasId) {
      throw in.missing("field-id");
    }
    if (type != null) {
      if (rawLower != null) {
        lower = SingleValueJson.decode(in.location(), rawLower, type);
      }
      if (rawUpper != null) {
        upper = SingleValueJson.decode(in.location(), rawUpper, type);
      }
    }
    return new ColumnStats(fieldId, columnSize, valueCount, nullCount, nanCount,
        Optional.ofNullable(lower), Optional.ofNullable(upper));
  }

  private static Object boundOrSkip(JsonIn in, Type.PrimitiveType type) throws IOException {
    if (type == null) {
      if (in.token().isStructStart()) {
        throw in.wrongType("a single value");
      }
      return null;
    }
    return SingleValueJson.read(in, type);
  }

  static OptionalLong optionalCount(JsonIn in) throws IOException {
    return in.isNull() ? OptionalLong.empty() : OptionalLong.of(in.countValue());
  }
}
