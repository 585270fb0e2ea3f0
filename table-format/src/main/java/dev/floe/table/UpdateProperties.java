package dev.floe.table;

import dev.floe.commit.CommitResult;

/** Sets and removes table properties in one commit. */
public interface UpdateProperties {
  UpdateProperties set(String key, String value);

  UpdateProperties remove(String key);

  CommitResult commit();
}
