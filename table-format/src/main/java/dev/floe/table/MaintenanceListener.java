package dev.floe.table;

/**
 * Follows a long maintenance run (snapshot expiration, orphan removal): the phases it goes
 * through, how far each is, and every file it deletes — or, in a dry run, would delete. A tool
 * renders it as a progress line; a script can log the files. Called from the running thread.
 */
public interface MaintenanceListener {
  MaintenanceListener NONE = new MaintenanceListener() {};

  /** A phase begins; {@code total} is the amount of work in it, or -1 when not known. */
  default void phase(String name, long total) {}

  /** Work done so far in the current phase. */
  default void progress(long done) {}

  /** A file deleted, or found deletable in a dry run; {@code bytes} is -1 when not known. */
  default void file(FileKind kind, String location, long bytes) {}
}
