package dev.floe.compaction;

import dev.floe.data.Record;
import java.util.Comparator;

/**
 * A row's sort key, computed once per row so that comparisons (n log n of them) do not repeat
 * value conversions, and the order of keys.
 */
interface SortKey<K> extends Comparator<K> {
  K of(Record row);
}
