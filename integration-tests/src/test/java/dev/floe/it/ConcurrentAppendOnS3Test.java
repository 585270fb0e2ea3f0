package dev.floe.it;

import dev.floe.storage.s3.testing.S3TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrentAppendOnS3Test extends ConcurrentAppendTest {
  @RegisterExtension final S3TestServer s3 = new S3TestServer();

  @Override
  Warehouse warehouse() {
    return Warehouse.s3(s3);
  }

  @Override
  int appendsPerThread() {
    return 15; // threads of one JVM take turns, so this is 120 sequential S3 commits
  }
}
