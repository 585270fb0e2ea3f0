package dev.floe.spark.meta;

import dev.floe.table.Table;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A read-only view of a table's metadata, addressed as {@code <table>.snapshots},
 * {@code <table>.history} or {@code <table>.files}. Its rows come from the metadata alone and are
 * computed on the driver.
 */
public final class MetadataTable implements SupportsRead {
  /** The metadata tables a Floe table has. */
  public enum Kind {
    SNAPSHOTS, HISTORY, FILES;

    public static Optional<Kind> of(String name) {
      for (Kind k : values()) {
        if (k.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  private final String name;
  private final Table table;
  private final Kind kind;

  public MetadataTable(String tableName, Table table, Kind kind) {
    this.name = tableName + "." + kind.name().toLowerCase(Locale.ROOT);
    this.table = table;
    this.kind = kind;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StructType schema() {
    return MetadataRows.schema(kind);
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return () -> new LocalScan() {
      @Override
      public InternalRow[] rows() {
        return MetadataRows.rows(kind, table).toArray(new InternalRow[0]);
      }

      @Override
      public StructType readSchema() {
        return schema();
      }

      @Override
      public String description() {
        return "floe metadata " + name;
      }
    };
  }
}
