package dev.floe.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.NamespaceNotEmptyException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.server.TestPostgres;
import dev.floe.server.store.CatalogStore.Kind;
import dev.floe.server.store.CatalogStore.Swap;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's contract on SQLite and on a real PostgreSQL: compare-and-set, atomic multi-swaps, migrations. */
class JdbcCatalogStoreTest {
  @TempDir
  Path dir;

  private String url(String kind) {
    return kind.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("c.db") : TestPostgres.freshDatabase();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void pointerSwapsAreCompareAndSetAndMultiSwapsAllOrNothing(String kind) {
    try (JdbcCatalogStore store = JdbcCatalogStore.open(url(kind), null, null)) {
      store.createNamespace(List.of("db"), Map.of("owner", "me"));
      assertThatThrownBy(() -> store.createNamespace(List.of("db"), Map.of()))
          .isInstanceOf(AlreadyExistsException.class);
      store.swap(List.of(new Swap(List.of("db"), "a", Kind.TABLE, Optional.empty(), "m1")));
      store.swap(List.of(new Swap(List.of("db"), "b", Kind.TABLE, Optional.empty(), "n1")));
      assertThatThrownBy(() -> store.swap(List.of(new Swap(List.of("db"), "a", Kind.VIEW, Optional.empty(), "x"))))
          .isInstanceOf(CommitFailedException.class);
      assertThatThrownBy(() -> store.swap(List.of(new Swap(List.of("nope"), "a", Kind.TABLE, Optional.empty(), "x"))))
          .isInstanceOf(NoSuchNamespaceException.class);

      store.swap(List.of(new Swap(List.of("db"), "a", Kind.TABLE, Optional.of("m1"), "m2")));
      assertThatThrownBy(() -> store.swap(List.of(new Swap(List.of("db"), "a", Kind.TABLE, Optional.of("m1"), "m3"))))
          .isInstanceOf(CommitFailedException.class);
      assertThat(store.entry(List.of("db"), "a").orElseThrow().metadataLocation()).isEqualTo("m2");
      assertThat(store.entry(List.of("db"), "a").orElseThrow().version()).isEqualTo(2);

      // the second swap fails, so the first must not have happened either
      assertThatThrownBy(() -> store.swap(List.of(
          new Swap(List.of("db"), "a", Kind.TABLE, Optional.of("m2"), "m4"),
          new Swap(List.of("db"), "b", Kind.TABLE, Optional.of("stale"), "n2")))).isInstanceOf(CommitFailedException.class);
      assertThat(store.entry(List.of("db"), "a").orElseThrow().metadataLocation()).isEqualTo("m2");
      store.swap(List.of(new Swap(List.of("db"), "a", Kind.TABLE, Optional.of("m2"), "m4"),
          new Swap(List.of("db"), "b", Kind.TABLE, Optional.of("n1"), "n2")));
      assertThat(store.entry(List.of("db"), "b").orElseThrow().metadataLocation()).isEqualTo("n2");

      assertThat(store.listEntries(List.of("db"), Kind.TABLE, Optional.empty(), 1).items()).containsExactly("a");
      var page = store.listEntries(List.of("db"), Kind.TABLE, Optional.empty(), 1);
      assertThat(store.listEntries(List.of("db"), Kind.TABLE, page.nextToken(), 1).items()).containsExactly("b");
      assertThatThrownBy(() -> store.dropNamespace(List.of("db"))).isInstanceOf(NamespaceNotEmptyException.class);
      assertThat(store.delete(List.of("db"), "a", Kind.TABLE)).isTrue();
      assertThat(store.delete(List.of("db"), "b", Kind.TABLE)).isTrue();
      assertThat(store.dropNamespace(List.of("db"))).isTrue();
      assertThat(store.healthy()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void migrationsAreVersionedAndRunOnce(String kind) throws Exception {
    String url = url(kind);
    try (JdbcCatalogStore store = JdbcCatalogStore.open(url, null, null)) {
      store.createNamespace(List.of("kept"), Map.of());
    }
    try (JdbcCatalogStore again = JdbcCatalogStore.open(url, null, null)) {
      assertThat(again.namespaceProperties(List.of("kept"))).isPresent();
    }
    try (var c = DriverManager.getConnection(url); var s = c.createStatement();
         var rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM floe_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getInt(2)).isEqualTo(Migrations.latest());
    }
  }
}
