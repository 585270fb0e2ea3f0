package dev.floe.compaction;

import dev.floe.catalog.StorageCatalog;
import dev.floe.table.Table;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A storage-only catalog on a fresh local directory per test; subclasses create {@link #table}. */
abstract class OnDiskTest {
  @TempDir Path dir;
  StorageCatalog catalog;
  Table table;

  @BeforeEach
  void openCatalog() {
    catalog = Tables.catalog(dir);
  }

  @AfterEach
  void closeCatalog() {
    catalog.close();
  }
}
