package dev.floe.table;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a maintenance run deleted (or, in a dry run, would delete): counts and bytes per kind of
 * file, the first {@link #EXAMPLES} locations of each kind (every one goes to the
 * {@link MaintenanceListener}, so memory stays bounded however many there are), the snapshots
 * expired and refs dropped, and deletions that failed (those files are left for a later run).
 */
public record CleanupReport(boolean dryRun, List<Long> expiredSnapshots, List<String> removedRefs,
    Map<FileKind, Long> counts, Map<FileKind, Long> bytes, Map<FileKind, List<String>> examples,
    long failedDeletes) {
  /** Locations of each kind listed in the report at most. */
  public static final int EXAMPLES = 1_000;

  public CleanupReport {
    expiredSnapshots = List.copyOf(expiredSnapshots);
    removedRefs = List.copyOf(removedRefs);
    counts = Map.copyOf(counts);
    bytes = Map.copyOf(bytes);
    examples = Map.copyOf(examples);
  }

  public long count(FileKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  public long totalFiles() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalBytes() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  public List<String> examples(FileKind kind) {
    return examples.getOrDefault(kind, List.of());
  }

  /** Accumulates a report while a run goes. */
  static final class Builder {
    private final boolean dryRun;
    private List<Long> expired = List.of();
    private List<String> refs = List.of();
    private final Map<FileKind, Long> counts = new EnumMap<>(FileKind.class);
    private final Map<FileKind, Long> bytes = new EnumMap<>(FileKind.class);
    private final Map<FileKind, List<String>> examples = new EnumMap<>(FileKind.class);
    private long failed;

    Builder(boolean dryRun) {
      this.dryRun = dryRun;
    }

    Builder expired(List<Long> ids, List<String> removedRefs) {
      this.expired = ids;
      this.refs = removedRefs;
      return this;
    }

    void file(FileKind kind, String location, long size) {
      counts.merge(kind, 1L, Long::sum);
      if (size > 0) {
        bytes.merge(kind, size, Long::sum);
      }
      List<String> list = examples.computeIfAbsent(kind, k -> new java.util.ArrayList<>());
      if (list.size() < EXAMPLES) {
        list.add(location);
      }
    }

    void failed(String location) {
      failed++;
    }

    CleanupReport build() {
      Map<FileKind, List<String>> copies = new EnumMap<>(FileKind.class);
      examples.forEach((k, v) -> copies.put(k, List.copyOf(v)));
      return new CleanupReport(dryRun, expired, refs, counts, bytes, copies, failed);
    }
  }
}
