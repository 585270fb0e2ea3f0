package dev.floe.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MetricsEvaluatorsTest {
  static final Schema SCHEMA = new Schema(0, List.of(
      NestedField.optional(1, "id", Types.LONG),
      NestedField.optional(2, "f", Types.DOUBLE),
      NestedField.optional(3, "s", Types.STRING),
      NestedField.optional(4, "dec", Types.decimal(5, 2)),
      NestedField.optional(5, "d", Types.DATE),
      NestedField.required(6, "r", Types.INT),
      NestedField.optional(7, "ts", Types.TIMESTAMP),
      NestedField.optional(8, "b", Types.BINARY)));

  private static ColumnStats stats(int id, Long values, Long nulls, Long nans, Object lower, Object upper) {
    return new ColumnStats(id, OptionalLong.empty(), opt(values), opt(nulls), opt(nans),
        Optional.ofNullable(lower), Optional.ofNullable(upper));
  }

  private static OptionalLong opt(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static boolean might(String filter, long records, ColumnStats... stats) {
    Map<Integer, ColumnStats> byId = new HashMap<>();
    for (ColumnStats s : stats) {
      byId.put(s.fieldId(), s);
    }
    return new InclusiveMetricsEvaluator(SCHEMA, ExpressionParser.parse(filter)).mightMatch(records, byId);
  }

  private static boolean all(String filter, long records, ColumnStats... stats) {
    Map<Integer, ColumnStats> byId = new HashMap<>();
    for (ColumnStats s : stats) {
      byId.put(s.fieldId(), s);
    }
    return new StrictMetricsEvaluator(SCHEMA, ExpressionParser.parse(filter)).allMatch(records, byId);
  }

  // ---------------------------------------------------------------- inclusive

  @Test
  void boundsRuleOutRanges() {
    ColumnStats id = stats(1, 10L, 0L, null, 5L, 9L);
    assertThat(might("id < 5", 10, id)).isFalse();
    assertThat(might("id <= 5", 10, id)).isTrue();
    assertThat(might("id > 9", 10, id)).isFalse();
    assertThat(might("id >= 9", 10, id)).isTrue();
    assertThat(might("id = 4", 10, id)).isFalse();
    assertThat(might("id = 10", 10, id)).isFalse();
    assertThat(might("id = 7", 10, id)).isTrue();
    assertThat(might("id in (1, 2, 10)", 10, id)).isFalse();
    assertThat(might("id in (1, 9)", 10, id)).isTrue();
    assertThat(might("id < 5 or id > 9", 10, id)).isFalse();
    assertThat(might("not (id >= 5)", 10, id)).isFalse();
  }

  @Test
  void missingStatisticsMightMatch() {
    assertThat(might("id < 5", 10)).isTrue();
    assertThat(might("id < 5", 10, stats(1, null, null, null, null, null))).isTrue();
    assertThat(might("id is null", 10)).isTrue();
    assertThat(might("id is not null", -1, stats(1, null, 4L, null, null, null))).isTrue();
  }

  @Test
  void noRowsMatchNothing() {
    assertThat(might("true", 0)).isFalse();
    assertThat(might("id is null", 0)).isFalse();
  }

  @Test
  void allNullColumnsMatchOnlyNullTests() {
    ColumnStats allNull = stats(1, 4L, 4L, null, null, null);
    assertThat(might("id is null", 4, allNull)).isTrue();
    assertThat(might("id is not null", 4, allNull)).isFalse();
    assertThat(might("id = 1", 4, allNull)).isFalse();
    assertThat(might("id != 1", 4, allNull)).isFalse();
    assertThat(might("id not in (1, 2)", 4, allNull)).isFalse();
    // the value count alone, without a record count (manifest summaries), says all null too
    assertThat(might("id = 1", -1, allNull)).isFalse();
    // without a value count or record count nobody knows
    assertThat(might("id = 1", -1, stats(1, null, 4L, null, null, null))).isTrue();
    assertThat(might("id = 1", 4, stats(1, null, 4L, null, null, null))).isFalse();
    assertThat(might("s like 'a%'", 4, stats(3, 4L, 4L, null, null, null))).isFalse();
    assertThat(might("s not like 'a%'", 4, stats(3, 4L, 4L, null, null, null))).isFalse();
  }

  @Test
  void nullCountsDecideNullTests() {
    assertThat(might("id is null", 4, stats(1, 4L, 0L, null, 1L, 2L))).isFalse();
    assertThat(might("id is null", 4, stats(1, 4L, 1L, null, 1L, 2L))).isTrue();
  }

  @Test
  void nanCountsAndNanFreeBounds() {
    ColumnStats allNan = stats(2, 3L, 0L, 3L, null, null);
    assertThat(might("f is nan", 3, allNan)).isTrue();
    assertThat(might("f is not nan", 3, allNan)).isFalse();
    assertThat(might("f > 0", 3, allNan)).isFalse();
    assertThat(might("f != 0", 3, allNan)).isFalse();
    ColumnStats noNan = stats(2, 3L, 0L, 0L, 1.0, 2.0);
    assertThat(might("f is nan", 3, noNan)).isFalse();
    assertThat(might("f is not nan", 3, noNan)).isTrue();
    // NaN values never match > 5, and the bounds say every other value is at most 2
    assertThat(might("f > 5", 3, stats(2, 3L, 0L, 2L, 1.0, 2.0))).isFalse();
    // nulls and NaN together leave nothing to compare
    assertThat(might("f < 5", 3, stats(2, 3L, 1L, 2L, null, null))).isFalse();
    // a null is "not NaN"
    assertThat(might("f is not nan", 3, stats(2, 3L, 3L, 0L, null, null))).isTrue();
    // unknown NaN count: NaN might be there
    assertThat(might("f is nan", 3, stats(2, 3L, 0L, null, 1.0, 2.0))).isTrue();
  }

  @Test
  void notEqualPrunesOnlyASingleValueColumn() {
    assertThat(might("id != 5", 3, stats(1, 3L, 0L, null, 5L, 5L))).isFalse();
    // nulls do not match != either
    assertThat(might("id != 5", 3, stats(1, 3L, 2L, null, 5L, 5L))).isFalse();
    assertThat(might("id != 5", 3, stats(1, 3L, 0L, null, 5L, 6L))).isTrue();
    assertThat(might("id not in (5, 7)", 3, stats(1, 3L, 0L, null, 5L, 5L))).isFalse();
    assertThat(might("id not in (4, 7)", 3, stats(1, 3L, 0L, null, 5L, 5L))).isTrue();
  }

  @Test
  void prefixesAgainstTruncatedStringBounds() {
    // values between "abc" and "abd" (an upper bound rounded up from "abc...")
    ColumnStats s = stats(3, 5L, 0L, null, "abc", "abd");
    assertThat(might("s like 'abc%'", 5, s)).isTrue();
    assertThat(might("s like 'abd%'", 5, s)).isTrue();
    assertThat(might("s like 'ab%'", 5, s)).isTrue();
    assertThat(might("s like 'abe%'", 5, s)).isFalse();
    assertThat(might("s like 'abb%'", 5, s)).isFalse();
    assertThat(might("s like 'abcz%'", 5, s)).isTrue();
    assertThat(might("s like 'b%'", 5, s)).isFalse();
    assertThat(might("s like 'a%'", 5, s)).isTrue();
    // lower "ab" truncated from "abx...": values >= "ab", which includes "ab" itself
    ColumnStats cut = stats(3, 5L, 0L, null, "ab", "b");
    assertThat(might("s like 'aa%'", 5, cut)).isFalse();
    assertThat(might("s like 'ab%'", 5, cut)).isTrue();
    assertThat(might("s like 'b%'", 5, cut)).isTrue();
    assertThat(might("s like 'ba%'", 5, cut)).isFalse();
    // every value starts with "ab" only if both bounds do
    assertThat(might("s not like 'ab%'", 5, stats(3, 5L, 0L, null, "ab", "abzz"))).isFalse();
    assertThat(might("s not like 'ab%'", 5, stats(3, 5L, 0L, null, "ab", "ac"))).isTrue();
    // code point order: an emoji (surrogates in UTF-16) is above U+FFFF
    assertThat(might("s like '\uD83D\uDE00%'", 5, stats(3, 5L, 0L, null, "a", "\uFFFF"))).isFalse();
  }

  @Test
  void inListsUseBinarySearchOnAnySize() {
    List<Long> many = new ArrayList<>();
    for (long i = 0; i < 5000; i += 2) {
      many.add(i);
    }
    String list = many.toString().replace('[', '(').replace(']', ')');
    assertThat(might("id in " + list, 3, stats(1, 3L, 0L, null, 101L, 101L))).isFalse();
    assertThat(might("id in " + list, 3, stats(1, 3L, 0L, null, 101L, 102L))).isTrue();
    assertThat(might("id in " + list, 3, stats(1, 3L, 0L, null, 5000L, 6000L))).isFalse();
  }

  @Test
  void boundsOfAnOlderNarrowerTypeAreRead() {
    // the column was an int when the file was written
    assertThat(might("id > 9", 3, stats(1, 3L, 0L, null, 1, 9))).isFalse();
    // unreadable bounds are ignored, not trusted
    assertThat(might("id > 9", 3, stats(1, 3L, 0L, null, "x", "y"))).isTrue();
    assertThat(might("dec > 2", 3, stats(4, 3L, 0L, null, new BigDecimal("1.00"), new BigDecimal("2.00")))).isFalse();
  }

  // ---------------------------------------------------------------- strict

  @Test
  void strictNeedsBoundsAndKnownNullFreeColumns() {
    ColumnStats id = stats(1, 10L, 0L, null, 5L, 9L);
    assertThat(all("id < 10", 10, id)).isTrue();
    assertThat(all("id < 9", 10, id)).isFalse();
    assertThat(all("id <= 9", 10, id)).isTrue();
    assertThat(all("id > 4 and id >= 5", 10, id)).isTrue();
    assertThat(all("id != 4", 10, id)).isTrue();
    assertThat(all("id != 6", 10, id)).isFalse();
    assertThat(all("id not in (1, 2, 10)", 10, id)).isTrue();
    assertThat(all("id not in (1, 7)", 10, id)).isFalse();
    assertThat(all("id is not null", 10, id)).isTrue();
    // a null does not match < 10
    assertThat(all("id < 10", 10, stats(1, 10L, 1L, null, 5L, 9L))).isFalse();
    assertThat(all("id < 10", 10, stats(1, 10L, null, null, 5L, 9L))).isFalse();
    assertThat(all("id < 10", 10)).isFalse();
    assertThat(all("id = 5 and id in (4, 5)", 10, stats(1, 10L, 0L, null, 5L, 5L))).isTrue();
    // required columns have no nulls even without a null count
    assertThat(all("r >= 0", 10, stats(6, null, null, null, 0, 3))).isTrue();
  }

  @Test
  void strictNullAndNanTests() {
    assertThat(all("id is null", 3, stats(1, 3L, 3L, null, null, null))).isTrue();
    assertThat(all("id is null", 3, stats(1, 3L, 2L, null, null, null))).isFalse();
    assertThat(all("f is nan", 3, stats(2, 3L, 0L, 3L, null, null))).isTrue();
    assertThat(all("f is not nan", 3, stats(2, 3L, 2L, 0L, null, null))).isTrue();
    assertThat(all("f < 5", 3, stats(2, 3L, 0L, null, 1.0, 2.0))).isFalse();
    assertThat(all("f < 5", 3, stats(2, 3L, 0L, 0L, 1.0, 2.0))).isTrue();
    assertThat(all("f < 5", 3, stats(2, 3L, 0L, 1L, 1.0, 2.0))).isFalse();
    assertThat(all("true", 3)).isTrue();
    assertThat(all("id = 1", 0)).isTrue();
  }

  @Test
  void strictPrefixesAgainstTruncatedBounds() {
    assertThat(all("s like 'ab%'", 5, stats(3, 5L, 0L, null, "ab", "abzz"))).isTrue();
    assertThat(all("s like 'ab%'", 5, stats(3, 5L, 0L, null, "ab", "ac"))).isFalse();
    assertThat(all("s not like 'ab%'", 5, stats(3, 5L, 0L, null, "b", "c"))).isTrue();
    assertThat(all("s not like 'ab%'", 5, stats(3, 5L, 0L, null, "a", "aa"))).isTrue();
    assertThat(all("s not like 'ab%'", 5, stats(3, 5L, 0L, null, "a", "ab"))).isFalse();
    assertThat(all("s not like 'ab%'", 5, stats(3, 5L, 1L, null, "b", "c"))).isFalse();
  }

  // ---------------------------------------------------------------- property

  /**
   * For random small files: when some row matches, the inclusive evaluator must say "might
   * match"; when the strict evaluator says "all match", every row must match. The row evaluator
   * is the referee. Also checks the evaluators prune often enough to be worth testing.
   */
  @Test
  void metricsAgreeWithRowsOnRandomFiles() {
    RandomData data = new RandomData(20260101L);
    Types.StructType struct = SCHEMA.asStruct();
    int pruned = 0;
    int proven = 0;
    for (int iteration = 0; iteration < 20_000; iteration++) {
      int n = 1 + data.random().nextInt(5);
      List<Object[]> rows = new ArrayList<>();
      List<Record> records = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Object[] row = new Object[struct.fields().size()];
        for (int c = 0; c < row.length; c++) {
          NestedField f = struct.fields().get(c);
          row[c] = f.required() ? data.value(f.type().asPrimitive()) : data.valueOrNull(f.type().asPrimitive(), 0.25);
        }
        rows.add(row);
        records.add(Record.of(struct, row));
      }
      boolean dropSome = data.random().nextBoolean();
      Map<Integer, ColumnStats> stats = data.stats(struct, rows, dropSome);
      Expression filter = data.filter(struct, 2);
      Evaluator rowEval = new Evaluator(struct, filter);
      boolean any = records.stream().anyMatch(rowEval::eval);
      boolean every = records.stream().allMatch(rowEval::eval);
      long recordCount = data.random().nextInt(4) == 0 ? -1 : n;
      boolean might = new InclusiveMetricsEvaluator(SCHEMA, filter).mightMatch(recordCount, stats);
      boolean allMatch = new StrictMetricsEvaluator(SCHEMA, filter).allMatch(recordCount, stats);
      if (any && !might) {
        fail("inclusive pruned a matching file: " + filter + ", rows " + records + ", stats " + stats);
      }
      if (allMatch && !every) {
        fail("strict claimed all rows match: " + filter + ", rows " + records + ", stats " + stats);
      }
      pruned += might ? 0 : 1;
      proven += allMatch ? 1 : 0;
    }
    assertThat(pruned).isGreaterThan(3000);
    assertThat(proven).isGreaterThan(3000);
  }
}
