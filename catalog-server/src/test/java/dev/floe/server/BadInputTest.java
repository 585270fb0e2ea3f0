package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.server.TestServer.Answer;
import dev.floe.server.auth.AuthConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, mistyped, oversized and hostile requests: every one a 4xx with a clear Iceberg
 * error body, never a 5xx, never a stack trace or a server path, never a file outside the
 * warehouse; and the server still answers afterwards.
 */
class BadInputTest {
  private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[{\"id\":1,\"name\":\"id\",\"required\":true,\"type\":\"long\"}]}";

  @TempDir
  Path dir;
  TestServer server;
  Path warehouse;

  @BeforeEach
  void start() {
    warehouse = dir.resolve("wh");
    server = TestServer.start(ServerConfig.of(warehouse.toString(), AuthConfig.disabled()).withPort(0)
        .withMaxBodyBytes(64 * 1024), warehouse);
    assertThat(server.send("POST", "/v1/namespaces", "{\"namespace\":[\"db\"]}").status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void assertClientError(Answer a, int status, String messagePart) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.body()).contains("\"error\"").contains("\"code\":" + status).contains(messagePart);
    assertClean(a);
  }

  /** No stack trace, no Java class or local path outside the warehouse in an error body. */
  private void assertClean(Answer a) {
    assertThat(a.body()).doesNotContain("\tat ").doesNotContain("at dev.floe").doesNotContain("java.")
        .doesNotContain("Exception:").doesNotContain(System.getProperty("user.dir"))
        .doesNotContain("catalog.db");
  }

  private Answer createTable(String name) {
    return server.send("POST", "/v1/namespaces/db/tables", "{\"name\":\"" + name + "\",\"schema\":" + SCHEMA + "}");
  }

  @Test
  void malformedJsonWrongTypesAndMissingFieldsAre400() {
    assertClientError(server.send("POST", "/v1/namespaces/db/tables", "{\"name\":"), 400, "end-of-input");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables", "{\"name\":7,\"schema\":" + SCHEMA + "}"),
        400, "/name: expected a string");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables", "{\"name\":\"t\"}"), 400, "'schema'");
    assertClientError(server.send("POST", "/v1/namespaces", "[]"), 400, "expected a JSON object");
    assertClientError(server.send("POST", "/v1/namespaces", ""), 400, "empty");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables",
        "{\"name\":\"t\",\"schema\":{\"type\":\"struct\",\"fields\":[{\"id\":1,\"name\":\"x\",\"required\":true,\"type\":\"decimal(99,1)\"}]}}"),
        400, "precision");
    assertThat(createTable("t").status()).isEqualTo(200);
    assertClientError(server.send("POST", "/v1/namespaces/db/tables/t",
        "{\"requirements\":[],\"updates\":[{\"action\":\"explode\"}]}"), 400, "unknown table update action 'explode'");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables/t",
        "{\"requirements\":[{\"type\":\"assert-magic\"}],\"updates\":[]}"), 400, "unknown table requirement type");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables/t",
        "{\"requirements\":[{\"type\":\"assert-table-uuid\",\"uuid\":\"nope\"}],\"updates\":[]}"), 409,
        "UUID does not match");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables/t",
        "{\"requirements\":[],\"updates\":[{\"action\":\"set-current-schema\",\"schema-id\":42}]}"), 400, "no schema with id 42");
    assertClientError(server.send("GET", "/v1/namespaces/db/tables?pageSize=-3", null), 400, "pageSize");
    assertThat(server.raw("GET /v1/namespaces/db/tables?pageToken=%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .isEqualTo(400);
    assertThat(server.raw("GET /v1/namespaces/d%ZZb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEqualTo(400);
    assertClientError(server.send("GET", "/v1/nope", null), 404, "no such endpoint");
    assertClientError(server.send("PUT", "/v1/namespaces", "{}"), 405, "not allowed");
  }

  @Test
  void aPurgeNeverTakesAnotherTablesFiles() throws IOException {
    assertThat(createTable("victim").status()).isEqualTo(200);
    // a client may put a table at the warehouse root or around another table; purging it must not
    // delete what belongs to others
    Answer greedy = server.send("POST", "/v1/namespaces/db/tables",
        "{\"name\":\"greedy\",\"location\":\"" + warehouse + "/db\",\"schema\":" + SCHEMA + "}");
    assertThat(greedy.status()).as(greedy.body()).isEqualTo(200);
    List<String> victimFiles = files(warehouse).stream().filter(f -> f.contains("/victim-")).toList();
    assertThat(victimFiles).isNotEmpty();
    assertThat(server.send("DELETE", "/v1/namespaces/db/tables/greedy?purgeRequested=true", null).status())
        .isEqualTo(204);
    assertThat(files(warehouse)).containsAll(victimFiles);
    assertThat(server.send("GET", "/v1/namespaces/db/tables/victim", null).status()).isEqualTo(200);
  }

  @Test
  void oversizedBodiesAre413() {
    String big = "{\"namespace\":[\"x\"],\"properties\":{\"k\":\"" + "a".repeat(70 * 1024) + "\"}}";
    assertClientError(server.send("POST", "/v1/namespaces", big), 413, "at most");
  }

  @Test
  void namesThatCouldLeaveTheWarehouseAre400AndWriteNothing() throws IOException {
    List<String> before = files(dir);
    for (String bad : List.of("a%2Fb", "..", "a..b", "%2E%2E", ".", "x%00y", "x%1Fy%0A", "a%5Cb", "%E2%80%A8")) {
      Answer a = server.send("POST", "/v1/namespaces/db/tables",
          "{\"name\":\"" + java.net.URLDecoder.decode(bad, java.nio.charset.StandardCharsets.UTF_8)
              .replace("\\", "\\\\").replace("\u0000", "\\u0000").replace("\n", "\\n").replace("\u001f", "\\u001f")
              .replace("\u2028", "\\u2028") + "\",\"schema\":" + SCHEMA + "}");
      assertThat(a.status()).as(bad + ": " + a.body()).isEqualTo(400);
      assertClean(a);
      // raw, on a fresh connection each: some of these paths no HTTP client library would send
      String answer = server.rawAnswer("GET /v1/namespaces/" + bad + "/tables HTTP/1.1\r\nHost: x\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(answer).as(bad).startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\":400");
      assertClean(new Answer(400, answer));
    }
    assertClientError(server.send("POST", "/v1/namespaces", "{\"namespace\":[\"../../etc\"]}"), 400, "not a valid name");
    assertClientError(server.send("POST", "/v1/namespaces", "{\"namespace\":[\"a/b\"]}"), 400, "not a valid name");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables",
        "{\"name\":\"t\",\"location\":\"" + dir.resolve("elsewhere") + "\",\"schema\":" + SCHEMA + "}"), 400,
        "outside the catalog's warehouse");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables",
        "{\"name\":\"t\",\"location\":\"" + warehouse + "/../escape\",\"schema\":" + SCHEMA + "}"), 400,
        "outside the catalog's warehouse");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables",
        "{\"name\":\"t\",\"location\":\"" + warehouse + "-sibling/t\",\"schema\":" + SCHEMA + "}"), 400,
        "outside the catalog's warehouse");
    assertThat(createTable("ok").status()).isEqualTo(200);
    assertClientError(server.send("POST", "/v1/namespaces/db/tables/ok",
        "{\"requirements\":[],\"updates\":[{\"action\":\"set-location\",\"location\":\"/tmp/x\"}]}"), 400,
        "outside the catalog's warehouse");
    assertClientError(server.send("POST", "/v1/namespaces/db/tables/ok",
        "{\"requirements\":[],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"write.metadata.path\":\"/tmp/m\"}}]}"),
        400, "outside the catalog's warehouse");
    assertClientError(server.send("POST", "/v1/namespaces/db/register",
        "{\"name\":\"r\",\"metadata-location\":\"/etc/passwd\"}"), 400, "outside the catalog's warehouse");
    List<String> after = files(dir);
    after.removeAll(before);
    assertThat(after).allSatisfy(f -> assertThat(f).startsWith(warehouse.toString()));
  }

  @Test
  void thousandsOfMalformedRequestsGetNo5xxAndTheServerStillAnswers() {
    assertThat(createTable("t").status()).isEqualTo(200);
    Random random = new Random(42);
    String[] paths = {"/v1/namespaces", "/v1/namespaces/db", "/v1/namespaces/db/tables", "/v1/namespaces/db/tables/t",
        "/v1/namespaces/db/properties", "/v1/tables/rename", "/v1/transactions/commit", "/v1/namespaces/db/views",
        "/v1/namespaces/db/register", "/v1/namespaces/db/tables/t/metrics", "/v1/oauth/tokens", "/v1/config"};
    String[] methods = {"GET", "POST", "DELETE", "HEAD", "PUT"};
    String[] seeds = {"{\"requirements\":[],\"updates\":[{\"action\":\"add-snapshot\",\"snapshot\":{}}]}",
        "{\"name\":\"t2\",\"schema\":" + SCHEMA + "}", "{\"namespace\":[\"n\"],\"properties\":{\"a\":1}}",
        "{\"source\":{\"namespace\":[\"db\"],\"name\":\"t\"},\"destination\":{\"namespace\":[],\"name\":\"\"}}",
        "{\"table-changes\":[{\"requirements\":[],\"updates\":[]}]}", "{\"report-type\":3}",
        "{\"removals\":[1],\"updates\":[]}", "{\"name\":\"v\",\"schema\":" + SCHEMA + ",\"view-version\":{}}"};
    int fiveHundreds = 0;
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String body = mutate(seeds[random.nextInt(seeds.length)], random);
      String method = methods[random.nextInt(methods.length)];
      String path = paths[random.nextInt(paths.length)];
      Answer a;
      try {
        a = server.send(method, path, method.equals("GET") || method.equals("HEAD") ? null : body);
      } catch (RuntimeException e) {
        throw new AssertionError("no answer to " + method + " " + path + " " + body, e);
      }
      if (a.status() >= 500) {
        fiveHundreds++;
        bad.add(method + " " + path + " " + body + " -> " + a.body());
      }
      if (a.status() >= 400 && !method.equals("HEAD")) {
        assertClean(a);
      }
    }
    assertThat(bad).as("5xx answers").isEmpty();
    assertThat(fiveHundreds).isZero();
    // still answering, and still correct (the fuzz may have dropped t and even db: valid requests)
    assertThat(server.send("GET", "/healthz", null).status()).isEqualTo(200);
    assertThat(server.send("POST", "/v1/namespaces", "{\"namespace\":[\"later\"]}").status()).isEqualTo(200);
    assertThat(server.send("POST", "/v1/namespaces/later/tables", "{\"name\":\"t\",\"schema\":" + SCHEMA + "}")
        .status()).isEqualTo(200);
    assertThat(server.send("GET", "/v1/namespaces/later/tables/t", null).status()).isEqualTo(200);
  }

  /** Truncates, splices, retypes or garbles a valid body. */
  private static String mutate(String s, Random r) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length() > 0; e++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(6)) {
        case 0 -> b.setLength(at);
        case 1 -> b.insert(at, "{[\"\\".charAt(r.nextInt(4)));
        case 2 -> b.deleteCharAt(at);
        case 3 -> b.insert(at, List.of("null", "-1", "9999999999999999999999", "\"\"", "[]", "{}", "true", "1e400")
            .get(r.nextInt(8)));
        case 4 -> b.setCharAt(at, (char) r.nextInt(128));
        default -> b.insert(at, ",\"updates\":[{\"action\":\"set-current-schema\",\"schema-id\":-1}]");
      }
    }
    return b.toString();
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return new ArrayList<>(s.filter(Files::isRegularFile).map(Path::toString).toList());
    }
  }
}
