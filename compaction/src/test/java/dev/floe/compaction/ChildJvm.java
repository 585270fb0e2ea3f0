package dev.floe.compaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test main class run in a separate JVM on this test's class path, talked to by lines: it
 * prints what it did on stdout, and reads commands (if any) from stdin.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;

  ChildJvm(Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** The child's next line; fails if it ended first. */
  String line() throws IOException {
    String l = out.readLine();
    if (l == null) {
      throw new AssertionError("the child ended (exit " + waitFor() + ") before printing a line");
    }
    return l;
  }

  /** Reads lines until one starts with {@code prefix}, and returns it. */
  String await(String prefix) throws IOException {
    while (true) {
      String l = line();
      if (l.startsWith(prefix)) {
        return l;
      }
    }
  }

  void send(String command) {
    in.println(command);
  }

  void kill() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    process.waitFor(1, TimeUnit.MINUTES);
  }

  int waitFor() {
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("child did not end");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
