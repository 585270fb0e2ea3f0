package dev.floe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.io.InputFile;
import dev.floe.io.PositionOutputStream;
import dev.floe.io.SeekableInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every FileIO promises, run by every storage backend through a subclass. {@link #root()}
 * must be a fresh, empty directory location for each test; {@link #io()} the FileIO under test.
 */
public abstract class FileIOContractTest {

  protected abstract FileIO io();

  /** A fresh base location for this test, with or without a trailing slash. */
  protected abstract String root();

  protected String loc(String relative) {
    String root = root();
    return (root.endsWith("/") ? root : root + "/") + relative;
  }

  protected void write(String location, byte[] content) throws IOException {
    try (PositionOutputStream out = io().newOutputFile(location).create()) {
      out.write(content);
    }
  }

  protected byte[] read(String location) {
    return io().newInputFile(location).readAllBytes();
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void writtenFileReadsBackWithLengthAndPosition() throws IOException {
    String location = loc("a/b/c/data.bin");
    byte[] content = randomBytes(300_000, 1);

    try (PositionOutputStream out = io().newOutputFile(location).create()) {
      out.write(content, 0, 1000);
      out.write(content[1000]);
      assertThat(out.position()).isEqualTo(1001);
      out.write(content, 1001, content.length - 1001);
      assertThat(out.position()).isEqualTo(content.length);
    }

    InputFile in = io().newInputFile(location);
    assertThat(in.location()).isEqualTo(location);
    assertThat(in.exists()).isTrue();
    assertThat(in.length()).isEqualTo(content.length);
    assertThat(in.readAllBytes()).isEqualTo(content);
    assertThat(io().newOutputFile(location).toInputFile().readAllBytes()).isEqualTo(content);
  }

  @Test
  void streamSeeksAndReadsRanges() throws IOException {
    String location = loc("ranges.bin");
    byte[] content = randomBytes(200_000, 2);
    write(location, content);

    try (SeekableInputStream in = io().newInputFile(location).newStream()) {
      // a Parquet reader's first move: the footer length and magic at the end
      in.seek(content.length - 8);
      assertThat(in.readNBytes(8)).isEqualTo(Arrays.copyOfRange(content, content.length - 8, content.length));
      assertThat(in.position()).isEqualTo(content.length);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);

      // a column chunk in the middle, read into one large array as Parquet does
      in.seek(70_001);
      byte[] chunk = new byte[100_000];
      readFully(in, chunk);
      assertThat(chunk).isEqualTo(Arrays.copyOfRange(content, 70_001, 170_001));
      assertThat(in.position()).isEqualTo(170_001);

      // small reads, then seeks backwards and forwards around them
      in.seek(100);
      assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOfRange(content, 100, 110));
      in.seek(105);
      assertThat(in.read()).isEqualTo(content[105] & 0xff);
      in.seek(0);
      assertThat(in.read()).isEqualTo(content[0] & 0xff);
      assertThat(in.position()).isEqualTo(1);
      in.seek(199_990);
      assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOfRange(content, 199_990, 200_000));
    }
  }

  private static void readFully(SeekableInputStream in, byte[] target) throws IOException {
    int filled = 0;
    while (filled < target.length) {
      int n = in.read(target, filled, target.length - filled);
      assertThat(n).as("bytes read at %s", filled).isPositive();
      filled += n;
    }
  }

  @Test
  void rangedReadsAtManyOffsetsReturnExactlyThoseBytes() throws IOException {
    String location = loc("offsets.bin");
    int size = 3 * 1024 * 1024 + 123;
    byte[] content = randomBytes(size, 4);
    write(location, content);

    int mib = 1024 * 1024;
    long[] offsets = {0, 1, 4095, 4096, 65_535, mib - 1, mib, mib + 1, 2L * mib - 7, size - 100, size - 1};
    int[] lengths = {1, 7, 4096, 70_000, mib + 3};
    try (SeekableInputStream in = io().newInputFile(location).newStream()) {
      for (long offset : offsets) {
        for (int length : lengths) {
          in.seek(offset);
          int expected = (int) Math.min(length, size - offset);
          byte[] got = in.readNBytes(length);
          assertThat(got).as("%s bytes at %s", length, offset)
              .isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) offset + expected));
          assertThat(in.position()).isEqualTo(offset + expected);
        }
      }
      in.seek(size);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    }
  }

  @Test
  void largeFileReadsBackByteForByte() throws IOException {
    String location = loc("large/big.bin");
    int size = 24 * 1024 * 1024 + 12_345;
    byte[] content = randomBytes(size, 5);
    try (PositionOutputStream out = io().newOutputFile(location).create()) {
      // odd write sizes, so part boundaries fall inside writes
      int written = 0;
      int step = 1024 * 1024 + 7;
      while (written < size) {
        int n = Math.min(step, size - written);
        out.write(content, written, n);
        written += n;
      }
      assertThat(out.position()).isEqualTo(size);
    }

    InputFile in = io().newInputFile(location);
    assertThat(in.length()).isEqualTo(size);
    assertThat(in.readAllBytes()).isEqualTo(content);
    long boundary = 5L * 1024 * 1024; // where a 5 MiB multipart part ends
    try (SeekableInputStream stream = in.newStream()) {
      stream.seek(boundary - 3);
      assertThat(stream.readNBytes(6)).isEqualTo(Arrays.copyOfRange(content, (int) boundary - 3, (int) boundary + 3));
    }
  }

  @Test
  void deleteAllRemovesEveryFileAndIgnoresMissingOnes() throws IOException {
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String location = loc("bulk/" + (i % 3) + "/f" + i + ".bin");
      write(location, new byte[i]);
      locations.add(location);
    }
    write(loc("kept/k.bin"), new byte[1]);
    locations.add(loc("bulk/never-written.bin"));

    io().deleteAll(locations);
    io().deleteAll(List.of());

    assertThat(io().list(loc("bulk"))).isEmpty();
    assertThat(io().newInputFile(locations.get(0)).exists()).isFalse();
    assertThat(io().list(loc("kept"))).hasSize(1);
  }

  @Test
  void readingAMissingFileIsNotFound() {
    InputFile in = io().newInputFile(loc("missing/file.bin"));

    assertThat(in.exists()).isFalse();
    assertThatThrownBy(in::length).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(in::newStream).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(NotFoundException.class);
  }

  @Test
  void createReplacesAnExistingFile() throws IOException {
    String location = loc("replaced.txt");
    write(location, "a longer first version".getBytes(StandardCharsets.UTF_8));
    write(location, "second".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(read(location), StandardCharsets.UTF_8)).isEqualTo("second");
    assertThat(io().newInputFile(location).length()).isEqualTo(6);
  }

  @Test
  void createExclusiveOnAFreshPathWritesExactContent() {
    String location = loc("metadata/v1.metadata.json");
    byte[] content = randomBytes(50_000, 3);
    byte[] callersArray = content.clone();

    io().newOutputFile(location).createExclusive(callersArray);
    Arrays.fill(callersArray, (byte) 0); // the file must not alias the caller's array

    assertThat(read(location)).isEqualTo(content);
    assertThat(io().newInputFile(location).length()).isEqualTo(content.length);
  }

  @Test
  void createExclusiveOfEmptyContentCreatesAnEmptyFile() {
    String location = loc("empty");
    io().newOutputFile(location).createExclusive(new byte[0]);

    assertThat(io().newInputFile(location).exists()).isTrue();
    assertThat(read(location)).isEmpty();
  }

  @Test
  void createExclusiveOnAnExistingPathFailsAndKeepsTheOriginal() throws IOException {
    String committed = loc("metadata/v1.metadata.json");
    byte[] original = "original".getBytes(StandardCharsets.UTF_8);
    io().newOutputFile(committed).createExclusive(original);

    assertThatThrownBy(() -> io().newOutputFile(committed).createExclusive("intruder".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(read(committed)).isEqualTo(original);

    String written = loc("data/plain.bin");
    write(written, original);
    assertThatThrownBy(() -> io().newOutputFile(written).createExclusive(new byte[1]))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(read(written)).isEqualTo(original);
  }

  @Test
  void racingExclusiveCreatesHaveExactlyOneWinner() throws Exception {
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 5; round++) {
        String location = loc("metadata/v" + (round + 1) + ".metadata.json");
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          contents.add(randomBytes(64 * 1024 + i, round * 100L + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          byte[] content = contents.get(i);
          outcomes.add(pool.submit(() -> {
            start.await();
            try {
              io().newOutputFile(location).createExclusive(content);
              return true;
            } catch (AlreadyExistsException lost) {
              return false;
            }
          }));
        }
        start.countDown();

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          if (outcomes.get(i).get(30, TimeUnit.SECONDS)) {
            winners.add(i);
          }
        }
        assertThat(winners).as("winners of round %s", round).hasSize(1);
        assertThat(read(location)).isEqualTo(contents.get(winners.get(0)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listFindsNestedFilesWithSizesSpelledLikeThePrefix() throws IOException {
    write(loc("t/top.txt"), new byte[3]);
    write(loc("t/data/p=1/f1.parquet"), new byte[10]);
    write(loc("t/data/p=2/deeper/f2.parquet"), new byte[0]);
    io().newOutputFile(loc("t/metadata/v1.metadata.json")).createExclusive(new byte[7]);
    // a sibling whose name starts with the prefix's name is not under the prefix
    write(loc("t2/other.txt"), new byte[1]);

    List<FileInfo> expected = List.of(
        new FileInfo(loc("t/top.txt"), 3, 0),
        new FileInfo(loc("t/data/p=1/f1.parquet"), 10, 0),
        new FileInfo(loc("t/data/p=2/deeper/f2.parquet"), 0, 0),
        new FileInfo(loc("t/metadata/v1.metadata.json"), 7, 0));
    for (String prefix : List.of(loc("t"), loc("t/"))) {
      List<FileInfo> listed = io().list(prefix);
      assertThat(listed).extracting(FileInfo::location, FileInfo::size)
          .as("list(%s)", prefix)
          .containsExactlyInAnyOrderElementsOf(expected.stream().map(f -> tuple(f.location(), f.size())).toList());
      assertThat(listed).allSatisfy(f -> assertThat(f.modifiedMillis()).isPositive());
    }
    for (FileInfo listed : io().list(loc("t"))) {
      assertThat(io().newInputFile(listed.location()).length()).isEqualTo(listed.size());
    }
  }

  @Test
  void listOfAMissingDirectoryIsEmpty() {
    assertThat(io().list(loc("nothing/here"))).isEmpty();
  }

  @Test
  void deleteRemovesAFileAndAMissingFileIsFine() throws IOException {
    String location = loc("d/gone.bin");
    write(location, new byte[5]);

    io().delete(location);
    io().delete(location);
    io().delete(loc("never/existed.bin"));

    assertThat(io().newInputFile(location).exists()).isFalse();
    assertThat(io().list(loc("d"))).isEmpty();
  }
}
