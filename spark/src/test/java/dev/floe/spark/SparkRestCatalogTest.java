package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.TableIdentifier;
import dev.floe.rest.RestCatalog;
import dev.floe.server.CatalogServer;
import dev.floe.server.ServerConfig;
import dev.floe.server.auth.AuthConfig;
import dev.floe.table.Table;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same plugin over Floe's REST catalog server (type=rest, bearer token): namespaces live in
 * the server, commits go through it, data files go straight to storage.
 */
class SparkRestCatalogTest extends SparkTestBase {
  static final String TOKEN = "spark-test-token";
  @TempDir
  static Path warehouse;
  static CatalogServer server;

  @BeforeAll
  static void startServer() {
    server = CatalogServer.start(ServerConfig.of(warehouse.toString(), AuthConfig.singleAdmin("spark", TOKEN))
        .withPort(0));
    spark.conf().set("spark.sql.catalog.rest", FloeSparkCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.rest.uri", server.uri());
    spark.conf().set("spark.sql.catalog.rest.token", TOKEN);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void tablesLiveInTheServerAndCommitThroughIt() {
    sql("CREATE NAMESPACE rest.sales");
    sql("CREATE TABLE rest.sales.orders (id BIGINT NOT NULL, region STRING, amount DOUBLE) USING floe"
        + " PARTITIONED BY (region)");
    sql("INSERT INTO rest.sales.orders SELECT id, IF(id %% 2 = 0, 'eu', 'us'), id * 2.0 FROM range(0, 100)");
    sql("DELETE FROM rest.sales.orders WHERE region = 'us'");

    assertThat(sql("SHOW NAMESPACES IN rest").stream().map(r -> r.getString(0)).toList()).contains("sales");
    assertThat(sql("SHOW TABLES IN rest.sales").stream().map(r -> r.getString(1)).toList()).containsExactly("orders");
    Row agg = sql("SELECT count(*), sum(amount) FROM rest.sales.orders").get(0);
    assertThat(agg.getLong(0)).isEqualTo(50);
    assertThat(agg.getDouble(1)).isEqualTo(2.0 * (49 * 50));

    // the server's own client sees the same table
    try (RestCatalog client = RestCatalog.connect(server.uri(), RestCatalog.Options.defaults().withToken(TOKEN))) {
      Table t = client.loadTable(TableIdentifier.parse("sales.orders"));
      assertThat(floeRows(t)).hasSize(50);
      assertThat(t.snapshots()).hasSize(2);
    }
    List<Row> snapshots = sql("SELECT operation FROM rest.sales.orders.snapshots ORDER BY committed_at");
    assertThat(snapshots.stream().map(r -> r.getString(0)).toList()).containsExactly("append", "delete");
    sql("DROP TABLE rest.sales.orders");
    sql("DROP NAMESPACE rest.sales");
    assertThat(sql("SHOW NAMESPACES IN rest").stream().map(r -> r.getString(0)).toList()).doesNotContain("sales");
  }
}
