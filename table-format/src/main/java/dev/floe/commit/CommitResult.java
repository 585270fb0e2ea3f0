package dev.floe.commit;

import dev.floe.metadata.Snapshot;
import dev.floe.metadata.TableMetadata;
import java.util.Optional;

/**
 * The outcome of a successful commit: the metadata now current, the snapshot it made (if any),
 * how many attempts it took, and whether it was a no-op because its idempotency key was
 * already committed.
 */
public record CommitResult(TableMetadata metadata, Optional<Snapshot> snapshot, int attempts,
    boolean alreadyCommitted) {}
