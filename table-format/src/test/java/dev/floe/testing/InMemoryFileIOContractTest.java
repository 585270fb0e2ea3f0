package dev.floe.testing;

import dev.floe.io.FileIO;
import java.util.UUID;

class InMemoryFileIOContractTest extends FileIOContractTest {
  private final InMemoryFileIO io = new InMemoryFileIO();
  private final String root = "/mem/" + UUID.randomUUID();

  @Override
  protected FileIO io() {
    return io;
  }

  @Override
  protected String root() {
    return root;
  }
}
