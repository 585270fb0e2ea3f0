package dev.floe.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.error.InvalidInputException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformsTest {

  /** Hash values published in the Apache Iceberg spec's appendix for bucket transforms. */
  @Test
  void bucketHashesMatchTheIcebergSpec() {
    assertThat(Transforms.hash(34)).isEqualTo(2017239379);
    assertThat(Transforms.hash(34L)).isEqualTo(2017239379);
    assertThat(Transforms.hash("iceberg")).isEqualTo(1210000089);
    assertThat(Transforms.hash(UUID.fromString("f79c3e09-677c-4bbd-a479-3f349cb785e7"))).isEqualTo(1488055340);
    assertThat(Transforms.hash(new BigDecimal("14.20"))).isEqualTo(-500754589);
    int days = (int) LocalDate.of(2017, 11, 16).toEpochDay();
    assertThat(Transforms.hash(days)).isEqualTo(-653330422);
    long timeMicros = LocalTime.of(22, 31, 8).toNanoOfDay() / 1000;
    assertThat(Transforms.hash(timeMicros)).isEqualTo(-662762989);
    long tsMicros = LocalDateTime.of(2017, 11, 16, 22, 31, 8).toEpochSecond(ZoneOffset.UTC) * 1_000_000;
    assertThat(Transforms.hash(tsMicros)).isEqualTo(-2047944441);
    assertThat(Transforms.hash(ByteBuffer.wrap(new byte[] {0, 1, 2, 3}))).isEqualTo(-188683207);
  }

  @Test
  void timeTransformsFloorBeforeTheEpoch() {
    int dayBefore = -1;
    assertThat(Transforms.day().apply(-1L)).isEqualTo(dayBefore);
    assertThat(Transforms.year().apply(-200)).isEqualTo(-1);
    assertThat(Transforms.year().apply(-366)).isEqualTo(-2);
    assertThat(Transforms.month().apply(-1)).isEqualTo(-1);
    assertThat(Transforms.hour().apply(-1L)).isEqualTo(-1);
    assertThat(Transforms.year().toHumanString(56)).isEqualTo("2026");
    assertThat(Transforms.month().toHumanString(672)).isEqualTo("2026-01");
    assertThat(Transforms.day().toHumanString((int) LocalDate.of(2026, 1, 3).toEpochDay())).isEqualTo("2026-01-03");
  }

  @Test
  void truncateKeepsPrefixesAndFloorsNumbers() {
    assertThat(Transforms.truncate(10).apply(-1)).isEqualTo(-10);
    assertThat(Transforms.truncate(10).apply(15L)).isEqualTo(10L);
    assertThat(Transforms.truncate(3).apply("iceberg")).isEqualTo("ice");
    assertThat(Transforms.truncate(50).apply(new BigDecimal("10.65"))).isEqualTo(new BigDecimal("10.50"));
  }

  @Test
  void partitionSpecTextNamesFieldsAndRejectsNonsense() {
    Schema schema = Schema.of(NestedField.required(1, "id", Types.LONG), NestedField.optional(2, "ts", Types.TIMESTAMP),
        NestedField.optional(3, "name", Types.STRING));
    PartitionSpec spec = PartitionSpec.parse(schema, "day(ts), bucket(16, id), truncate(2, name), name");
    assertThat(spec.fields()).extracting(PartitionField::name).containsExactly("ts_day", "id_bucket", "name_trunc", "name");
    assertThat(spec.fields()).extracting(PartitionField::fieldId).containsExactly(1000, 1001, 1002, 1003);
    assertThatThrownBy(() -> PartitionSpec.parse(schema, "hour(name)")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot apply hour");
    assertThatThrownBy(() -> PartitionSpec.parse(schema, "bucket(id)")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("needs a number");
    assertThatThrownBy(() -> PartitionSpec.parse(schema, "day(nope)")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope");
  }
}
