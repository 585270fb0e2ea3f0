package dev.floe.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.metadata.EncryptedKey;
import dev.floe.metadata.MetadataUpdate;
import dev.floe.metadata.PartitionStatisticsFile;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.SortOrder;
import dev.floe.metadata.StatisticsFile;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.UpdateRequirement;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.Transforms;
import dev.floe.rest.RestMessages.CommitTableRequest;
import dev.floe.rest.RestMessages.CommitTransactionRequest;
import dev.floe.rest.RestMessages.CommitViewRequest;
import dev.floe.rest.RestMessages.ConfigResponse;
import dev.floe.rest.RestMessages.CreateTableRequest;
import dev.floe.rest.RestMessages.ErrorResponse;
import dev.floe.rest.RestMessages.Identifier;
import dev.floe.rest.RestMessages.ListIdentifiersResponse;
import dev.floe.rest.RestMessages.ListNamespacesResponse;
import dev.floe.rest.RestMessages.LoadTableResult;
import dev.floe.rest.RestMessages.LoadViewResult;
import dev.floe.rest.RestMessages.NamespaceBody;
import dev.floe.rest.RestMessages.OAuthTokenResponse;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import dev.floe.view.ViewMetadata;
import dev.floe.view.ViewRequirement;
import dev.floe.view.ViewUpdate;
import dev.floe.view.ViewVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every REST message round-trips through its one codec; bad bodies fail as bad input. */
class RestJsonTest {
  private static final Schema SCHEMA = new Schema(0, List.of(
      NestedField.required(1, "id", Types.LONG), NestedField.optional(2, "ts", Types.TIMESTAMPTZ)));
  private static final Snapshot SNAPSHOT = new Snapshot(7, Optional.of(6L), 3, 1_767_225_600_000L, "file:/t/m.json",
      Map.of("operation", "append"), OptionalInt.of(0), Optional.of(100L), Optional.of(5L), Optional.of("k1"));

  static List<MetadataUpdate> everyTableUpdate() {
    return List.of(
        new MetadataUpdate.AssignUuid("u-1"),
        new MetadataUpdate.UpgradeFormatVersion(3),
        new MetadataUpdate.AddSchema(SCHEMA),
        new MetadataUpdate.SetCurrentSchema(-1),
        new MetadataUpdate.AddPartitionSpec(new PartitionSpec(0, List.of(
            new PartitionField(2, 1000, "ts_day", Transforms.day())))),
        new MetadataUpdate.SetDefaultPartitionSpec(-1),
        new MetadataUpdate.AddSortOrder(new SortOrder(1, List.of(new SortOrder.SortField(1, Transforms.identity(),
            SortOrder.Direction.ASC, SortOrder.NullOrder.NULLS_FIRST)))),
        new MetadataUpdate.SetDefaultSortOrder(-1),
        new MetadataUpdate.AddSnapshot(SNAPSHOT),
        new MetadataUpdate.SetSnapshotRef("main", SnapshotRef.branch(7)),
        new MetadataUpdate.SetSnapshotRef("t1", new SnapshotRef(7, SnapshotRef.Type.TAG, Optional.empty(),
            Optional.empty(), Optional.of(86_400_000L))),
        new MetadataUpdate.RemoveSnapshotRef("old"),
        new MetadataUpdate.RemoveSnapshots(Set.of(1L, 2L)),
        new MetadataUpdate.SetLocation("file:/t"),
        new MetadataUpdate.SetProperties(Map.of("a", "1")),
        new MetadataUpdate.RemoveProperties(Set.of("b")),
        new MetadataUpdate.RemovePartitionSpecs(Set.of(3)),
        new MetadataUpdate.RemoveSchemas(Set.of(4)),
        new MetadataUpdate.SetStatistics(new StatisticsFile(7, "file:/t/s.puffin", 100, 20, List.of(
            new StatisticsFile.BlobMetadata("apache-datasketches-theta-v1", 7, 3, List.of(1), Map.of("ndv", "4"))))),
        new MetadataUpdate.RemoveStatistics(6),
        new MetadataUpdate.SetPartitionStatistics(new PartitionStatisticsFile(7, "file:/t/p.parquet", 10)),
        new MetadataUpdate.RemovePartitionStatistics(6),
        new MetadataUpdate.AddEncryptionKey(new EncryptedKey("k1", "AAEC", Optional.of("kms"), Map.of())),
        new MetadataUpdate.RemoveEncryptionKey("k0"));
  }

  static List<UpdateRequirement> everyRequirement() {
    return List.of(new UpdateRequirement.AssertCreate(), new UpdateRequirement.AssertTableUuid("u-1"),
        new UpdateRequirement.AssertRefSnapshotId("main", Optional.of(6L)),
        new UpdateRequirement.AssertRefSnapshotId("b", Optional.empty()),
        new UpdateRequirement.AssertLastAssignedFieldId(2), new UpdateRequirement.AssertCurrentSchemaId(0),
        new UpdateRequirement.AssertLastAssignedPartitionId(1000), new UpdateRequirement.AssertDefaultSpecId(0),
        new UpdateRequirement.AssertDefaultSortOrderId(0));
  }

  @Test
  void everyTableUpdateAndRequirementRoundTrips() {
    CommitTableRequest request = new CommitTableRequest(Optional.of(new Identifier(List.of("db"), "t")),
        everyRequirement(), everyTableUpdate());
    CommitTableRequest back = RestJson.readCommitTable(RestJson.write(request));
    assertThat(back).isEqualTo(request);
    CommitTransactionRequest tx = new CommitTransactionRequest(List.of(request, request));
    assertThat(RestJson.readCommitTransaction(RestJson.write(tx))).isEqualTo(tx);
  }

  @Test
  void everyViewUpdateRoundTrips() {
    ViewVersion v = new ViewVersion(1, 5, -1, Map.of("engine", "trino"), List.of(
        new ViewVersion.Representation("sql", "select 1", "trino")), Optional.of("cat"), List.of("db"));
    CommitViewRequest request = new CommitViewRequest(Optional.empty(),
        List.of(new ViewRequirement.AssertViewUuid("v-1")), List.of(
            new ViewUpdate.AssignUuid("v-1"), new ViewUpdate.UpgradeFormatVersion(1), new ViewUpdate.AddSchema(SCHEMA),
            new ViewUpdate.SetLocation("file:/v"), new ViewUpdate.SetProperties(Map.of("a", "b")),
            new ViewUpdate.RemoveProperties(Set.of("c")), new ViewUpdate.AddViewVersion(v),
            new ViewUpdate.SetCurrentViewVersion(-1)));
    assertThat(RestJson.readCommitView(RestJson.write(request))).isEqualTo(request);

    ViewMetadata m = ViewMetadata.empty().toBuilder().assignUuid("v-1").setLocation("file:/v").addSchema(SCHEMA)
        .addVersion(v).setCurrentVersion(-1).build();
    LoadViewResult loaded = new LoadViewResult("file:/v/metadata/1.json", m, Map.of());
    assertThat(RestJson.readLoadView(RestJson.write(loaded))).isEqualTo(loaded);
  }

  @Test
  void otherMessagesRoundTrip() {
    ConfigResponse config = new ConfigResponse(Map.of("a", "b"), Map.of(), List.of("GET /v1/{prefix}/namespaces"));
    assertThat(RestJson.readConfig(RestJson.write(config))).isEqualTo(config);
    ErrorResponse error = new ErrorResponse("Table does not exist: a.b", "NoSuchTableException", 404);
    assertThat(RestJson.readError(RestJson.write(error))).isEqualTo(error);
    OAuthTokenResponse token = new OAuthTokenResponse("t", "bearer", Optional.of(60L), Optional.empty(),
        Optional.of("catalog"));
    assertThat(RestJson.readTokenResponse(RestJson.write(token))).isEqualTo(token);
    NamespaceBody ns = new NamespaceBody(List.of("a", "b"), Map.of("owner", "me"));
    assertThat(RestJson.readNamespace(RestJson.write(ns))).isEqualTo(ns);
    ListNamespacesResponse list = new ListNamespacesResponse(List.of(List.of("a"), List.of("b")), Optional.of("x"));
    assertThat(RestJson.readListNamespaces(RestJson.write(list))).isEqualTo(list);
    ListIdentifiersResponse ids = new ListIdentifiersResponse(List.of(new Identifier(List.of("a"), "t")),
        Optional.empty());
    assertThat(RestJson.readListIdentifiers(RestJson.write(ids))).isEqualTo(ids);
    CreateTableRequest create = new CreateTableRequest("t", Optional.of("file:/x"), SCHEMA,
        Optional.of(PartitionSpec.unpartitioned()), Optional.of(SortOrder.unsorted()), true, Map.of("k", "v"));
    assertThat(RestJson.readCreateTable(RestJson.write(create))).isEqualTo(create);
  }

  @Test
  void loadResultCarriesIcebergFieldsFaithfully() {
    TableMetadata m = TableMetadata.empty().toBuilder().upgradeFormatVersion(3).assignUuid("u").setLocation("file:/t")
        .addSchema(SCHEMA).setCurrentSchema(-1).addPartitionSpec(PartitionSpec.unpartitioned())
        .setDefaultPartitionSpec(-1).addSortOrder(SortOrder.unsorted()).setDefaultSortOrder(-1)
        .addSnapshot(new Snapshot(7, Optional.empty(), 1, 1_767_225_600_000L, "file:/t/m.json",
            Map.of("operation", "append"), OptionalInt.of(0), Optional.of(0L), Optional.of(5L), Optional.empty()))
        .setRef("main", SnapshotRef.branch(7))
        .setStatistics(new StatisticsFile(7, "file:/t/s.puffin", 100, 20, List.of()))
        .setPartitionStatistics(new PartitionStatisticsFile(7, "file:/t/p.parquet", 10))
        .addEncryptionKey(new EncryptedKey("k1", "AAEC", Optional.empty(), Map.of("p", "q")))
        .build();
    assertThat(m.nextRowId()).isEqualTo(5);
    LoadTableResult r = new LoadTableResult(Optional.empty(), m, Map.of());
    LoadTableResult back = RestJson.readLoadTable(RestJson.write(r));
    assertThat(back.metadata()).isEqualTo(m);

    // Iceberg's own parser accepts the v3 file with statistics, row lineage and keys
    org.apache.iceberg.TableMetadata ice = org.apache.iceberg.TableMetadataParser.fromJson(
        new String(TableMetadataJson.toJson(m), StandardCharsets.UTF_8));
    assertThat(ice.formatVersion()).isEqualTo(3);
    assertThat(ice.nextRowId()).isEqualTo(5);
    assertThat(ice.statisticsFiles()).hasSize(1);
    assertThat(ice.partitionStatisticsFiles()).hasSize(1);
    assertThat(ice.snapshot(7).firstRowId()).isEqualTo(0L);
  }

  @Test
  void columnDefaultsRoundTripAsWritten() {
    Schema withDefaults = new Schema(0, List.of(new NestedField(1, "n", true, Types.INT, Optional.empty(),
        Optional.of(34), Optional.of(35)), new NestedField(2, "s", false, Types.STRING, Optional.empty(),
        Optional.of("x"), Optional.empty())));
    CommitTableRequest r = new CommitTableRequest(Optional.empty(), List.of(),
        List.of(new MetadataUpdate.AddSchema(withDefaults)));
    assertThat(RestJson.readCommitTable(RestJson.write(r))).isEqualTo(r);
  }

  @Test
  void unknownActionsTypesAndBadBodiesAreInvalidInput() {
    assertThatThrownBy(() -> RestJson.readCommitTable(bytes(
        "{\"requirements\":[],\"updates\":[{\"action\":\"drop-everything\"}]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown table update action 'drop-everything'");
    assertThatThrownBy(() -> RestJson.readCommitTable(bytes(
        "{\"requirements\":[{\"type\":\"assert-nothing\"}],\"updates\":[]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown table requirement type");
    assertThatThrownBy(() -> RestJson.readCommitTable(bytes("{\"updates\":[]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("requirements");
    assertThatThrownBy(() -> RestJson.readCommitTable(bytes("{\"requirements\":[],\"updates\":[{\"action\":\"set-current-schema\",\"schema-id\":\"x\"}]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("/updates/0/schema-id");
    assertThatThrownBy(() -> RestJson.readCreateTable(bytes("{\"name\":\"t\",")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("end-of-input");
    assertThatThrownBy(() -> RestJson.readNamespace(bytes("[1,2]")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> RestJson.readCommitView(bytes("{\"updates\":[{\"action\":\"add-snapshot\"}]}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown view update action");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
