package dev.floe.storage.local;

import dev.floe.io.FileIO;
import dev.floe.testing.FileIOContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOContractTest extends FileIOContractTest {
  private final LocalFileIO io = new LocalFileIO();
  @TempDir Path dir;

  @Override
  protected FileIO io() {
    return io;
  }

  @Override
  protected String root() {
    return dir.resolve("wh").toString();
  }
}
