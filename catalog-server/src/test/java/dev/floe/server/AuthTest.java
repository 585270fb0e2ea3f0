package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.TableIdentifier;
import dev.floe.error.ForbiddenException;
import dev.floe.error.NotAuthorizedException;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestCatalog;
import dev.floe.server.TestServer.Answer;
import dev.floe.server.auth.AuthConfig;
import dev.floe.server.auth.TokenSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, client credentials, and grants per principal and namespace. */
class AuthTest {
  static final String ADMIN = "admin-token-0123456789abcdef";
  static final String READER = "reader-token-0123456789abcdef";
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";

  @TempDir
  Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    Path conf = dir.resolve("auth.properties");
    Files.writeString(conf, String.join("\n",
        "token.root = " + ADMIN,
        "token.reader = " + READER,
        "client.etl = etl-secret-123",
        "grant.root = admin:*",
        "grant.reader = read:sales",
        "grant.etl = write:sales, read:*",
        "token-secret = " + SECRET,
        "token-ttl-seconds = 60"));
    server = TestServer.start(dir.resolve("wh"), AuthConfig.load(conf), TestServer.Store.SQLITE);
    assertThat(send("POST", "/v1/namespaces", "{\"namespace\":[\"sales\"]}", ADMIN).status()).isEqualTo(200);
    assertThat(send("POST", "/v1/namespaces", "{\"namespace\":[\"hr\"]}", ADMIN).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Answer send(String method, String path, String body, String token) {
    return server.send(method, path, body, Optional.ofNullable(token), "application/json");
  }

  @Test
  void noOrBadTokenIs401() {
    Answer none = send("GET", "/v1/namespaces", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).contains("NotAuthorizedException").contains("Bearer");
    assertThat(send("GET", "/v1/config", null, "not-a-token").status()).isEqualTo(401);
    String forged = new TokenSigner(new byte[32]).issue("root", Long.MAX_VALUE / 2);
    assertThat(send("GET", "/v1/config", null, forged).status()).isEqualTo(401);
    String expired = new TokenSigner(java.util.Base64.getDecoder().decode(SECRET)).issue("etl", 1);
    assertThat(send("GET", "/v1/config", null, expired).status()).isEqualTo(401);
    // health and metrics stay open for probes and scrapers
    assertThat(send("GET", "/healthz", null, null).status()).isEqualTo(200);
    assertThat(send("GET", "/metrics", null, null).status()).isEqualTo(200);
  }

  @Test
  void tokenWithoutTheGrantIs403() {
    assertThat(send("GET", "/v1/namespaces/sales", null, READER).status()).isEqualTo(200);
    assertThat(send("GET", "/v1/namespaces/hr", null, READER).status()).isEqualTo(403);
    Answer create = send("POST", "/v1/namespaces/sales/tables", "{\"name\":\"t\",\"schema\":{\"type\":\"struct\","
        + "\"fields\":[{\"id\":1,\"name\":\"id\",\"required\":true,\"type\":\"long\"}]}}", READER);
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.body()).contains("ForbiddenException").contains("no write grant");
    assertThat(send("DELETE", "/v1/namespaces/sales", null, READER).status()).isEqualTo(403);
    assertThat(send("POST", "/v1/namespaces", "{\"namespace\":[\"x\"]}", READER).status()).isEqualTo(403);
  }

  @Test
  void clientCredentialsGetAnExpiringSignedToken() {
    try (RestCatalog etl = RestCatalog.connect(server.uri(),
        RestCatalog.Options.defaults().withCredential("etl:etl-secret-123"))) {
      etl.createTable(TableIdentifier.parse("sales.orders"), RestCatalogTest.SCHEMA, PartitionSpec.unpartitioned(),
          Map.of());
      assertThat(etl.listTables(List.of("sales"))).hasSize(1);
      assertThat(etl.listTables(List.of("hr"))).isEmpty();
      assertThatThrownBy(() -> etl.createTable(TableIdentifier.parse("hr.people"), RestCatalogTest.SCHEMA,
          PartitionSpec.unpartitioned(), Map.of())).isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> etl.dropNamespace(List.of("sales"))).isInstanceOf(ForbiddenException.class);
    }
    Answer wrong = server.send("POST", "/v1/oauth/tokens", "grant_type=client_credentials&client_id=etl&client_secret=x",
        Optional.empty(), "application/x-www-form-urlencoded");
    assertThat(wrong.status()).isEqualTo(401);
    assertThatThrownBy(() -> RestCatalog.connect(server.uri(), RestCatalog.Options.defaults()))
        .isInstanceOf(NotAuthorizedException.class);
  }
}
