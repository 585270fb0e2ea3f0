package dev.floe.it;

import dev.floe.storage.s3.testing.S3TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeTravelOnS3Test extends TimeTravelTest {
  @RegisterExtension final S3TestServer s3 = new S3TestServer();

  @Override
  Warehouse warehouse() {
    return Warehouse.s3(s3);
  }
}
