package dev.floe.storage.s3;

import java.util.concurrent.ExecutorService;

/** What every file of one S3FileIO shares: its clients, its settings, and the part-upload threads. */
record S3Context(S3Clients clients, S3Properties properties, ExecutorService uploads) {}
