package dev.floe.spark.stream;

import dev.floe.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A position in a table's stream of snapshots: every row appended up to and including this
 * snapshot has been read. {@link #START} is the position before the first snapshot. Stored in
 * Spark's checkpoint as {@code {"snapshot-id":123}}.
 */
public final class SnapshotOffset extends Offset {
  private static final long BEFORE_FIRST = -1;
  public static final SnapshotOffset START = new SnapshotOffset(BEFORE_FIRST);
  private static final Pattern JSON = Pattern.compile("\\s*\\{\\s*\"snapshot-id\"\\s*:\\s*(-?\\d+)\\s*}\\s*");

  private final long snapshotId;

  public SnapshotOffset(long snapshotId) {
    this.snapshotId = snapshotId;
  }

  public long snapshotId() {
    return snapshotId;
  }

  public boolean isStart() {
    return snapshotId == BEFORE_FIRST;
  }

  @Override
  public String json() {
    return "{\"snapshot-id\":" + snapshotId + "}";
  }

  public static SnapshotOffset parse(String json) {
    Matcher m = JSON.matcher(json);
    if (!m.matches()) {
      throw new InvalidInputException("offset", "not a Floe stream offset: " + json
          + "; was this checkpoint written by another source?");
    }
    return new SnapshotOffset(Long.parseLong(m.group(1)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotOffset s && s.snapshotId == snapshotId;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(snapshotId);
  }
}
