package dev.floe.storage.s3;

import dev.floe.io.FileIO;
import dev.floe.storage.s3.testing.S3TestServer;
import dev.floe.testing.FileIOContractTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract every backend keeps, on a real S3 protocol server. */
class S3FileIOContractTest extends FileIOContractTest {
  @RegisterExtension final S3TestServer s3 = new S3TestServer();
  private S3FileIO io;

  @BeforeEach
  void open() {
    Map<String, String> properties = new HashMap<>(s3.properties());
    // small parts, so the contract's large file goes up as a real multipart upload
    properties.put("s3.multipart.size", String.valueOf(5 * 1024 * 1024));
    properties.put("s3.multipart.threshold", "1.0");
    io = new S3FileIO(properties);
  }

  @AfterEach
  void close() {
    io.close();
  }

  @Override
  protected FileIO io() {
    return io;
  }

  @Override
  protected String root() {
    return s3.location("wh");
  }
}
