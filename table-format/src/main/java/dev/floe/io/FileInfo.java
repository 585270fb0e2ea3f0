package dev.floe.io;

/** A listed file: its location, size in bytes and last-modified time (epoch millis). */
public record FileInfo(String location, long size, long modifiedMillis) {}
