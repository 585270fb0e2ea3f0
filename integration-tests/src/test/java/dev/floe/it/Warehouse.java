package dev.floe.it;

import dev.floe.catalog.StorageCatalog;
import dev.floe.storage.s3.testing.S3TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an end-to-end test keeps its tables: a local directory, or a bucket on a real S3 server.
 * The scenarios are written once against this and run on both.
 */
interface Warehouse {
  String location();

  Map<String, String> properties();

  default StorageCatalog open() {
    return StorageCatalog.open(location(), properties());
  }

  /** Arguments for an {@link AppendWorker}: the warehouse, the worker's own, then the properties. */
  default String[] workerArguments(String... workerArgs) {
    List<String> args = new ArrayList<>(List.of(location()));
    args.addAll(List.of(workerArgs));
    properties().forEach((k, v) -> args.add(k + "=" + v));
    return args.toArray(new String[0]);
  }

  static Warehouse local(Path dir) {
    return new Warehouse() {
      @Override
      public String location() {
        return dir.toString();
      }

      @Override
      public Map<String, String> properties() {
        return Map.of();
      }
    };
  }

  static Warehouse s3(S3TestServer server) {
    return new Warehouse() {
      @Override
      public String location() {
        return server.location("wh");
      }

      @Override
      public Map<String, String> properties() {
        return server.properties();
      }
    };
  }
}
