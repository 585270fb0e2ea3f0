package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;
import java.util.Optional;

final class DeleteOperation extends BaseRowLevelOperation<DeleteFiles> implements DeleteFiles {
  private final FileChanges changes;

  DeleteOperation(ChangeSink sink) {
    super(sink);
    this.changes = new FileChanges(sink);
  }

  @Override
  DeleteFiles self() {
    return this;
  }

  @Override
  String name() {
    return "delete";
  }

  @Override
  public DeleteFiles deleteWhere(Expression filter) {
    changes.filter = Optional.of(and(changes.filter, checked(filter)));
    return this;
  }

  @Override
  public DeleteFiles deleteFile(DataFile file) {
    changes.removeFile(file);
    return this;
  }

  @Override
  public DeleteFiles set(String key, String value) {
    return summary(key, value);
  }

  @Override
  public DeleteFiles isolationLevel(IsolationLevel level) {
    return isolation(level);
  }

  @Override
  public CommitResult commit() {
    markCommitted();
    return changes.commit(this, IsolationLevel.DELETE_PROPERTY);
  }
}
