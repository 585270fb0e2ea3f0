package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.InvalidInputException;
import dev.floe.expressions.Expression;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.manifest.ManifestEntry;
import dev.floe.manifest.ManifestFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a delete or an overwrite changes, and how it is worked out: rows removed by filter
 * (files matched entirely are dropped, files matched in part rewritten), files removed and added
 * by name, and records written into new files.
 */
final class FileChanges {
  private final ChangeSink sink;
  Optional<Expression> filter = Optional.empty();
  Optional<Expression> detection = Optional.empty();
  private final Map<String, DataFile> removedFiles = new LinkedHashMap<>();
  final List<DataFile> addedFiles = new ArrayList<>();
  final List<Iterable<Record>> records = new ArrayList<>();

  FileChanges(ChangeSink sink) {
    this.sink = sink;
  }

  void removeFile(DataFile file) {
    removedFiles.put(java.util.Objects.requireNonNull(file, "file").path(), file);
  }

  CommitResult commit(BaseRowLevelOperation<?> op, String isolationProperty) {
    TableMetadata base = sink.current();
    Optional<Snapshot> read = op.planningSnapshot(base);
    requireLive(base, read);
    CopyOnWrite rewrite = new CopyOnWrite(sink.io(), base);
    TableWriter writer = records.isEmpty() ? null : new TableWriter(sink.io(), base);
    Runnable cleanup = () -> {
      rewrite.abort();
      if (writer != null) {
        writer.abort();
      }
    };
    try {
      if (filter.isPresent() && read.isPresent()) {
        rewrite.apply(read.get(), filter.get(), row -> null, true);
      }
      Map<String, DataFile> removed = new LinkedHashMap<>(removedFiles);
      rewrite.removed().forEach(f -> removed.put(f.path(), f));
      List<DataFile> added = new ArrayList<>(rewrite.added());
      added.addAll(addedFiles);
      if (writer != null) {
        for (Iterable<Record> batch : records) {
          writer.writeAll(batch);
        }
        added.addAll(writer.complete());
      }
      String operation = removed.isEmpty() ? "append" : added.isEmpty() ? "delete" : "overwrite";
      Optional<Expression> conflict = filter;
      if (detection.isPresent()) {
        conflict = Optional.of(conflict.map(f -> Expressions.or(f, detection.get())).orElse(detection.get()));
      }
      Expression hint = removedFiles.isEmpty() && filter.isPresent() ? filter.get() : Expressions.alwaysTrue();
      BaseRowLevelOperation.Plan plan = new BaseRowLevelOperation.Plan(operation, added,
          List.copyOf(removed.values()), conflict, hint, cleanup);
      return op.commitPlan(base, read, plan, isolationProperty);
    } catch (CommitStateUnknownException e) {
      throw e; // the commit may have landed: its files must stay
    } catch (RuntimeException e) {
      cleanup.run();
      throw e;
    }
  }

  /** Files named for removal must be in the snapshot the operation reads. */
  private void requireLive(TableMetadata base, Optional<Snapshot> read) {
    if (removedFiles.isEmpty()) {
      return;
    }
    Set<String> found = new HashSet<>();
    if (read.isPresent()) {
      MetadataFiles files = new MetadataFiles(sink.io(), base);
      for (ManifestFile m : files.manifests(read.get())) {
        if (!m.hasLiveFiles()) {
          continue;
        }
        for (ManifestEntry e : files.entries(m)) {
          if (e.isLive() && removedFiles.containsKey(e.file().path())) {
            found.add(e.file().path());
          }
        }
      }
    }
    for (String path : removedFiles.keySet()) {
      if (!found.contains(path)) {
        throw new InvalidInputException("file", path + " is not a data file of the table"
            + read.map(s -> " at snapshot " + s.snapshotId()).orElse(" (it has no snapshot)"));
      }
    }
  }
}
