package dev.floe.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for every test class in the JVM (starting Spark costs seconds), with a
 * Floe catalog named {@code floe} over a warehouse in a temporary directory. Test classes keep
 * apart by namespace.
 */
final class SharedSpark {
  private static SparkSession session;
  private static Path warehouse;
  private static RunningTasks tasks;

  private SharedSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      try {
        warehouse = Files.createTempDirectory("floe-spark-warehouse");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      session = SparkSession.builder()
          .master("local[2]")
          .appName("floe-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.datetime.java8API.enabled", "true")
          .config("spark.sql.catalog.floe", FloeSparkCatalog.class.getName())
          .config("spark.sql.catalog.floe.warehouse", warehouse.toString())
          .getOrCreate();
      tasks = new RunningTasks();
      session.sparkContext().addSparkListener(tasks);
      Runtime.getRuntime().addShutdownHook(new Thread(SharedSpark::stop));
    }
    return session;
  }

  /** Waits until no Spark task runs (cancelled tasks of a failed job clean up after it returns). */
  static void awaitNoRunningTasks() throws InterruptedException {
    session();
    tasks.awaitNone(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  static synchronized Path warehouse() {
    session();
    return warehouse;
  }

  private static synchronized void stop() {
    if (session != null) {
      session.stop();
      session = null;
      deleteTree(warehouse);
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
