package dev.floe.table;

import dev.floe.commit.CommitResult;

/**
 * Rewrites the manifests of a branch's head in one {@code replace} snapshot of exactly the same
 * files: small manifests merged, every entry kept with its snapshot id and sequence numbers,
 * entries clustered by partition into manifests of about the target size, so that planning opens
 * fewer manifests and skips more of them by their partition summaries. Nothing conflicts with
 * it: every attempt rewrites the manifests of the head it commits on, appends included.
 *
 * <pre>{@code
 * table.newRewriteManifests().commit();
 * }</pre>
 */
public interface RewriteManifests {
  /** Manifests of about this size (default: table property {@code commit.manifest.target-size-bytes}, 8 MiB). */
  RewriteManifests targetSizeBytes(long bytes);

  /** Rewrites a branch other than {@code main}. */
  RewriteManifests toBranch(String branch);

  /** Adds a string pair to the snapshot summary. */
  RewriteManifests set(String key, String value);

  /** Commits the rewrite; a table without snapshots is left as it is. */
  CommitResult commit();
}
