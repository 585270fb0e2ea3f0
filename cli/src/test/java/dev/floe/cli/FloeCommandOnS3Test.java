package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.storage.s3.testing.S3TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every floe command of {@link FloeCommandTest} again, with the warehouse in a bucket on a real
 * S3 server: {@code floe --warehouse s3://bucket/wh --conf s3.endpoint=... create/append/scan/...}.
 */
class FloeCommandOnS3Test extends FloeCommandTest {
  @RegisterExtension final S3TestServer s3 = new S3TestServer();

  @Override
  String warehouse() {
    return s3.location("wh");
  }

  @Override
  Map<String, String> storage() {
    return s3.properties();
  }

  /** Not a test here: resolving relative local paths has nothing to do with S3. */
  @Override
  void relativeWarehouseIsResolvedAgainstTheWorkingDirectory() {}

  @Test
  void tablesAreObjectsInTheBucket() {
    createTable();
    assertThat(s3.admin().listObjectsV2(b -> b.bucket(s3.bucket()).prefix("wh/db/events/metadata/")).contents())
        .extracting(o -> o.key()).contains("wh/db/events/metadata/v1.metadata.json");
    Map<String, String> wrongSecret = new java.util.HashMap<>(storage());
    wrongSecret.put("s3.secret-access-key", "not-the-secret");
    Cli.Result denied = new Cli(warehouse(), wrongSecret).run("count", TABLE);
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.errLines()).singleElement().asString().startsWith("floe: error: ").contains("HTTP 403");
  }
}
