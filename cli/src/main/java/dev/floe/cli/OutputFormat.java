package dev.floe.cli;

/** Output formats of {@code scan}. */
enum OutputFormat { TABLE, CSV, JSONL }
