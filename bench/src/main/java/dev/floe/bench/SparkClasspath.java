package dev.floe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where a Spark worker JVM gets its class path and flags: the bench-spark module's build output
 * ({@code -Dbench.spark.home}, set by bench/run), whose jar, {@code lib/} and the JVM flags Spark
 * needs on Java 17 (written into {@code classes/floe-bench-spark.properties} by its build).
 */
record SparkClasspath(String classpath, List<String> jvmFlags) {

  static SparkClasspath find() {
    String home = System.getProperty(Bench.SPARK_HOME);
    if (home == null) {
      throw new BenchException("Spark systems run from the bench-spark module: start them with bench/run"
          + " (which builds it), or set -D" + Bench.SPARK_HOME + "=<bench-spark build directory>");
    }
    Path dir = Path.of(home);
    Path flags = dir.resolve("classes").resolve("floe-bench-spark.properties");
    String text;
    try {
      text = Files.readString(flags);
    } catch (IOException e) {
      throw new BenchException("cannot read " + flags + " (is bench-spark built?): " + e.getMessage(), e);
    }
    // the flags span several lines (as the pom writes them): everything after the key
    String key = "spark.jvm.flags=";
    int at = text.indexOf(key);
    if (at < 0) {
      throw new BenchException(flags + " has no " + key);
    }
    List<String> jvm = Arrays.stream(text.substring(at + key.length()).trim().split("\\s+"))
        .filter(s -> !s.isBlank()).toList();
    return new SparkClasspath(dir.resolve("floe-bench-spark-0.1.0-SNAPSHOT.jar") + java.io.File.pathSeparator
        + dir.resolve("lib") + "/*", jvm);
  }
}
