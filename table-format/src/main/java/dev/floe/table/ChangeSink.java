package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.commit.IdempotencyKey;
import dev.floe.commit.MetadataChange;
import java.util.Optional;

/** Where an operation's commit goes: straight through the commit loop, or into a transaction. */
interface ChangeSink {
  CommitResult submit(MetadataChange change, Optional<IdempotencyKey> key, Runnable cleanupOnFailure);

  dev.floe.metadata.TableMetadata current();

  dev.floe.io.FileIO io();
}
