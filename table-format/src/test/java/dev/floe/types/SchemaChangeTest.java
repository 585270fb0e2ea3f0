package dev.floe.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.InvalidInputException;
import dev.floe.types.SchemaChange.Position;
import dev.floe.types.Types.NestedField;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of schema change on its own: the schema it makes, by field id, and what it refuses. */
class SchemaChangeTest {
  private static final Schema SCHEMA = new Schema(0, Types.StructType.of(
      NestedField.required(1, "id", Types.LONG),
      NestedField.optional(2, "qty", Types.INT),
      NestedField.optional(3, "price", Types.FLOAT),
      NestedField.optional(4, "amount", Types.decimal(9, 2)),
      NestedField.optional(5, "address", Types.StructType.of(
          NestedField.optional(6, "city", Types.STRING),
          NestedField.required(7, "zip", Types.STRING))),
      NestedField.optional(8, "lines", new Types.ListType(9, Types.StructType.of(
          NestedField.optional(10, "sku", Types.STRING)), true)),
      NestedField.optional(11, "attrs", new Types.MapType(12, Types.STRING, 13, Types.StructType.of(
          NestedField.optional(14, "v", Types.STRING)), false)),
      NestedField.optional(15, "day", Types.DATE)), Set.of(1));

  private static Schema apply(SchemaChange c) {
    return c.applyTo(SCHEMA, 15).schema();
  }

  @Test
  void addsTopLevelAndNestedFieldsWithFreshIds() {
    SchemaChange.Result r = new SchemaChange.AddColumn(Optional.empty(), "tags",
        new Types.ListType(0, Types.STRING, false), false, Optional.empty(), Optional.empty()).applyTo(SCHEMA, 15);
    // the list's element gets an id too, after the column's
    assertThat(r.lastColumnId()).isEqualTo(17);
    assertThat(r.schema().findField("tags").orElseThrow().id()).isEqualTo(17);
    assertThat(r.schema().findField("tags.element").orElseThrow().id()).isEqualTo(16);

    Schema inStruct = apply(new SchemaChange.AddColumn(Optional.of(5), "street", Types.STRING, false,
        Optional.empty(), Optional.empty()));
    assertThat(inStruct.findColumnName(16)).contains("address.street");
    Schema inList = apply(new SchemaChange.AddColumn(Optional.of(9), "qty", Types.INT, true,
        Optional.of(1), Optional.empty()));
    assertThat(inList.findField("lines.element.qty").orElseThrow().initialDefault()).contains(1);
    Schema inMap = apply(new SchemaChange.AddColumn(Optional.of(13), "w", Types.LONG, false,
        Optional.empty(), Optional.empty()));
    assertThat(inMap.findColumnName(16)).contains("attrs.value.w");
  }

  @Test
  void aRequiredColumnNeedsADefault() {
    assertThatThrownBy(() -> apply(new SchemaChange.AddColumn(Optional.empty(), "flag", Types.BOOLEAN, true,
        Optional.empty(), Optional.empty())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("flag").hasMessageContaining("default");
  }

  @Test
  void namesMustNotClashEvenInCase() {
    assertThatThrownBy(() -> apply(new SchemaChange.AddColumn(Optional.empty(), "QTY", Types.INT, false,
        Optional.empty(), Optional.empty())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> apply(new SchemaChange.RenameColumn(2, "price")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("qty -> price")
        .hasMessageContaining("already exists");
    // a nested field may share a top-level name
    assertThat(apply(new SchemaChange.RenameColumn(6, "qty")).findColumnName(6)).contains("address.qty");
  }

  @Test
  void dropsKeepIdentifierFieldsAndLastFields() {
    assertThatThrownBy(() -> apply(new SchemaChange.DeleteColumn(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("identifier");
    Schema dropped = apply(new SchemaChange.DeleteColumn(5));
    assertThat(dropped.findField(6)).isEmpty();
    assertThat(dropped.findField(7)).isEmpty();
    assertThatThrownBy(() -> apply(new SchemaChange.DeleteColumn(10)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("last field of struct");
    assertThatThrownBy(() -> apply(new SchemaChange.DeleteColumn(9)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("list element");
  }

  @Test
  void promotesOnlyAlongTheAllowedWidenings() {
    assertThat(apply(new SchemaChange.PromoteColumn(2, Types.LONG)).findField(2).orElseThrow().type())
        .isEqualTo(Types.LONG);
    assertThat(apply(new SchemaChange.PromoteColumn(3, Types.DOUBLE)).findField(3).orElseThrow().type())
        .isEqualTo(Types.DOUBLE);
    assertThat(apply(new SchemaChange.PromoteColumn(4, Types.decimal(18, 2))).findField(4).orElseThrow().type())
        .isEqualTo(Types.decimal(18, 2));

    assertThatThrownBy(() -> apply(new SchemaChange.PromoteColumn(1, Types.INT)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot change long to int");
    assertThatThrownBy(() -> apply(new SchemaChange.PromoteColumn(4, Types.decimal(7, 2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot narrow");
    assertThatThrownBy(() -> apply(new SchemaChange.PromoteColumn(4, Types.decimal(12, 3))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("scale");
    assertThatThrownBy(() -> apply(new SchemaChange.PromoteColumn(2, Types.STRING)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("int to long");
    assertThatThrownBy(() -> apply(new SchemaChange.PromoteColumn(15, Types.TIMESTAMP)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("format version 3");
    assertThatThrownBy(() -> apply(new SchemaChange.PromoteColumn(5, Types.STRING)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("only primitive columns");
  }

  @Test
  void promotionWidensDefaults() {
    Schema withDefault = new SchemaChange.AddColumn(Optional.empty(), "n", Types.INT, true, Optional.of(3),
        Optional.empty()).applyTo(SCHEMA, 15).schema();
    Schema promoted = new SchemaChange.PromoteColumn(16, Types.LONG).applyTo(withDefault, 16).schema();
    assertThat(promoted.findField(16).orElseThrow().initialDefault()).contains(3L);
  }

  @Test
  void movesWithinAStructOnly() {
    assertThat(apply(new SchemaChange.Move(15, Position.FIRST, Optional.empty())).columns().get(0).id()).isEqualTo(15);
    assertThat(apply(new SchemaChange.Move(2, Position.AFTER, Optional.of(4))).columns())
        .extracting(NestedField::id).containsExactly(1, 3, 4, 2, 5, 8, 11, 15);
    Types.StructType address = (Types.StructType) apply(new SchemaChange.Move(7, Position.BEFORE, Optional.of(6)))
        .findField(5).orElseThrow().type();
    assertThat(address.fields()).extracting(NestedField::id).containsExactly(7, 6);
    assertThatThrownBy(() -> apply(new SchemaChange.Move(6, Position.AFTER, Optional.of(2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("within their own struct");
    assertThatThrownBy(() -> apply(new SchemaChange.Move(2, Position.AFTER, Optional.of(2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("itself");
  }

  @Test
  void identifierFieldsMustBeRequiredPrimitivesOutsideCollections() {
    assertThat(apply(new SchemaChange.SetIdentifierFields(Set.of(1))).identifierFieldIds()).containsExactly(1);
    assertThatThrownBy(() -> apply(new SchemaChange.SetIdentifierFields(Set.of(2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("qty");
    // zip is required, but inside an optional struct
    assertThatThrownBy(() -> apply(new SchemaChange.SetIdentifierFields(Set.of(7))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("optional struct");
    assertThatThrownBy(() -> apply(new SchemaChange.MakeOptional(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("identifier");
    assertThat(apply(new SchemaChange.MakeOptional(7)).findField(7).orElseThrow().required()).isFalse();
  }

  @Test
  void writeDefaultsChangeButInitialDefaultsStay() {
    Schema withDefault = new SchemaChange.AddColumn(Optional.empty(), "n", Types.INT, false, Optional.of(3),
        Optional.empty()).applyTo(SCHEMA, 15).schema();
    NestedField f = new SchemaChange.UpdateWriteDefault(16, Optional.of(4)).applyTo(withDefault, 16).schema()
        .findField(16).orElseThrow();
    assertThat(f.initialDefault()).contains(3);
    assertThat(f.writeDefault()).contains(4);
  }

  @Test
  void renamedFieldsKeepTheirIds() {
    Schema renamed = apply(new SchemaChange.RenameColumn(6, "town"));
    assertThat(renamed.findField("address.town").orElseThrow().id()).isEqualTo(6);
    assertThat(List.of(renamed.highestFieldId(), SCHEMA.highestFieldId())).containsExactly(15, 15);
  }
}
