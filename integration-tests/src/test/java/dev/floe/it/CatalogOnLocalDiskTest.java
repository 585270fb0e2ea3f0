package dev.floe.it;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class CatalogOnLocalDiskTest extends CatalogTest {
  @TempDir Path dir;

  @Override
  Warehouse warehouse() {
    return Warehouse.local(dir);
  }
}
