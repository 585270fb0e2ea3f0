package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Runs the SQL of the README's Spark quick-start, statement by statement, so it cannot drift. */
class ReadmeSparkExampleTest extends SparkTestBase {

  @Test
  void theQuickStartSqlRuns() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Apache Spark");
    int start = readme.indexOf("```sql\n", section) + "```sql\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    List<String> statements = new ArrayList<>();
    for (String s : block.split(";\\s*\n")) {
      if (!s.isBlank()) {
        statements.add(s.trim());
      }
    }
    assertThat(statements).hasSizeGreaterThan(4);

    List<Row> last = List.of();
    List<Row> sums = List.of();
    for (String s : statements) {
      // the README's namespace is shop; keep this test's tables apart from any other test's
      last = spark.sql(s.replace("floe.shop", "floe.readme_shop")).collectAsList();
      if (s.startsWith("SELECT category")) {
        sums = last;
      }
    }
    assertThat(sums.toString()).contains("[books,12.5]", "[games,60.0]");
    assertThat(sql("SELECT count(*) FROM floe.readme_shop.big_orders").get(0).getLong(0)).isEqualTo(1);
    assertThat(floe.loadTable(dev.floe.catalog.TableIdentifier.parse("readme_shop.orders")).spec().fields())
        .hasSize(2);
  }
}
