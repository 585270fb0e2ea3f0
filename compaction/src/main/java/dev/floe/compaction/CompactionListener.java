package dev.floe.compaction;

/**
 * Follows a compaction as it runs (a progress line, a log). Groups run on several threads at
 * once: implementations must be thread-safe and quick, since they run on the rewriting threads.
 */
public interface CompactionListener {
  CompactionListener NONE = new CompactionListener() {};

  default void planned(CompactionPlan plan) {}

  default void groupStarted(FileGroup group) {}

  /** {@code rows} more rows of {@code group} were written (reported every few thousand rows). */
  default void rowsWritten(FileGroup group, long rows) {}

  default void groupFinished(GroupResult result) {}
}
