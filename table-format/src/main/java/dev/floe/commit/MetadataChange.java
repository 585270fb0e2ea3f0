package dev.floe.commit;

import dev.floe.metadata.TableMetadata;

/**
 * What an operation contributes to a commit: a pure "base metadata -> new metadata" step that
 * also checks the operation's conflict rules against {@code base} (throwing
 * {@link dev.floe.error.ValidationException}). The commit loop calls it again on fresh metadata
 * after every lost race, so it must not assume it runs once.
 */
@FunctionalInterface
public interface MetadataChange {
  TableMetadata apply(TableMetadata base, CommitContext context);
}
