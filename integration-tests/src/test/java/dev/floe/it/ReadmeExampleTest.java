package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.expressions.Expressions;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.util.CloseableIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is this test's body: if the API changes, this fails to compile or run. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExampleRuns() {
    String warehouse = dir.toString();
    // README:start
    try (StorageCatalog catalog = StorageCatalog.open(warehouse, Map.of())) {
      Schema schema = Schema.of(
          NestedField.required(1, "id", Types.LONG),
          NestedField.optional(2, "ts", Types.TIMESTAMP),
          NestedField.optional(3, "category", Types.STRING),
          NestedField.optional(4, "amount", Types.DOUBLE));
      Table table = catalog.createTable(TableIdentifier.parse("shop.orders"), schema,
          PartitionSpec.parse(schema, "day(ts)"), Map.of());

      // Each commit is one atomic snapshot.
      LocalDateTime t0 = LocalDateTime.of(2026, 11, 1, 9, 0);
      table.newAppend().appendRecords(List.of(
          Record.of(schema.asStruct(), 1L, t0, "books", 12.5),
          Record.of(schema.asStruct(), 2L, t0.plusHours(1), "games", 60.0))).commit();
      long firstSnapshot = table.currentSnapshot().orElseThrow().snapshotId();
      table.newAppend().appendRecords(List.of(
          Record.of(schema.asStruct(), 3L, t0.plusDays(1), "books", 7.25))).commit();

      // Filter and projection: only files whose statistics may match are opened.
      List<Record> books = new ArrayList<>();
      try (CloseableIterator<Record> rows = table.newScan()
          .filter(Expressions.equal("category", "books"))
          .select("id", "amount")
          .records()) {
        rows.forEachRemaining(books::add);
      }
      assertThat(books).hasSize(2);

      // Time travel: the table as of the first commit.
      assertThat(table.newScan().useSnapshot(firstSnapshot).count()).isEqualTo(2);
    }
    // README:end
  }

  @Test
  void readmeShowsExactlyThisCode() throws Exception {
    String source = Files.readString(Path.of("src/test/java/dev/floe/it/ReadmeExampleTest.java"));
    String body = source.substring(source.indexOf("// README:start") + "// README:start".length(),
        source.indexOf("    // README:end"));
    String readme = Files.readString(Path.of(System.getProperty("floe.readme")));
    assertThat(normalize(readme)).contains(normalize(body));
  }

  private static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}
