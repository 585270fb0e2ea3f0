package dev.floe.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.StorageCatalog;
import dev.floe.catalog.TableIdentifier;
import dev.floe.data.Record;
import dev.floe.expressions.Expressions;
import dev.floe.partition.PartitionSpec;
import dev.floe.table.Table;
import dev.floe.util.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionTest {
  @TempDir Path dir;

  @Test
  void selectedColumnsComeBackInTheRequestedOrderEvenWhenTheFilterNeedsOthers() {
    try (StorageCatalog catalog = StorageCatalog.open(dir.toString(), Map.of())) {
      Table table = catalog.createTable(TableIdentifier.parse("db.t"), Events.SCHEMA, PartitionSpec.unpartitioned(), Map.of());
      table.newAppend().appendRecords(Events.rows(0, 100)).commit();

      List<Record> rows = new ArrayList<>();
      try (CloseableIterator<Record> it = table.newScan().select("payload", "category", "id").records()) {
        it.forEachRemaining(rows::add);
      }
      assertThat(rows).hasSize(100);
      Record first = rows.stream().filter(r -> r.get(2).equals(7L)).findFirst().orElseThrow();
      assertThat(first.struct().fields()).extracting("name").containsExactly("payload", "category", "id");
      assertThat(first.get(0)).isEqualTo(Events.row(7).get("payload"));
      assertThat(first.get(1)).isEqualTo(Events.row(7).get("category"));

      List<Record> filtered = new ArrayList<>();
      try (CloseableIterator<Record> it = table.newScan().filter(Expressions.lessThan("id", 3))
          .select("amount").records()) {
        it.forEachRemaining(filtered::add);
      }
      assertThat(filtered).extracting(r -> r.get(0))
          .containsExactlyInAnyOrder(Events.row(0).get("amount"), Events.row(1).get("amount"), Events.row(2).get("amount"));
    }
  }
}
