package dev.floe.table;

import dev.floe.expressions.Expression;
import dev.floe.manifest.DataFile;
import dev.floe.partition.PartitionSpec;

/**
 * One unit of scan work handed to an engine: a data file that may hold matching rows, the
 * partition spec it was written with, and the residual filter its rows must still pass.
 */
public record FileScanTask(DataFile file, PartitionSpec spec, Expression residual) {}
