package dev.floe.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A committer killed with SIGKILL at random moments never leaves a partial file under a target name. */
class CreateExclusiveCrashTest {
  private static final Pattern TARGET = Pattern.compile("v(\\d+)\\.json");
  private static final Pattern TEMP = Pattern.compile("\\.v\\d+\\.json\\..+\\.tmp");

  @TempDir Path dir;

  @Test
  void killedWriterNeverLeavesAPartialTargetFile() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int committedSoFar = 0;
    for (int trial = 0; trial < 10; trial++) {
      int killAfter = 1 + random.nextInt(4);
      runChildAndKill(killAfter);
      committedSoFar += killAfter;

      TreeSet<Integer> versions = new TreeSet<>();
      for (Path file : files()) {
        String name = file.getFileName().toString();
        Matcher target = TARGET.matcher(name);
        if (target.matches()) {
          versions.add(Integer.parseInt(target.group(1)));
          assertThat(CreateExclusiveCrashChild.isComplete(Files.readAllBytes(file)))
              .as("%s is complete (trial %s, seed %s)", name, trial, seed)
              .isTrue();
        } else {
          assertThat(name).as("only targets and temp files (seed %s)", seed).matches(TEMP);
        }
      }
      // versions are committed in order, and every reported commit is there
      assertThat(versions.last()).isGreaterThanOrEqualTo(committedSoFar).isEqualTo(versions.size());
    }
  }

  private void runChildAndKill(int killAfterCommits) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        CreateExclusiveCrashChild.class.getName(),
        dir.toString())
        .redirectErrorStream(true)
        .start();
    try {
      StringBuilder transcript = new StringBuilder();
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      int committed = 0;
      while (committed < killAfterCommits) {
        String line = out.readLine();
        if (line == null) {
          fail("child ended before committing %s versions: %s", killAfterCommits, transcript);
        }
        transcript.append(line).append('\n');
        if (line.startsWith("committed ")) {
          committed++;
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
