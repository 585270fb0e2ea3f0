package dev.floe.manifest;

import java.util.Optional;

/** Summary of one partition field over all files of a manifest: for pruning whole manifests. */
public record FieldSummary(boolean containsNull, Optional<Boolean> containsNan,
    Optional<Object> lowerBound, Optional<Object> upperBound) {}
