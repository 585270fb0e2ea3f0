package dev.floe.bench;

import dev.floe.compaction.Strategy;
import dev.floe.expressions.Expressions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * W8 compact: a table of many small files (full: 2,000 files of 5,000 rows) is bin-packed to
 * large targets (full: 128 MiB); the selective and projected reads of W3 and W7 run before and
 * after. On Floe the compacted table is then sorted by id and z-ordered by (id, amount), and the
 * files a point lookup opens are counted after each layout.
 */
final class CompactionWorkload {
  static final String TABLE = "w8";
  /** How many point lookups the files-per-lookup diagnostics sample. */
  static final int SAMPLE = 20;

  private CompactionWorkload() {}

  /** W8's sizes per scale: the small-file table (as many rows as the scale's W1) and the target of the rewrite. */
  record Size(int files, int rowsPerFile, long targetBytes) {
    long rows() {
      return (long) files * rowsPerFile;
    }

    static Size of(Scale s) {
      return switch (s.name()) {
        case "full" -> new Size(2_000, 5_000, 128L << 20);
        case "small" -> new Size(400, 2_500, 8L << 20);
        default -> new Size(40, 500, 64L << 10);
      };
    }
  }

  static void w8(Task task, TableSystem sys, WorkerResult result) {
    Size size = Size.of(task.scale());
    long[] keys = Workloads.lookupKeys(task.scale()); // W8 holds the scale's W1 row count, so W7's keys fit
    List<Double> compactRates = new ArrayList<>();
    Reads before = null;
    TableSystem.CompactOutcome outcome = null;
    for (int rep = 0; rep < task.reps(); rep++) {
      sys.write(TABLE, size.rows(), size.files()); // untimed: a fresh small-file table per repetition
      if (rep == 0) {
        before = reads(sys, keys, task.reps());
      }
      long t0 = System.nanoTime();
      outcome = sys.binPack(TABLE, size.targetBytes());
      compactRates.add(outcome.rows() / Stats.seconds(t0));
    }
    Reads after = reads(sys, keys, task.reps());
    String target = String.format(Locale.ROOT, "%d MiB", size.targetBytes() >> 20);
    if (size.targetBytes() < 1 << 20) {
      target = (size.targetBytes() >> 10) + " KiB";
    }
    result.metric("compaction rows/s (bin-pack " + size.files() + " files to " + target + " targets)", "rows/s",
        true, compactRates);
    result.metric("W3 scan rows/s before compaction", "rows/s", true, before.scanRates);
    result.metric("W3 scan rows/s after compaction", "rows/s", true, after.scanRates);
    result.metric("W7 lookups/s before compaction", "lookups/s", true, before.lookupRates);
    result.metric("W7 lookups/s after compaction", "lookups/s", true, after.lookupRates);
    result.metric("W3 speedup after / before", "x", true,
        List.of(Stats.median(after.scanRates) / Stats.median(before.scanRates)));
    result.metric("W7 speedup after / before", "x", true,
        List.of(Stats.median(after.lookupRates) / Stats.median(before.lookupRates)));
    result.fact("files before", outcome.filesBefore());
    result.fact("files after", outcome.filesAfter());
    result.fact("MB before", String.format(Locale.ROOT, "%.1f", outcome.bytesBefore() / 1e6));
    result.fact("MB after", String.format(Locale.ROOT, "%.1f", outcome.bytesAfter() / 1e6));
    result.fact("rows rewritten", outcome.rows());
    result.fact("commits", outcome.commits());
    result.fact("rows", after.rows);
    result.fact("sum of id after", after.idSum);
    result.fact("files per id lookup before", String.format(Locale.ROOT, "%.2f", before.filesPerLookup));
    result.fact("files per id lookup after bin-pack", String.format(Locale.ROOT, "%.2f", after.filesPerLookup));
    result.fact("row groups per id lookup after bin-pack", String.format(Locale.ROOT, "%.2f", after.rowGroupsPerLookup));
    if (before.rows != after.rows || before.idSum != after.idSum) {
      result.notes.add("W8 " + sys.id() + ": rows changed in compaction: " + before.rows + " rows (id sum "
          + before.idSum + ") before, " + after.rows + " (" + after.idSum + ") after");
    }
    if (sys instanceof FloeSystem floe) {
      layouts(floe, size, keys, task.reps(), result);
    } else {
      result.notes.add("W8 Iceberg: the generic API has no compaction action outside Spark; the bench reads the small"
          + " files with iceberg-data's generic Parquet reader, writes them with its generic writer (rolling at the"
          + " target), and commits with table.newRewrite() (deleteFile/addFile, validateFromSnapshot). No sort or"
          + " z-order there.");
    }
  }

  /** Floe only: sort by id, then z-order by (id, amount), counting the files each lookup kind opens. */
  private static void layouts(FloeSystem floe, Size size, long[] keys, int reps, WorkerResult result) {
    double[] amounts = amountsOf(Arrays.copyOf(keys, Math.min(SAMPLE, keys.length)));
    result.fact("files per amount lookup after bin-pack", perLookup(floe, amounts));
    for (Strategy s : List.of(Strategy.sortBy("id"), Strategy.zOrder("id", "amount"))) {
      long t0 = System.nanoTime();
      TableSystem.CompactOutcome o = floe.compact(TABLE, size.targetBytes(), s);
      double rate = o.rows() / Stats.seconds(t0);
      String name = s.id().equals("sort") ? "sort by id" : "z-order by (id, amount)";
      result.metric("rewrite rows/s, " + name + " (once)", "rows/s", true, List.of(rate));
      result.fact("files after " + name, o.filesAfter());
      double files = 0;
      for (int i = 0; i < Math.min(SAMPLE, keys.length); i++) {
        files += floe.plannedFiles(TABLE, keys[i]).size();
      }
      result.fact("files per id lookup after " + name, String.format(Locale.ROOT, "%.2f",
          files / Math.min(SAMPLE, keys.length)));
      result.fact("files per amount lookup after " + name, perLookup(floe, amounts));
    }
    // large files hold few, large row groups: a lookup that finds its one file still decodes a
    // whole row group. Sorted again with small row groups, a lookup decodes a small part.
    floe.setProperty(TABLE, "write.parquet.row-group-size-bytes", Long.toString(SMALL_ROW_GROUP));
    floe.compact(TABLE, size.targetBytes(), Strategy.sortBy("id"));
    Reads small = reads(floe, keys, reps);
    result.metric("W3 scan rows/s after sort by id, 4 MiB row groups", "rows/s", true, small.scanRates);
    result.metric("W7 lookups/s after sort by id, 4 MiB row groups", "lookups/s", true, small.lookupRates);
    result.fact("row groups per id lookup after sort by id, 4 MiB row groups",
        String.format(Locale.ROOT, "%.2f", small.rowGroupsPerLookup));
    result.notes.add("W8 Floe: after the bin-pack the table is rewritten sorted by id, then z-ordered by (id, amount)"
        + " (Floe's compaction module, one run each); 'files per lookup' counts files planned for id = k and for"
        + " amount = v over " + SAMPLE + " rows' values. Last, the table is sorted by id again with"
        + " write.parquet.row-group-size-bytes = 4 MiB, and W3/W7 run on that.");
  }

  static final long SMALL_ROW_GROUP = 4L << 20;

  private static String perLookup(FloeSystem floe, double[] amounts) {
    double files = 0;
    for (double a : amounts) {
      files += floe.plannedFiles(TABLE, Expressions.equal("amount", a));
    }
    return String.format(Locale.ROOT, "%.2f", files / amounts.length);
  }

  /** The amounts of rows with these ids (the generator runs up to the largest id). */
  private static double[] amountsOf(long[] ids) {
    long max = Arrays.stream(ids).max().orElse(0);
    double[] out = new double[ids.length];
    RowGenerator g = new RowGenerator();
    for (long i = 0; i <= max; i++) {
      g.next();
      for (int k = 0; k < ids.length; k++) {
        if (ids[k] == g.id) {
          out[k] = g.amount;
        }
      }
    }
    return out;
  }

  /** W3 and W7 on the W8 table, as those workloads measure them. */
  private static final class Reads {
    final List<Double> scanRates = new ArrayList<>();
    final List<Double> lookupRates = new ArrayList<>();
    long rows;
    long idSum;
    double filesPerLookup;
    double rowGroupsPerLookup;
  }

  private static Reads reads(TableSystem sys, long[] keys, int reps) {
    Reads r = new Reads();
    sys.scanTwo(TABLE); // warm-up
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      TableSystem.ScanOutcome out = sys.scanTwo(TABLE);
      r.scanRates.add(out.rows() / Stats.seconds(t0));
      r.rows = out.rows();
      r.idSum = out.checksum();
    }
    for (int i = 0; i < Math.max(1, keys.length / 10); i++) {
      sys.lookup(TABLE, keys[i]);
    }
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      for (long k : keys) {
        sys.lookup(TABLE, k);
      }
      r.lookupRates.add(keys.length / Stats.seconds(t0));
    }
    int sample = Math.min(SAMPLE, keys.length);
    for (int i = 0; i < sample; i++) {
      List<String> planned = sys.plannedFiles(TABLE, keys[i]);
      r.filesPerLookup += planned.size();
      for (String f : planned) {
        r.rowGroupsPerLookup += Footers.rowGroupsContaining(f, keys[i]);
      }
    }
    r.filesPerLookup /= sample;
    r.rowGroupsPerLookup /= sample;
    return r;
  }
}
