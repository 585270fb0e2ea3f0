package dev.floe.codec;

import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.FileFormat;
import dev.floe.manifest.ManifestEntry;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** A schema with a column of every primitive type, a spec partitioning by each, and sample values. */
final class CodecFixtures {
  private CodecFixtures() {}

  static final List<Type.PrimitiveType> TYPES = List.of(Types.BOOLEAN, Types.INT, Types.LONG,
      Types.FLOAT, Types.DOUBLE, Types.decimal(9, 2), Types.DATE, Types.TIME, Types.TIMESTAMP,
      Types.TIMESTAMPTZ, Types.STRING, Types.UUID, Types.BINARY, Types.fixed(4),
      Types.decimal(38, 10));

  static final Schema SCHEMA = allTypesSchema();

  static final PartitionSpec SPEC = identityOnEveryColumn();

  static final Types.StructType PARTITION_TYPE = SPEC.partitionType(SCHEMA);

  private static Schema allTypesSchema() {
    List<NestedField> fields = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      fields.add(NestedField.optional(i + 1, "c" + (i + 1), TYPES.get(i)));
    }
    return new Schema(3, fields);
  }

  private static PartitionSpec identityOnEveryColumn() {
    List<PartitionField> fields = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      fields.add(new PartitionField(i + 1, 1000 + i, "p" + (i + 1), Transforms.identity()));
    }
    return new PartitionSpec(4, fields);
  }

  /** A small value of each type (index k selects one of a few). */
  static Object value(Type.PrimitiveType type, int k) {
    return switch (type.kind()) {
      case BOOLEAN -> k % 2 == 1;
      case INT -> -5 + k * 7;
      case LONG -> 3051729675574597004L + k;
      case FLOAT -> 1.25f * k - 0.5f;
      case DOUBLE -> -1e10 + k * 0.125;
      case DECIMAL -> ((Types.DecimalType) type).scale() == 2
          ? new BigDecimal("12.30").add(BigDecimal.valueOf(k)).setScale(2)
          : new BigDecimal("-9999999999999999999999999999.0000000001").add(BigDecimal.valueOf(k)).setScale(10);
      case DATE -> 20454 + k;
      case TIME -> 45_296_000_001L + k;
      case TIMESTAMP -> 1_767_225_600_000_000L + k;
      case TIMESTAMPTZ -> -86_400_000_000L + k;
      case STRING -> "é-" + (char) ('a' + k) + "\"\u2603";
      case UUID -> new UUID(0x8c1e0b2a12344abcL, 0x9def00112233aabbL + k);
      case BINARY -> ByteBuffer.wrap(new byte[] {(byte) k, (byte) 0xff, 0});
      case FIXED -> ByteBuffer.wrap(("ab" + k + "z").getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  /** Partition values of every type; the positions in {@code nulls} are null. */
  static PartitionData partition(int k, int... nulls) {
    Object[] values = new Object[TYPES.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(TYPES.get(i), k);
    }
    for (int n : nulls) {
      values[n] = null;
    }
    return PartitionData.of(values);
  }

  /** Full stats for every column, bounds value(k) .. value(k + 1). */
  static Map<Integer, ColumnStats> stats(int k) {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    for (int i = 0; i < TYPES.size(); i++) {
      Type.PrimitiveType t = TYPES.get(i);
      boolean floating = t.kind() == Type.Kind.FLOAT || t.kind() == Type.Kind.DOUBLE;
      stats.put(i + 1, new ColumnStats(i + 1, OptionalLong.of(100 + i), OptionalLong.of(10),
          OptionalLong.of(k), floating ? OptionalLong.of(1) : OptionalLong.empty(),
          Optional.of(value(t, k)), Optional.of(value(t, k + 1))));
    }
    return stats;
  }

  static DataFile file(String name, int k, PartitionData partition, Map<Integer, ColumnStats> stats) {
    return new DataFile("file:/wh/db/t/data/" + name + ".parquet", FileFormat.PARQUET, SPEC.specId(),
        partition, 1000L + k, 48213L + k, stats, List.of(4L, 1_000_000L + k), OptionalInt.of(k % 2));
  }

  static ManifestEntry entry(ManifestEntry.Status status, int k) {
    return new ManifestEntry(status, 77L + k, 2 + k, 3 + k,
        file("f" + k, k, partition(k), stats(k)));
  }
}
