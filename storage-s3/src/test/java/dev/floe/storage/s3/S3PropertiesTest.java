package dev.floe.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3PropertiesTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void defaultsLeaveCredentialsAndRegionToTheSdkChain() {
    S3Properties p = S3Properties.from(Map.of());
    assertThat(p.endpoint()).isEmpty();
    assertThat(p.credentials()).isEmpty();
    assertThat(p.region()).isEmpty();
    assertThat(p.pathStyleAccess()).isFalse();
    assertThat(p.partSize()).isEqualTo(8 * MIB);
    assertThat(p.multipartThreshold()).isEqualTo(12 * MIB);
    assertThat(p.deleteBatchSize()).isEqualTo(1000);
    assertThat(p.retry().numRetries()).isEqualTo(5);
  }

  @Test
  void icebergStyleNamesAreRead() {
    S3Properties p = S3Properties.from(Map.ofEntries(
        Map.entry("s3.endpoint", "http://127.0.0.1:9000"),
        Map.entry("s3.path-style-access", "TRUE"),
        Map.entry("s3.access-key-id", "id"),
        Map.entry("s3.secret-access-key", "secret"),
        Map.entry("s3.session-token", "token"),
        Map.entry("s3.region", "eu-west-1"),
        Map.entry("s3.multipart.size", String.valueOf(16 * MIB)),
        Map.entry("s3.multipart.threshold", "2"),
        Map.entry("s3.multipart.num-threads", "8"),
        Map.entry("s3.delete.batch-size", "250"),
        Map.entry("s3.retry.num-retries", "2"),
        Map.entry("http-client.apache.socket-timeout-ms", "1500")));
    assertThat(p.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(p.pathStyleAccess()).isTrue();
    assertThat(p.credentials()).contains(new S3Properties.Credentials("id", "secret", Optional.of("token")));
    assertThat(p.credentials().orElseThrow().toString()).doesNotContain("secret").doesNotContain("token");
    assertThat(p.region()).contains("eu-west-1");
    assertThat(p.partSize()).isEqualTo(16 * MIB);
    assertThat(p.multipartThreshold()).isEqualTo(32 * MIB);
    assertThat(p.uploadThreads()).isEqualTo(8);
    assertThat(p.deleteBatchSize()).isEqualTo(250);
    assertThat(p.retry().numRetries()).isEqualTo(2);
    assertThat(p.http().socketTimeout()).contains(Duration.ofMillis(1500));
  }

  @Test
  void badValuesNameTheProperty() {
    assertInvalid(Map.of("s3.endpoint", "not a url"), "s3.endpoint");
    assertInvalid(Map.of("s3.path-style-access", "yes"), "s3.path-style-access");
    assertInvalid(Map.of("s3.access-key-id", "only-the-id"), "s3.secret-access-key");
    assertInvalid(Map.of("s3.session-token", "t"), "s3.session-token");
    assertInvalid(Map.of("s3.multipart.size", "1024"), "s3.multipart.size");
    assertInvalid(Map.of("s3.multipart.threshold", "0.5"), "s3.multipart.threshold");
    assertInvalid(Map.of("s3.delete.batch-size", "1001"), "s3.delete.batch-size");
    assertInvalid(Map.of("s3.retry.num-retries", "many"), "s3.retry.num-retries");
    assertInvalid(Map.of("s3.retry.min-wait-ms", "100", "s3.retry.max-wait-ms", "10"), "s3.retry.max-wait-ms");
  }

  private static void assertInvalid(Map<String, String> properties, String field) {
    assertThatThrownBy(() -> S3Properties.from(properties)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void locationsParseIntoBucketAndLiteralKey() {
    assertThat(S3Location.parse("s3://b/wh/t/data/p%3D1/f.parquet"))
        .isEqualTo(new S3Location("s3", "b", "wh/t/data/p%3D1/f.parquet"));
    assertThat(S3Location.parse("S3A://b")).isEqualTo(new S3Location("s3a", "b", ""));
    assertThat(S3Location.parse("s3://b/t").directoryPrefix()).isEqualTo("t/");
    assertThat(S3Location.parse("s3://b/t/").directoryPrefix()).isEqualTo("t/");
    assertThat(S3Location.parse("s3://b/").directoryPrefix()).isEmpty();
    assertThatThrownBy(() -> S3Location.parse("s3:///key")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> S3Location.parse("/local/path")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> S3Location.object("s3://b/dir/")).isInstanceOf(InvalidInputException.class);
  }
}
