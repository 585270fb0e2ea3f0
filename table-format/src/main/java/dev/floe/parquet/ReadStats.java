package dev.floe.parquet;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters a reader adds to as it goes: row groups seen, skipped by the row-group filter and
 * read, and rows read (decoded) and returned (passed the residual filter). Thread-safe, so one
 * instance can gather a whole parallel scan.
 */
public final class ReadStats {
  private static final ReadStats NONE = new ReadStats(false);

  private final boolean enabled;
  private final AtomicLong rowGroupsTotal = new AtomicLong();
  private final AtomicLong rowGroupsSkipped = new AtomicLong();
  private final AtomicLong rowGroupsRead = new AtomicLong();
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong rowsReturned = new AtomicLong();

  public ReadStats() {
    this(true);
  }

  private ReadStats(boolean enabled) {
    this.enabled = enabled;
  }

  /** A shared instance that counts nothing, for callers that do not care. */
  public static ReadStats none() {
    return NONE;
  }

  public long rowGroupsTotal() {
    return rowGroupsTotal.get();
  }

  public long rowGroupsSkipped() {
    return rowGroupsSkipped.get();
  }

  public long rowGroupsRead() {
    return rowGroupsRead.get();
  }

  public long rowsRead() {
    return rowsRead.get();
  }

  public long rowsReturned() {
    return rowsReturned.get();
  }

  void addRowGroups(long n) {
    if (enabled) {
      rowGroupsTotal.addAndGet(n);
    }
  }

  void rowGroupSkipped() {
    if (enabled) {
      rowGroupsSkipped.incrementAndGet();
    }
  }

  void rowGroupRead() {
    if (enabled) {
      rowGroupsRead.incrementAndGet();
    }
  }

  void addRows(long read, long returned) {
    if (enabled && (read | returned) != 0) {
      rowsRead.addAndGet(read);
      rowsReturned.addAndGet(returned);
    }
  }

  @Override
  public String toString() {
    return "ReadStats{rowGroups=" + rowGroupsTotal() + ", skipped=" + rowGroupsSkipped() + ", read="
        + rowGroupsRead() + ", rowsRead=" + rowsRead() + ", rowsReturned=" + rowsReturned() + "}";
  }
}
