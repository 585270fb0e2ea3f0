package dev.floe.compaction;

import dev.floe.expressions.Expression;
import dev.floe.manifest.ColumnStats;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.TableMetadata;
import dev.floe.partition.PartitionData;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.table.FileScanTask;
import dev.floe.table.Table;
import dev.floe.types.Comparators;
import dev.floe.types.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out a {@link CompactionPlan} from manifests alone. Per partition (of each spec):
 *
 * <ul>
 *   <li><b>bin-pack</b> takes the files below {@code min-file-size} or above {@code max-file-size}
 *       and rewrites them when there are at least {@code min-input-files} of them, or they add up
 *       to a whole target file, or one of them is too large;
 *   <li><b>sort</b> and <b>z-order</b> take every file of a partition that has more than one file
 *       or a file outside the size bounds, since their point is the layout across files; a sort by
 *       the table's own order skips partitions already in that order (every file carries the
 *       order's id and their ranges of the leading column do not overlap).
 * </ul>
 *
 * The taken files are split into groups of at most {@code max-file-group-size} bytes (first fit,
 * largest files first); a group is one rewrite and one commit.
 */
final class CompactionPlanner {
  private CompactionPlanner() {}

  private record PartitionKey(int specId, PartitionData partition) {}

  /** Plans on {@code metadata} (the table's state as just refreshed). */
  static CompactionPlan plan(Table table, TableMetadata metadata, Strategy strategy, Expression filter,
      CompactionOptions options) {
    RowLayout layout = RowLayout.resolve(metadata, strategy);
    Optional<Snapshot> snapshot = metadata.currentSnapshot();
    if (snapshot.isEmpty()) {
      return new CompactionPlan(table.name(), Optional.empty(), strategy, filter, options, new TableTotals(0, 0, 0),
          0, List.of());
    }
    // one planning pass gives both the table's totals and the files the filter may match
    List<FileScanTask> all = table.newScan().useSnapshot(snapshot.get().snapshotId()).planFiles();
    List<FileScanTask> considered = filter instanceof Expression.True ? all
        : table.newScan().useSnapshot(snapshot.get().snapshotId()).filter(filter).planFiles();
    Map<PartitionKey, List<DataFile>> byPartition = new LinkedHashMap<>();
    Map<Integer, PartitionSpec> specs = new LinkedHashMap<>();
    for (FileScanTask t : considered) {
      specs.put(t.spec().specId(), t.spec());
      byPartition.computeIfAbsent(new PartitionKey(t.file().specId(), t.file().partition()), k -> new ArrayList<>())
          .add(t.file());
    }
    List<Map.Entry<PartitionKey, List<DataFile>>> partitions = new ArrayList<>(byPartition.entrySet());
    // plans read the same every time: by spec, then by partition path
    partitions.sort(Comparator.<Map.Entry<PartitionKey, List<DataFile>>>comparingInt(e -> e.getKey().specId())
        .thenComparing(e -> specs.get(e.getKey().specId()).partitionPath(e.getKey().partition())));

    List<FileGroup> groups = new ArrayList<>();
    for (Map.Entry<PartitionKey, List<DataFile>> e : partitions) {
      PartitionSpec spec = specs.get(e.getKey().specId());
      List<DataFile> candidates = candidates(e.getValue(), layout, metadata, options);
      String path = spec.isUnpartitioned() ? "" : spec.partitionPath(e.getKey().partition());
      for (List<DataFile> files : split(candidates, options.maxGroupSizeBytes())) {
        if (worthRewriting(files, layout, options)) {
          groups.add(new FileGroup(groups.size() + 1, spec.specId(), e.getKey().partition(), path, files));
        }
      }
    }
    return new CompactionPlan(table.name(), snapshot.map(Snapshot::snapshotId), strategy, filter, options,
        TableTotals.of(all), considered.size(), groups);
  }

  /** The files of one partition this strategy would rewrite (before splitting into groups). */
  static List<DataFile> candidates(List<DataFile> files, RowLayout layout, TableMetadata metadata,
      CompactionOptions options) {
    if (layout instanceof RowLayout.Unordered) {
      List<DataFile> out = new ArrayList<>();
      for (DataFile f : files) {
        if (tooSmall(f, options) || tooLarge(f, options)) {
          out.add(f);
        }
      }
      return out;
    }
    boolean outOfBounds = files.stream().anyMatch(f -> tooSmall(f, options) || tooLarge(f, options));
    if (files.size() < 2 && !outOfBounds) {
      return List.of();
    }
    if (layout instanceof RowLayout.Sorted s && s.outputSortOrderId().isPresent()
        && alreadySorted(files, s.order(), metadata)) {
      return List.of();
    }
    return files;
  }

  private static boolean tooSmall(DataFile f, CompactionOptions options) {
    return f.fileSizeBytes() < options.minFileSizeBytes();
  }

  private static boolean tooLarge(DataFile f, CompactionOptions options) {
    return f.fileSizeBytes() > options.maxFileSizeBytes();
  }

  private static boolean worthRewriting(List<DataFile> files, RowLayout layout, CompactionOptions options) {
    if (files.isEmpty()) {
      return false;
    }
    if (files.stream().anyMatch(f -> tooLarge(f, options))) {
      return true; // a file to split
    }
    if (!(layout instanceof RowLayout.Unordered)) {
      return files.size() > 1 || files.stream().anyMatch(f -> tooSmall(f, options));
    }
    long bytes = files.stream().mapToLong(DataFile::fileSizeBytes).sum();
    return files.size() >= options.minInputFiles() || (files.size() > 1 && bytes >= options.targetFileSizeBytes());
  }

  /**
   * Groups of at most {@code maxBytes} (a single larger file is a group of its own), first fit
   * decreasing. Within a group the files keep their order in the manifests (commit order), so
   * rows appended in time order come out of a bin-pack in time order and keep narrow ranges.
   */
  static List<List<DataFile>> split(List<DataFile> files, long maxBytes) {
    IdentityHashMap<DataFile, Integer> order = new IdentityHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      order.put(files.get(i), i);
    }
    List<DataFile> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(DataFile::fileSizeBytes).reversed().thenComparing(DataFile::path));
    List<List<DataFile>> bins = new ArrayList<>();
    List<Long> used = new ArrayList<>();
    for (DataFile f : bySize) {
      int fit = -1;
      for (int i = 0; i < bins.size(); i++) {
        if (used.get(i) + f.fileSizeBytes() <= maxBytes) {
          fit = i;
          break;
        }
      }
      if (fit < 0) {
        bins.add(new ArrayList<>());
        used.add(0L);
        fit = bins.size() - 1;
      }
      bins.get(fit).add(f);
      used.set(fit, used.get(fit) + f.fileSizeBytes());
    }
    for (List<DataFile> bin : bins) {
      bin.sort(Comparator.comparingInt(order::get));
    }
    return bins;
  }

  /**
   * Whether the files already follow this order: each carries its id and, on the leading sort
   * column (identity transform), their [lower, upper] ranges touch at most at the ends.
   */
  private static boolean alreadySorted(List<DataFile> files, SortOrder order, TableMetadata metadata) {
    for (DataFile f : files) {
      if (f.sortOrderId().isEmpty() || f.sortOrderId().getAsInt() != order.orderId()) {
        return false;
      }
    }
    SortOrder.SortField lead = order.fields().get(0);
    if (!(lead.transform() instanceof Transforms.Identity)) {
      return false;
    }
    Optional<Type> type = metadata.schema().findField(lead.sourceId()).map(f -> f.type());
    if (type.isEmpty() || !type.get().isPrimitive()) {
      return false;
    }
    Comparator<Object> cmp = Comparators.forType(type.get().asPrimitive());
    List<Object[]> ranges = new ArrayList<>();
    for (DataFile f : files) {
      Optional<ColumnStats> s = f.stats(lead.sourceId());
      if (s.isEmpty() || s.get().lowerBound().isEmpty() || s.get().upperBound().isEmpty()) {
        return false;
      }
      ranges.add(new Object[] {s.get().lowerBound().get(), s.get().upperBound().get()});
    }
    ranges.sort((a, b) -> cmp.compare(a[0], b[0]));
    for (int i = 1; i < ranges.size(); i++) {
      if (cmp.compare(ranges.get(i)[0], ranges.get(i - 1)[1]) < 0) {
        return false;
      }
    }
    return true;
  }
}
