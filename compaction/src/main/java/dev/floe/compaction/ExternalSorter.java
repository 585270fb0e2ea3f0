package dev.floe.compaction;

import dev.floe.data.Record;
import dev.floe.util.CloseableIterator;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts any number of rows in bounded memory: rows are buffered with their keys until the
 * buffer's estimated heap size reaches the budget, then sorted and spilled as a run; at the end
 * the runs are merged (one open reader per run, a heap of their heads). A group that fits in
 * memory is sorted there and never touches storage. The sort is stable: rows with equal keys
 * keep their input order (runs are merged in the order they were written, and buffers are sorted
 * with a stable sort).
 *
 * <p>Why an external merge and not range partitioning by sampled boundaries: it needs one read of
 * the input and no sample, and its runs are written with the same Parquet code as data files, so
 * every type, nested ones included, round-trips without a second encoding.
 */
final class ExternalSorter<K> implements AutoCloseable {
  /** What a buffered entry costs beyond its row: the entry, its key, the list slot. */
  private static final long ENTRY_OVERHEAD = 96;

  private record Keyed<K>(K key, Record row) {}

  private final SortKey<K> key;
  private final long memoryBytes;
  private final SpillStore spill;
  private final List<String> runs = new ArrayList<>();
  private List<Keyed<K>> buffer = new ArrayList<>();
  private long buffered;
  private boolean sorting;

  ExternalSorter(SortKey<K> key, long memoryBytes, SpillStore spill) {
    this.key = key;
    this.memoryBytes = memoryBytes;
    this.spill = spill;
  }

  void add(Record row) {
    if (sorting) {
      throw new IllegalStateException("rows added after sorted() was called");
    }
    buffer.add(new Keyed<>(key.of(row), row));
    buffered += RecordSizes.estimate(row) + ENTRY_OVERHEAD;
    if (buffered >= memoryBytes) {
      spillBuffer();
    }
  }

  int spilledRuns() {
    return runs.size();
  }

  private void sortBuffer() {
    buffer.sort((a, b) -> key.compare(a.key, b.key)); // List.sort is stable
  }

  private void spillBuffer() {
    sortBuffer();
    List<Keyed<K>> rows = buffer;
    runs.add(spill.write(new AbstractList<Record>() {
      public Record get(int i) { return rows.get(i).row; }
      public int size() { return rows.size(); }
    }));
    buffer = new ArrayList<>();
    buffered = 0;
  }

  /** Every row added, in key order. Call once, after the last {@link #add}. */
  CloseableIterator<Record> sorted() {
    sorting = true;
    if (runs.isEmpty()) {
      sortBuffer();
      List<Keyed<K>> rows = buffer;
      buffer = new ArrayList<>();
      return CloseableIterator.of(rows.stream().map(Keyed::row).iterator());
    }
    if (!buffer.isEmpty()) {
      spillBuffer();
    }
    return new Merge();
  }

  @Override
  public void close() {
    buffer = new ArrayList<>();
    spill.close();
  }

  private final class Cursor {
    final int run;
    final CloseableIterator<Record> rows;
    Keyed<K> head;

    Cursor(int run, CloseableIterator<Record> rows) {
      this.run = run;
      this.rows = rows;
    }

    boolean advance() {
      if (!rows.hasNext()) {
        rows.close();
        head = null;
        return false;
      }
      Record r = rows.next();
      head = new Keyed<>(key.of(r), r);
      return true;
    }
  }

  /** The k-way merge of the runs; equal keys come from the earlier run first. */
  private final class Merge implements CloseableIterator<Record> {
    private final PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> {
      int c = key.compare(a.head.key, b.head.key);
      return c != 0 ? c : Integer.compare(a.run, b.run);
    });
    private final List<Cursor> open = new ArrayList<>();

    Merge() {
      try {
        for (int i = 0; i < runs.size(); i++) {
          Cursor c = new Cursor(i, spill.read(runs.get(i)));
          open.add(c);
          if (c.advance()) {
            heads.add(c);
          }
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public Record next() {
      Cursor c = heads.poll();
      if (c == null) {
        throw new NoSuchElementException();
      }
      Record r = c.head.row;
      if (c.advance()) {
        heads.add(c);
      }
      return r;
    }

    @Override
    public void close() {
      for (Cursor c : open) {
        c.rows.close();
      }
      heads.clear();
    }
  }
}
