package dev.floe.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the report says about the machine, and the floors measured with plain tools. */
final class MachineFacts {
  private MachineFacts() {}

  static Map<String, String> collect(List<String> jvmFlags, boolean inProcess) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("cores", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
    facts.put("memory", memTotal());
    facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    facts.put("JVM flags (every measured JVM)", inProcess
        ? "in-process run: " + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
            .getInputArguments())
        : String.join(" ", jvmFlags) + "; Iceberg JVMs add -Diceberg.scan.plan-in-worker-pool=false"
            + " except the iceberg-lean-pool variant");
    facts.put("Apache Iceberg", org.apache.iceberg.IcebergBuild.version());
    facts.put("Parquet (both systems)", packageVersion(org.apache.parquet.hadoop.ParquetFileWriter.class));
    return facts;
  }

  private static String packageVersion(Class<?> c) {
    String v = c.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    String jar = c.getProtectionDomain().getCodeSource().getLocation().getPath();
    return jar.substring(jar.lastIndexOf('/') + 1);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the core count alone will do
    }
    return "cpu model unknown";
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "unknown";
  }

  /**
   * The floor of a durable local commit: create a new file, write, fsync it, fsync the
   * directory, in a tight loop. Returns the median milliseconds.
   */
  static double durableCreateMillis(Path dir, int rounds) throws IOException {
    Files.createDirectories(dir);
    double[] ms = new double[rounds];
    byte[] content = new byte[800];
    for (int i = 0; i < rounds; i++) {
      Path f = dir.resolve("probe-" + i);
      long t0 = System.nanoTime();
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content));
        ch.force(true);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
      ms[i] = Stats.millis(t0);
    }
    for (int i = 0; i < rounds; i++) {
      Files.deleteIfExists(dir.resolve("probe-" + i));
    }
    return Stats.median(ms);
  }
}
