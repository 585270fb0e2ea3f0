package dev.floe.bench;

import java.util.List;
import java.util.Map;

/**
 * What the workloads need from a table format, implemented once for Floe and once for Iceberg
 * (through lean file operations or HadoopTables). Table names are plain words; each system keeps
 * its tables under its own root.
 */
interface TableSystem extends AutoCloseable {
  /** Data is zstd Parquet on both sides (Floe's default, set explicitly for Iceberg too). */
  String ZSTD = "zstd";

  String id();

  /** Creates the table, replacing any table of the same name. */
  void create(String table, Map<String, String> properties);

  boolean exists(String table);

  /** Called once before W1's timed writes of {@code rows} rows into {@code files} files (Spark caches its input). */
  default void prepareWrite(long rows, int files) {}

  /** W1: writes {@code rows} generated rows into {@code files} files of equal row counts and commits once. */
  WriteOutcome write(String table, long rows, int files);

  /** W2: every column of every row, folded with {@link RowGenerator#rowHash}. */
  ScanOutcome scanAll(String table);

  /** W3: id and amount only; the sum of amount (and of id, to check both columns arrived). */
  ScanOutcome scanTwo(String table);

  /** W7: rows with {@code id = key}, read through the system's filtered record reader. */
  long lookup(String table, long key);

  /** Data files a scan with {@code id = key} would open (an untimed diagnostic). */
  List<String> plannedFiles(String table, long key);

  /** Paths of all live data files. */
  List<String> dataFiles(String table);

  /** A new handle on an existing table, as another process would open it. */
  Committer committer(String table);

  /** One commit registering these metadata-only files. */
  void appendEntries(String table, List<FileEntry> entries);

  /** Opens the table for planning; the open is part of a cold plan's time. */
  Planner planner(String table);

  /** Counts what the table holds now, read fresh from storage. */
  TableState state(String table);

  /**
   * W8: rewrites the files below 75% of {@code targetFileSizeBytes} into files of about that size,
   * reading them in the table's file order, and commits through the system's rewrite operation.
   */
  CompactOutcome binPack(String table, long targetFileSizeBytes);

  @Override
  void close();

  interface Committer {
    /** Appends one file in one commit; returns the retries it took; throws if the commit failed. */
    int commit(FileEntry entry);

    /** Retries counted by the commit machinery itself, for systems that do not report them per commit. */
    default long countedRetries() {
      return -1;
    }
  }

  interface Planner {
    /** Plans a scan, {@code idLow <= id < idHigh} or everything when absent; returns the files planned. */
    int plan(Long idLow, Long idHigh);
  }

  record WriteOutcome(int files, long bytes, long rows) {}

  record ScanOutcome(long rows, long checksum, double sum) {}

  record TableState(long snapshots, long files, long records, long manifests, long metadataBytes) {}

  /** What a compaction did: live files and bytes before and after, rows rewritten, commits made. */
  record CompactOutcome(long filesBefore, long filesAfter, long bytesBefore, long bytesAfter, long rows, int commits) {}
}
