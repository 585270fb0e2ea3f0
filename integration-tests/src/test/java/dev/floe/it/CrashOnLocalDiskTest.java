package dev.floe.it;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class CrashOnLocalDiskTest extends CrashTest {
  @TempDir Path dir;

  @Override
  Warehouse warehouse() {
    return Warehouse.local(dir);
  }

  @Override
  int trials() {
    return 20;
  }
}
