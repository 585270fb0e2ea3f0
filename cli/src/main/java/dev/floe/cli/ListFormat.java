package dev.floe.cli;

/** Output formats of the listings ({@code files}, {@code snapshots}). */
enum ListFormat { TABLE, CSV }
