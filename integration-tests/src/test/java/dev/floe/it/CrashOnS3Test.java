package dev.floe.it;

import dev.floe.storage.s3.testing.S3TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrashOnS3Test extends CrashTest {
  @RegisterExtension final S3TestServer s3 = new S3TestServer();

  @Override
  Warehouse warehouse() {
    return Warehouse.s3(s3);
  }

  @Override
  int trials() {
    return 8; // each child JVM also starts an SDK client; fewer kills keep the suite quick
  }
}
