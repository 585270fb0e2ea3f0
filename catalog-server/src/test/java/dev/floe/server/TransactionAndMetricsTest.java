package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.server.TestServer.Answer;
import dev.floe.server.auth.AuthConfig;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-table commits are all or nothing; commits and conflicts show in /metrics. */
class TransactionAndMetricsTest {
  private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[{\"id\":1,\"name\":\"id\",\"required\":true,\"type\":\"long\"}]}";

  @TempDir
  Path dir;

  private static String uuid(String loadBody) {
    Matcher m = Pattern.compile("\"table-uuid\":\"([^\"]+)\"").matcher(loadBody);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String change(String table, String uuid, String key) {
    return "{\"identifier\":{\"namespace\":[\"db\"],\"name\":\"" + table + "\"},\"requirements\":[{\"type\":"
        + "\"assert-table-uuid\",\"uuid\":\"" + uuid + "\"}],\"updates\":[{\"action\":\"set-properties\","
        + "\"updates\":{\"" + key + "\":\"1\"}}]}";
  }

  @Test
  void aTransactionCommitsEveryTableOrNone() {
    try (TestServer s = TestServer.start(dir, AuthConfig.disabled(), TestServer.Store.SQLITE)) {
      s.send("POST", "/v1/namespaces", "{\"namespace\":[\"db\"]}");
      String a = uuid(s.send("POST", "/v1/namespaces/db/tables", "{\"name\":\"a\",\"schema\":" + SCHEMA + "}").body());
      String b = uuid(s.send("POST", "/v1/namespaces/db/tables", "{\"name\":\"b\",\"schema\":" + SCHEMA + "}").body());

      Answer bad = s.send("POST", "/v1/transactions/commit", "{\"table-changes\":[" + change("a", a, "x") + ","
          + change("b", "not-" + b, "x") + "]}");
      assertThat(bad.status()).isEqualTo(409);
      assertThat(bad.body()).contains("UUID does not match");
      assertThat(s.send("GET", "/v1/namespaces/db/tables/a", null).body()).doesNotContain("\"x\":\"1\"");

      Answer good = s.send("POST", "/v1/transactions/commit", "{\"table-changes\":[" + change("a", a, "y") + ","
          + change("b", b, "y") + "]}");
      assertThat(good.status()).isEqualTo(204);
      assertThat(s.send("GET", "/v1/namespaces/db/tables/a", null).body()).contains("\"y\":\"1\"");
      assertThat(s.send("GET", "/v1/namespaces/db/tables/b", null).body()).contains("\"y\":\"1\"");

      String metrics = s.send("GET", "/metrics", null).body();
      assertThat(metrics).contains("# TYPE floe_commits_total counter").contains("floe_commits_total 3")
          .contains("floe_commit_conflicts_total 1")
          .contains("floe_http_requests_total{method=\"POST\",route=\"/v1/transactions/commit\",status=\"409\"} 1")
          .contains("floe_http_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/namespaces/{namespace}/tables/{table}\",le=\"+Inf\"}");
      assertThat(s.send("GET", "/healthz", null).body()).isEqualTo("ok\n");
    }
  }
}
