package dev.floe.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.data.Record;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.ManifestFile;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.types.Comparators;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.types.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** PartitionEvaluator, ResidualEvaluator and ManifestEvaluator. */
class PartitionPruningTest {
  static final Schema SCHEMA = new Schema(0, List.of(
      NestedField.optional(1, "id", Types.LONG),
      NestedField.optional(2, "ts", Types.TIMESTAMP),
      NestedField.optional(3, "category", Types.STRING),
      NestedField.optional(4, "f", Types.DOUBLE),
      NestedField.optional(5, "n", Types.INT)));
  static final PartitionSpec SPEC = new PartitionSpec(0, List.of(
      new PartitionField(3, 1000, "category", Transforms.identity()),
      new PartitionField(2, 1001, "ts_day", Transforms.day()),
      new PartitionField(1, 1002, "id_bucket", Transforms.bucket(4)),
      new PartitionField(5, 1003, "n_trunc", Transforms.truncate(3)),
      new PartitionField(4, 1004, "f", Transforms.identity())));

  private static final int JAN1 = 20454;

  private static Expression parse(String filter) {
    return ExpressionParser.parse(filter);
  }

  // ---------------------------------------------------------------- partitions

  @Test
  void partitionEvaluatorUsesTheInclusiveProjection() {
    PartitionEvaluator e = new PartitionEvaluator(SPEC, SCHEMA,
        parse("category = 'a' and ts >= '2026-01-01T12:00:00'"));
    assertThat(e.mightMatch(PartitionData.of("a", JAN1, 0, 0, 1.0))).isTrue();
    assertThat(e.mightMatch(PartitionData.of("a", JAN1 - 1, 0, 0, 1.0))).isFalse();
    assertThat(e.mightMatch(PartitionData.of("b", JAN1, 0, 0, 1.0))).isFalse();
    assertThat(e.mightMatch(PartitionData.of(null, JAN1, 0, 0, 1.0))).isFalse();
    assertThat(new PartitionEvaluator(SPEC, SCHEMA, parse("f is nan")).mightMatch(
        PartitionData.of("a", JAN1, 0, 0, Double.NaN))).isTrue();
    assertThat(new PartitionEvaluator(SPEC, SCHEMA, parse("f > 0")).mightMatch(
        PartitionData.of("a", JAN1, 0, 0, Double.NaN))).isFalse();
  }

  @Test
  void partitionValuesOfAnOlderNarrowerTypeAreRead() {
    Schema promoted = new Schema(0, List.of(NestedField.optional(1, "id", Types.LONG)));
    PartitionSpec identity = new PartitionSpec(0, List.of(new PartitionField(1, 1000, "id", Transforms.identity())));
    PartitionEvaluator e = new PartitionEvaluator(identity, promoted, parse("id = 7"));
    assertThat(e.mightMatch(PartitionData.of(7))).isTrue();
    assertThat(e.mightMatch(PartitionData.of(8))).isFalse();
    // unreadable values never prune
    assertThat(e.mightMatch(PartitionData.of("seven"))).isTrue();
  }

  // ---------------------------------------------------------------- residuals

  @Test
  void residualsDropWhatThePartitionDecides() {
    ResidualEvaluator r = new ResidualEvaluator(SPEC, SCHEMA,
        parse("category = 'a' and ts >= '2026-01-01T12:00:00' and id > 5"));
    Expression idPredicate = Binder.bind(SCHEMA.asStruct(), parse("id > 5"), true);
    Expression tsPredicate = Binder.bind(SCHEMA.asStruct(), parse("ts >= '2026-01-01T12:00:00'"), true);
    assertThat(r.residualFor(PartitionData.of("a", JAN1 + 1, 0, 0, 1.0))).isEqualTo(idPredicate);
    assertThat(r.residualFor(PartitionData.of("a", JAN1, 0, 0, 1.0)))
        .isEqualTo(Expressions.and(tsPredicate, idPredicate));
    assertThat(r.residualFor(PartitionData.of("a", JAN1 - 1, 0, 0, 1.0))).isEqualTo(Expressions.alwaysFalse());
    assertThat(r.residualFor(PartitionData.of("b", JAN1 + 1, 0, 0, 1.0))).isEqualTo(Expressions.alwaysFalse());
  }

  @Test
  void residualsOfNegationsAndDisjunctions() {
    ResidualEvaluator r = new ResidualEvaluator(SPEC, SCHEMA, parse("not (category = 'a') or id = 1"));
    assertThat(r.residualFor(PartitionData.of("b", 0, 0, 0, 1.0))).isEqualTo(Expressions.alwaysTrue());
    assertThat(r.residualFor(PartitionData.of("a", 0, 0, 0, 1.0)))
        .isEqualTo(Binder.bind(SCHEMA.asStruct(), parse("id = 1"), true));
    // a null category matches neither category != 'a' nor category = 'a'
    assertThat(r.residualFor(PartitionData.of(null, 0, 0, 0, 1.0)))
        .isEqualTo(Binder.bind(SCHEMA.asStruct(), parse("id = 1"), true));
  }

  @Test
  void unpartitionedTablesKeepTheWholeFilter() {
    ResidualEvaluator r = new ResidualEvaluator(PartitionSpec.unpartitioned(), SCHEMA, parse("not (id = 1)"));
    assertThat(r.residualFor(PartitionData.empty()))
        .isEqualTo(Binder.bind(SCHEMA.asStruct(), parse("id != 1"), true));
  }

  /** For random rows: the residual of the row's partition decides every row as the filter does. */
  @Test
  void residualsAgreeWithTheFilterOnRandomRows() {
    RandomData data = new RandomData(7);
    Types.StructType struct = SCHEMA.asStruct();
    int simplified = 0;
    for (int i = 0; i < 1500; i++) {
      Expression filter = data.filter(struct, 3);
      Evaluator whole = new Evaluator(struct, filter);
      ResidualEvaluator residuals = new ResidualEvaluator(SPEC, SCHEMA, filter);
      for (int j = 0; j < 10; j++) {
        Object[] row = randomRow(data, struct);
        Record record = Record.of(struct, row);
        Expression residual = residuals.residualFor(partitionOf(row));
        if (new Evaluator(struct, residual).eval(record) != whole.eval(record)) {
          fail("residual " + residual + " of " + filter + " disagrees on " + record);
        }
        simplified += residual instanceof Expression.True || residual instanceof Expression.False ? 1 : 0;
      }
    }
    assertThat(simplified).isGreaterThan(1000);
  }

  private static Object[] randomRow(RandomData data, Types.StructType struct) {
    Object[] row = new Object[struct.fields().size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = data.valueOrNull(struct.fields().get(c).type().asPrimitive(), 0.15);
    }
    return row;
  }

  private static PartitionData partitionOf(Object[] row) {
    Object[] values = new Object[SPEC.fields().size()];
    for (int i = 0; i < values.length; i++) {
      PartitionField f = SPEC.fields().get(i);
      NestedField source = SCHEMA.findField(f.sourceId()).orElseThrow();
      int position = SCHEMA.columns().indexOf(source);
      values[i] = f.transform().apply(Values.toInternal(source.type().asPrimitive(), row[position]));
    }
    return PartitionData.of(values);
  }

  // ---------------------------------------------------------------- manifests

  private static ManifestFile manifest(int specId, int liveFiles, List<FieldSummary> partitions,
      Map<Integer, ColumnStats> columns) {
    return new ManifestFile("file:/t/metadata/m0.json", 100, specId, 1L, 1, 1, liveFiles, 0, 1,
        liveFiles * 10L, 0, 10, partitions, columns);
  }

  private static FieldSummary summary(boolean nulls, Boolean nans, Object lower, Object upper) {
    return new FieldSummary(nulls, Optional.ofNullable(nans), Optional.ofNullable(lower), Optional.ofNullable(upper));
  }

  private static final FieldSummary ANY = summary(true, null, null, null);

  @Test
  void manifestsWithoutLiveFilesNeverMatch() {
    ManifestEvaluator e = new ManifestEvaluator(SPEC, SCHEMA, Expressions.alwaysTrue());
    assertThat(e.mightMatch(manifest(0, 0, List.of(ANY, ANY, ANY, ANY, ANY), Map.of()))).isFalse();
    assertThat(e.mightMatch(manifest(0, 1, List.of(ANY, ANY, ANY, ANY, ANY), Map.of()))).isTrue();
  }

  @Test
  void partitionSummariesPrune() {
    List<FieldSummary> parts = List.of(summary(false, null, "b", "d"), summary(false, null, JAN1, JAN1 + 2),
        ANY, ANY, summary(false, false, 1.0, 2.0));
    ManifestFile m = manifest(0, 3, parts, Map.of());
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("category = 'c'")).mightMatch(m)).isTrue();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("category = 'e'")).mightMatch(m)).isFalse();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("category is null")).mightMatch(m)).isFalse();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("ts < '2026-01-01T00:00:00'")).mightMatch(m)).isFalse();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("ts < '2026-01-01T00:00:01'")).mightMatch(m)).isTrue();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("f is nan")).mightMatch(m)).isFalse();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("category = 'e' or id = 3")).mightMatch(m)).isTrue();
    // summaries of another spec are not used
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("category = 'e'")).mightMatch(manifest(1, 3, parts, Map.of())))
        .isTrue();
  }

  @Test
  void columnSummariesPrune() {
    Map<Integer, ColumnStats> columns = Map.of(1, new ColumnStats(1, OptionalLong.empty(), OptionalLong.of(30),
        OptionalLong.of(0), OptionalLong.empty(), Optional.of(10L), Optional.of(20L)));
    ManifestFile m = manifest(0, 3, List.of(ANY, ANY, ANY, ANY, ANY), columns);
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("id > 20")).mightMatch(m)).isFalse();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("id >= 20")).mightMatch(m)).isTrue();
    assertThat(new ManifestEvaluator(SPEC, SCHEMA, parse("id is null")).mightMatch(m)).isFalse();
  }

  /**
   * For random manifests of random files: when any row of any live file matches, the manifest must
   * not be skipped. Summaries are aggregated as the spec describes.
   */
  @Test
  void manifestPruningIsSoundOnRandomManifests() {
    RandomData data = new RandomData(99);
    Types.StructType struct = SCHEMA.asStruct();
    Types.StructType partitionType = SPEC.partitionType(SCHEMA);
    int pruned = 0;
    for (int i = 0; i < 3000; i++) {
      List<Object[]> rows = new ArrayList<>();
      int n = 1 + data.random().nextInt(6);
      for (int j = 0; j < n; j++) {
        rows.add(randomRow(data, struct));
      }
      List<FieldSummary> summaries = new ArrayList<>();
      for (int p = 0; p < SPEC.fields().size(); p++) {
        Type.PrimitiveType type = partitionType.fields().get(p).type().asPrimitive();
        List<Object> values = new ArrayList<>();
        for (Object[] row : rows) {
          values.add(partitionOf(row).get(p));
        }
        summaries.add(summarize(type, values));
      }
      Map<Integer, ColumnStats> columns = data.stats(struct, rows, data.random().nextBoolean());
      ManifestFile m = manifest(0, n, summaries, columns);
      Expression filter = data.filter(struct, 2);
      Evaluator rowEval = new Evaluator(struct, filter);
      boolean any = rows.stream().anyMatch(r -> rowEval.eval(Record.of(struct, r)));
      boolean might = new ManifestEvaluator(SPEC, SCHEMA, filter).mightMatch(m);
      if (any && !might) {
        fail("manifest skipped for " + filter + " with rows " + rows.stream().map(r -> Record.of(struct, r)).toList()
            + ", summaries " + summaries + ", columns " + columns);
      }
      pruned += might ? 0 : 1;
    }
    assertThat(pruned).isGreaterThan(300);
  }

  private static FieldSummary summarize(Type.PrimitiveType type, List<Object> values) {
    Comparator<Object> cmp = Comparators.forType(type);
    boolean nulls = false;
    boolean nans = false;
    Object lower = null;
    Object upper = null;
    for (Object v : values) {
      if (v == null) {
        nulls = true;
      } else if (Predicates.isNaN(v)) {
        nans = true;
      } else {
        lower = lower == null || cmp.compare(v, lower) < 0 ? v : lower;
        upper = upper == null || cmp.compare(v, upper) > 0 ? v : upper;
      }
    }
    boolean floating = type.kind() == Type.Kind.DOUBLE || type.kind() == Type.Kind.FLOAT;
    return summary(nulls, floating ? nans : null, lower, upper);
  }

  @Test
  void partitionStatsUseFieldIdsNotPositions() {
    // a spec whose field ids are not in position order
    PartitionSpec spec = new PartitionSpec(3, List.of(new PartitionField(1, 1005, "id", Transforms.identity()),
        new PartitionField(3, 1001, "category", Transforms.identity())));
    ManifestFile m = manifest(3, 1, List.of(summary(false, null, 1L, 2L), summary(false, null, "x", "y")), Map.of());
    assertThat(new ManifestEvaluator(spec, SCHEMA, parse("id = 3")).mightMatch(m)).isFalse();
    assertThat(new ManifestEvaluator(spec, SCHEMA, parse("category = 'x'")).mightMatch(m)).isTrue();
    assertThat(new ManifestEvaluator(spec, SCHEMA, parse("category = 'z'")).mightMatch(m)).isFalse();
  }
}
