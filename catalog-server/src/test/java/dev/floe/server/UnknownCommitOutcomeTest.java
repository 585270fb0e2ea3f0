package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.manifest.DataFile;
import dev.floe.partition.PartitionSpec;
import dev.floe.rest.RestCatalog;
import dev.floe.server.auth.AuthConfig;
import dev.floe.table.Table;
import dev.floe.table.TableWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit whose answer is lost (the server applied it, then a proxy answered 503): the client
 * reports an unknown outcome and deletes none of the files it wrote, and the table does hold
 * the commit.
 */
class UnknownCommitOutcomeTest {
  @TempDir
  Path dir;

  @Test
  void aLostAnswerToACommitIsUnknownAndCleansNothing() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("wh"), AuthConfig.disabled(), TestServer.Store.SQLITE)) {
      AtomicBoolean loseNextCommitAnswer = new AtomicBoolean(false);
      HttpClient http = HttpClient.newHttpClient();
      HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      proxy.createContext("/", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(server.uri() + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
          forward.header("Content-Type", type);
        }
        try {
          HttpResponse<byte[]> r = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
          boolean commit = exchange.getRequestMethod().equals("POST")
              && exchange.getRequestURI().getPath().matches(".*/tables/[^/]+");
          if (commit && loseNextCommitAnswer.getAndSet(false)) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            exchange.getResponseBody().write(r.body());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          exchange.close();
        }
      });
      proxy.start();
      try (RestCatalog viaProxy = RestCatalog.connect("http://127.0.0.1:" + proxy.getAddress().getPort(),
          RestCatalog.Options.defaults());
           RestCatalog direct = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults())) {
        viaProxy.createNamespace(List.of("shop"), Map.of());
        Table t = viaProxy.createTable(RestCatalogTest.ORDERS, RestCatalogTest.SCHEMA, PartitionSpec.unpartitioned(),
            Map.of());
        List<DataFile> files;
        try (TableWriter writer = t.newWriter()) {
          writer.writeAll(RestCatalogTest.batch(5, 0));
          files = writer.complete();
        }
        loseNextCommitAnswer.set(true);
        var append = t.newAppend();
        files.forEach(append::appendFile);
        assertThatThrownBy(append::commit)
            .isInstanceOf(CommitStateUnknownException.class).hasMessageContaining("503");
        for (DataFile f : files) {
          assertThat(t.io().newInputFile(f.path()).exists()).as(f.path()).isTrue();
        }
        assertThat(direct.loadTable(RestCatalogTest.ORDERS).newScan().count()).isEqualTo(5);
      } finally {
        proxy.stop(0);
      }
    }
  }
}
