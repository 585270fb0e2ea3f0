package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.data.Record;
import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;
import java.util.Optional;

final class OverwriteOperation extends BaseRowLevelOperation<OverwriteFiles> implements OverwriteFiles {
  private final FileChanges changes;

  OverwriteOperation(ChangeSink sink) {
    super(sink);
    this.changes = new FileChanges(sink);
  }

  @Override
  OverwriteFiles self() {
    return this;
  }

  @Override
  String name() {
    return "overwrite";
  }

  @Override
  public OverwriteFiles overwriteWhere(Expression filter) {
    changes.filter = Optional.of(and(changes.filter, checked(filter)));
    return this;
  }

  @Override
  public OverwriteFiles deleteFile(DataFile file) {
    changes.removeFile(file);
    return this;
  }

  @Override
  public OverwriteFiles addFile(DataFile file) {
    sink.current().spec(file.specId()); // an unknown spec fails now, not at commit
    changes.addedFiles.add(file);
    return this;
  }

  @Override
  public OverwriteFiles appendRecords(Iterable<Record> records) {
    changes.records.add(records);
    return this;
  }

  @Override
  public OverwriteFiles conflictDetectionFilter(Expression filter) {
    changes.detection = Optional.of(and(changes.detection, checked(filter)));
    return this;
  }

  @Override
  public OverwriteFiles set(String key, String value) {
    return summary(key, value);
  }

  @Override
  public OverwriteFiles isolationLevel(IsolationLevel level) {
    return isolation(level);
  }

  @Override
  public CommitResult commit() {
    markCommitted();
    return changes.commit(this, IsolationLevel.DELETE_PROPERTY);
  }
}
