package dev.floe.compaction;

import java.util.Optional;

/**
 * What a manifest rewrite did, from its snapshot's summary.
 *
 * @param snapshotId the {@code replace} snapshot; empty when there was nothing to rewrite
 * @param manifestsBefore manifests the head named before
 * @param manifestsAfter manifests the new snapshot names
 * @param entries data-file entries carried over, each exactly once
 */
public record ManifestRewriteResult(Optional<Long> snapshotId, long manifestsBefore, long manifestsAfter,
    long entries, long millis) {}
