package dev.floe.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.StorageException;
import dev.floe.io.FileIOs;
import dev.floe.io.FileInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {
  private static final byte[] CONTENT = "{\"format-version\":2}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final LocalFileIO io = new LocalFileIO();

  @Test
  void plainPathsAndFileUrisNameTheSameFile() {
    String path = dir.resolve("t/metadata/v1.metadata.json").toString();
    io.newOutputFile("file:" + path).createExclusive(CONTENT);

    for (String location : List.of(path, "file:" + path, "file://" + path, "file://localhost" + path, "FILE:" + path)) {
      assertThat(io.newInputFile(location).readAllBytes()).as(location).isEqualTo(CONTENT);
    }
    assertThatThrownBy(() -> io.newOutputFile("file://" + path).createExclusive(CONTENT))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void listSpellsLocationsLikeThePrefix() throws IOException {
    Path table = dir.resolve("t");
    Files.createDirectories(table.resolve("data/p=a%20b"));
    Files.write(table.resolve("data/p=a%20b/f.parquet"), new byte[4]);

    for (String prefix : List.of(table.toString(), "file:" + table, "file://" + table, "file://" + table + "/")) {
      String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      assertThat(io.list(prefix)).extracting(FileInfo::location)
          .as(prefix)
          .containsExactly(base + "/data/p=a%20b/f.parquet");
    }
  }

  @Test
  void rejectsLocationsThatAreNotLocalAbsolutePaths() {
    for (String location : List.of("s3://bucket/t/x", "file://otherhost/wh/x", "relative/path", "file:relative", "")) {
      assertThatThrownBy(() -> io.newInputFile(location))
          .as(location)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("location"));
    }
  }

  @Test
  void providerServesPlainPathsAndFileUris() {
    assertThat(FileIOs.forLocation("/wh/t", Map.of())).isInstanceOf(LocalFileIO.class);
    assertThat(FileIOs.forLocation("file:///wh/t", Map.of())).isInstanceOf(LocalFileIO.class);
  }

  @Test
  void exclusiveCreateLeavesNoTempFileBehind() throws IOException {
    String target = dir.resolve("v1.metadata.json").toString();
    io.newOutputFile(target).createExclusive(CONTENT);
    assertThatThrownBy(() -> io.newOutputFile(target).createExclusive(new byte[3]))
        .isInstanceOf(AlreadyExistsException.class);

    assertThat(fileNames()).containsExactly("v1.metadata.json");
  }

  @Test
  void leftoverTempFilesAreListedAndDoNotBlockCommits() throws IOException {
    Path leftover = dir.resolve(".v1.metadata.json.0b8c-crashed.tmp");
    Files.write(leftover, new byte[2]);

    io.newOutputFile(dir.resolve("v1.metadata.json").toString()).createExclusive(CONTENT);

    assertThat(io.list(dir.toString())).extracting(FileInfo::location)
        .containsExactlyInAnyOrder(leftover.toString(), dir.resolve("v1.metadata.json").toString());
  }

  @Test
  void linkReportedAsFailedButLandedIsASuccess() throws IOException {
    LocalFileIO lostReply = new LocalFileIO((target, temp) -> {
      Files.createLink(target, temp);
      throw new IOException("simulated: link done, reply lost");
    });
    String target = dir.resolve("v1.metadata.json").toString();

    lostReply.newOutputFile(target).createExclusive(CONTENT);

    assertThat(io.newInputFile(target).readAllBytes()).isEqualTo(CONTENT);
    assertThat(fileNames()).containsExactly("v1.metadata.json");
  }

  @Test
  void linkFailureWhileAnotherWriterWonIsAlreadyExists() throws IOException {
    byte[] theirs = "theirs".getBytes(StandardCharsets.UTF_8);
    LocalFileIO racing = new LocalFileIO((target, temp) -> {
      Files.write(target, theirs);
      throw new IOException("simulated I/O error");
    });
    String target = dir.resolve("v1.metadata.json").toString();

    assertThatThrownBy(() -> racing.newOutputFile(target).createExclusive(CONTENT))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(io.newInputFile(target).readAllBytes()).isEqualTo(theirs);
    assertThat(fileNames()).containsExactly("v1.metadata.json");
  }

  @Test
  void filesystemWithoutHardLinksIsAStorageErrorAndCreatesNothing() throws IOException {
    List<LocalFileIO.Linker> noLinks = List.of(
        (target, temp) -> {
          throw new FileSystemException(temp.toString(), target.toString(), "Operation not permitted");
        },
        (target, temp) -> {
          throw new UnsupportedOperationException("links not supported");
        });
    for (LocalFileIO.Linker linker : noLinks) {
      String target = dir.resolve("v1.metadata.json").toString();

      assertThatThrownBy(() -> new LocalFileIO(linker).newOutputFile(target).createExclusive(CONTENT))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("hard links");
      assertThat(fileNames()).isEmpty();
    }
  }

  @Test
  void deletingANonEmptyDirectoryIsAStorageError() throws IOException {
    Files.createDirectories(dir.resolve("t/data"));

    assertThatThrownBy(() -> io.delete(dir.resolve("t").toString())).isInstanceOf(StorageException.class);
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
