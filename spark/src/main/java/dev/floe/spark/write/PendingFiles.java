package dev.floe.spark.write;

import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.manifest.DataFile;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The data files a write job's tasks finished, recorded by each task on storage before it
 * reports success. A task can finish while Spark fails the job for another task's error; Spark
 * then drops its report, and only this record lets the driver's abort delete its files. Each
 * record is created atomically (whole or absent) as
 * {@code <table>/data/_spark-pending/<job>.<task>.txt} (one directory for all jobs, which holds
 * only the records of jobs in flight), and the driver removes the job's records once it has
 * committed or aborted.
 *
 * <p>A task may still finish after the driver aborted the job (its commit was authorized just
 * before another task failed the job). So the two sides order their steps: a task writes its
 * record and then looks for the job's abort marker; the driver writes the marker and then reads
 * the records. Either the driver sees the record, or the task sees the marker and deletes its
 * own files. Markers are tiny and are swept a day after they were written.
 */
final class PendingFiles implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String DIRECTORY = "_spark-pending";

  private final String directory;
  private final String job;

  private PendingFiles(String directory, String job) {
    this.directory = directory;
    this.job = job;
  }

  /** The records of a new job of the table at this location. */
  static PendingFiles newJob(String tableLocation) {
    return new PendingFiles(tableLocation + "/data/" + DIRECTORY, UUID.randomUUID().toString());
  }

  /** The records of one micro-batch of a streaming job. */
  PendingFiles forEpoch(long epochId) {
    return new PendingFiles(directory, job + "-e" + epochId);
  }

  private List<FileInfo> records(FileIO io) {
    List<FileInfo> out = new ArrayList<>();
    String prefix = directory + "/" + job + ".";
    for (FileInfo f : io.list(directory + "/")) {
      if (f.location().startsWith(prefix) && f.location().endsWith(".txt")) {
        out.add(f);
      }
    }
    return out;
  }

  private static final long MARKER_LIFETIME_MILLIS = 24L * 60 * 60 * 1000;

  private String abortMarker() {
    return directory + "/" + job + ".aborted";
  }

  /**
   * Records a task's finished files; called on the executor before the task reports them.
   *
   * @throws IllegalStateException after deleting the files, when the job was already aborted
   */
  void record(FileIO io, List<DataFile> files) {
    StringBuilder paths = new StringBuilder();
    for (DataFile f : files) {
      paths.append(f.path()).append('\n');
    }
    String record = directory + "/" + job + "." + UUID.randomUUID() + ".txt";
    io.newOutputFile(record).createExclusive(paths.toString().getBytes(StandardCharsets.UTF_8));
    if (io.newInputFile(abortMarker()).exists()) {
      for (DataFile f : files) {
        io.delete(f.path());
      }
      io.delete(record);
      throw new IllegalStateException("write job " + job + " was aborted before this task finished;"
          + " its files are deleted");
    }
  }

  /** Marks the job aborted, before the driver reads its records (see the class comment). */
  void markAborted(FileIO io) {
    try {
      io.newOutputFile(abortMarker()).createExclusive(new byte[0]);
    } catch (dev.floe.error.AlreadyExistsException e) {
      // aborted twice: the marker is there either way
    }
  }

  /** Every file the job's tasks recorded. */
  List<String> recorded(FileIO io) {
    List<String> out = new ArrayList<>();
    for (FileInfo record : records(io)) {
      String text = new String(io.newInputFile(record.location()).readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
    }
    return out;
  }

  /** Removes the job's records (not the files they name), and abort markers older than a day. */
  void clear(FileIO io) {
    for (FileInfo record : records(io)) {
      io.delete(record.location());
    }
    long old = System.currentTimeMillis() - MARKER_LIFETIME_MILLIS;
    for (FileInfo f : io.list(directory + "/")) {
      if (f.location().endsWith(".aborted") && f.modifiedMillis() < old) {
        io.delete(f.location());
      }
    }
  }
}
