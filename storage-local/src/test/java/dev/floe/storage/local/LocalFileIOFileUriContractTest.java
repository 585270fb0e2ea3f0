package dev.floe.storage.local;

import dev.floe.io.FileIO;
import dev.floe.testing.FileIOContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The same contract with locations spelled as {@code file:///} URIs. */
class LocalFileIOFileUriContractTest extends FileIOContractTest {
  private final LocalFileIO io = new LocalFileIO();
  @TempDir Path dir;

  @Override
  protected FileIO io() {
    return io;
  }

  @Override
  protected String root() {
    return "file://" + dir.resolve("wh") + "/";
  }
}
