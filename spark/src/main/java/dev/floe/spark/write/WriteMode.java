package dev.floe.spark.write;

import dev.floe.expressions.Expression;

/** What a batch write does to the rows already in the table. */
sealed interface WriteMode {
  /** INSERT INTO, {@code writeTo(...).append()}: adds rows. */
  record Append() implements WriteMode {}

  /** INSERT OVERWRITE with static partitions or a filter (true: the whole table): replaces the rows it matches. */
  record OverwriteWhere(Expression filter) implements WriteMode {}

  /** INSERT OVERWRITE in dynamic partition mode: replaces the partitions the new rows fall in. */
  record OverwritePartitions() implements WriteMode {}
}
