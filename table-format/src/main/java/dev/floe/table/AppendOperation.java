package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.commit.IdempotencyKey;
import dev.floe.data.Record;
import dev.floe.error.InvalidInputException;
import dev.floe.manifest.DataFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class AppendOperation implements AppendFiles {
  private final ChangeSink sink;
  private final List<DataFile> files = new ArrayList<>();
  private final List<Iterable<Record>> recordBatches = new ArrayList<>();
  private final Map<String, String> summary = new LinkedHashMap<>();
  private Optional<IdempotencyKey> key = Optional.empty();
  private String branch = dev.floe.metadata.SnapshotRef.MAIN;
  private boolean committed;

  AppendOperation(ChangeSink sink) {
    this.sink = sink;
  }

  @Override
  public AppendFiles appendFile(DataFile file) {
    files.add(file);
    return this;
  }

  @Override
  public AppendFiles appendRecords(Iterable<Record> records) {
    recordBatches.add(records);
    return this;
  }

  @Override
  public AppendFiles idempotencyKey(String writerId, long sequence) {
    key = Optional.of(new IdempotencyKey(writerId, sequence));
    return this;
  }

  @Override
  public AppendFiles toBranch(String name) {
    branch = SnapshotProducer.writableBranch(sink.current(), name);
    return this;
  }

  @Override
  public AppendFiles set(String k, String v) {
    if (k.startsWith("floe.") || k.equals("operation")) {
      throw new InvalidInputException(k, "summary key is reserved");
    }
    summary.put(k, v);
    return this;
  }

  @Override
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("this append was already committed");
    }
    committed = true;
    List<DataFile> written = List.of();
    TableWriter writer = null;
    if (!recordBatches.isEmpty()) {
      writer = new TableWriter(sink.io(), sink.current());
      try {
        for (Iterable<Record> batch : recordBatches) {
          writer.writeAll(batch);
        }
        written = writer.complete();
      } catch (RuntimeException e) {
        writer.abort();
        throw e;
      }
    }
    List<DataFile> all = new ArrayList<>(files);
    all.addAll(written);
    for (DataFile f : all) {
      sink.current().spec(f.specId());
    }
    long snapshotId = SnapshotProducer.newSnapshotId(sink.current());
    TableWriter toAbort = writer;
    SnapshotProducer.Change change = new SnapshotProducer.Change(branch, snapshotId, "append", all,
        SnapshotProducer.Removals.NONE, summary);
    return sink.submit(
        (base, ctx) -> SnapshotProducer.produce(base, ctx, change),
        key,
        () -> {
          if (toAbort != null) {
            toAbort.abort();
          }
        });
  }
}
