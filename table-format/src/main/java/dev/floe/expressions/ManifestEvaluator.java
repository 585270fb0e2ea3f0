package dev.floe.expressions;

import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.FieldSummary;
import dev.floe.manifest.ManifestFile;
import dev.floe.partition.PartitionSpec;
import dev.floe.types.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides from its manifest-list entry whether a manifest might list data files with rows matching
 * a row filter, so planning can skip reading it. Two summaries are used: the partition field
 * summaries (tested with the filter's inclusive projection) and the per-column bounds over the
 * manifest's live files (tested with {@link InclusiveMetricsEvaluator}, record count unknown).
 *
 * <p>Partition summaries are used only when the manifest was written with this evaluator's spec
 * (same spec id, one summary per field); otherwise they could describe different fields.
 */
public final class ManifestEvaluator {
  private final PartitionSpec spec;
  private final InclusiveMetricsEvaluator partitions;
  private final InclusiveMetricsEvaluator columns;

  public ManifestEvaluator(PartitionSpec spec, Schema schema, Expression rowFilter) {
    this.spec = spec;
    // partition values may be null for any field: nothing is "never null" there
    this.partitions = new InclusiveMetricsEvaluator(Projections.inclusive(spec, schema, rowFilter), Set.of());
    this.columns = new InclusiveMetricsEvaluator(schema, rowFilter);
  }

  /** Whether files listed in the manifest might hold matching rows. */
  public boolean mightMatch(ManifestFile manifest) {
    if (!manifest.hasLiveFiles()) {
      return false;
    }
    List<FieldSummary> summaries = manifest.partitions();
    if (manifest.specId() == spec.specId() && summaries.size() == spec.fields().size()
        && !partitions.mightMatch(-1, partitionStats(summaries))) {
      return false;
    }
    return columns.mightMatch(-1, manifest.columnStats());
  }

  /**
   * A field summary read as column statistics: "contains no null" is a null count of 0, "contains
   * no NaN" a NaN count of 0; a summary that does contain them leaves the count unknown.
   */
  private Map<Integer, ColumnStats> partitionStats(List<FieldSummary> summaries) {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    for (int i = 0; i < summaries.size(); i++) {
      FieldSummary s = summaries.get(i);
      OptionalLong nulls = s.containsNull() ? OptionalLong.empty() : OptionalLong.of(0);
      OptionalLong nans = s.containsNan().isPresent() && !s.containsNan().get()
          ? OptionalLong.of(0) : OptionalLong.empty();
      int id = spec.fields().get(i).fieldId();
      stats.put(id, new ColumnStats(id, OptionalLong.empty(), OptionalLong.empty(), nulls, nans,
          Optional.ofNullable(s.lowerBound()).flatMap(b -> b), Optional.ofNullable(s.upperBound()).flatMap(b -> b)));
    }
    return stats;
  }
}
