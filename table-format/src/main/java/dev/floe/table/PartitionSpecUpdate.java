package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.metadata.TableMetadata;
import dev.floe.metadata.TableMetadataBuilder;
import dev.floe.partition.PartitionField;
import dev.floe.partition.PartitionSpec;
import dev.floe.partition.PartitionTerm;
import dev.floe.partition.Transform;
import dev.floe.partition.Transforms;
import dev.floe.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class PartitionSpecUpdate implements UpdatePartitionSpec {
  private final ChangeSink sink;
  private final TableMetadata base;
  private final Schema schema;
  private final List<PartitionField> fields;
  private int lastPartitionId;
  private boolean committed;

  PartitionSpecUpdate(ChangeSink sink) {
    this.sink = sink;
    this.base = sink.current();
    this.schema = base.schema();
    this.fields = new ArrayList<>(base.spec().fields());
    this.lastPartitionId = base.lastPartitionId();
  }

  @Override
  public UpdatePartitionSpec addField(String term) {
    PartitionTerm t = PartitionTerm.parse(schema, term, "partition-field");
    return add(t.defaultName(), t, term);
  }

  @Override
  public UpdatePartitionSpec addField(String name, String term) {
    return add(name, PartitionTerm.parse(schema, term, "partition-field"), term);
  }

  private UpdatePartitionSpec add(String name, PartitionTerm t, String text) {
    for (PartitionField f : fields) {
      if (f.sourceId() == t.sourceId() && f.transform().equals(t.transform())) {
        throw new InvalidInputException(text.trim(), "the spec already has this partition field ('" + f.name() + "')");
      }
      if (f.sourceId() == t.sourceId() && isTime(f.transform()) && isTime(t.transform())) {
        throw new InvalidInputException(text.trim(), "redundant with partition field '" + f.name() + "' ("
            + f.transform() + " of the same column); remove that one first");
      }
    }
    requireFreeName(name, t.sourceId(), t.transform());
    fields.add(new PartitionField(t.sourceId(), ++lastPartitionId, name, t.transform()));
    return this;
  }

  private static boolean isTime(Transform t) {
    return t instanceof Transforms.Year || t instanceof Transforms.Month || t instanceof Transforms.Day
        || t instanceof Transforms.Hour;
  }

  /**
   * Partition field names are unique in a spec, and may equal a column's name only when they
   * are that column's identity (Iceberg's rule: a filter on the name must mean one thing).
   */
  private void requireFreeName(String name, int sourceId, Transform transform) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("partition-field", "a partition field name must not be blank");
    }
    for (PartitionField f : fields) {
      if (f.name().equals(name)) {
        throw new InvalidInputException(name, "the spec already has a partition field with this name");
      }
    }
    schema.findField(name).ifPresent(column -> {
      if (!(transform instanceof Transforms.Identity && column.id() == sourceId)) {
        throw new InvalidInputException(name, "a partition field other than the identity of column '" + name
            + "' cannot take that column's name");
      }
    });
  }

  @Override
  public UpdatePartitionSpec removeField(String nameOrTerm) {
    int index = indexOf(nameOrTerm);
    fields.remove(index);
    return this;
  }

  private int indexOf(String nameOrTerm) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(nameOrTerm)) {
        return i;
      }
    }
    Optional<PartitionTerm> term = Optional.empty();
    try {
      term = Optional.of(PartitionTerm.parse(schema, nameOrTerm, "partition-field"));
    } catch (InvalidInputException e) {
      // not a term either: reported below with the names there are
    }
    for (int i = 0; term.isPresent() && i < fields.size(); i++) {
      if (fields.get(i).sourceId() == term.get().sourceId() && fields.get(i).transform().equals(term.get().transform())) {
        return i;
      }
    }
    throw new InvalidInputException(nameOrTerm, "the partition spec has no such field; its fields are "
        + (fields.isEmpty() ? "(none)" : String.join(", ", fields.stream().map(PartitionField::name).toList())));
  }

  @Override
  public UpdatePartitionSpec renameField(String name, String newName) {
    int index = indexOf(name);
    PartitionField f = fields.remove(index);
    try {
      requireFreeName(newName, f.sourceId(), f.transform());
    } finally {
      fields.add(index, f);
    }
    fields.set(index, new PartitionField(f.sourceId(), f.fieldId(), newName, f.transform()));
    return this;
  }

  @Override
  public UpdatePartitionSpec replaceWith(String terms) {
    List<PartitionField> old = new ArrayList<>(fields);
    fields.clear();
    if (terms == null || terms.isBlank()) {
      return this;
    }
    for (String text : PartitionSpec.splitTopLevel(terms)) {
      PartitionTerm t = PartitionTerm.parse(schema, text, "partition-by");
      Optional<PartitionField> kept = old.stream()
          .filter(f -> f.sourceId() == t.sourceId() && f.transform().equals(t.transform())).findFirst();
      if (kept.isPresent()) {
        requireFreeName(kept.get().name(), t.sourceId(), t.transform());
        fields.add(kept.get());
      } else {
        add(t.defaultName(), t, text);
      }
    }
    return this;
  }

  @Override
  public PartitionSpec apply() {
    return new PartitionSpec(base.defaultSpecId(), fields);
  }

  @Override
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("this partition spec update was already committed");
    }
    committed = true;
    PartitionSpec spec = new PartitionSpec(0, fields);
    if (spec.fields().equals(base.spec().fields())) {
      return new CommitResult(sink.current(), Optional.empty(), 0, false);
    }
    return sink.submit((fresh, ctx) -> {
      // assert-default-spec-id and assert-last-assigned-partition-id
      if (fresh.defaultSpecId() != base.defaultSpecId() || fresh.lastPartitionId() != base.lastPartitionId()) {
        throw new ValidationException("conflict: another partition spec change committed first (default spec "
            + base.defaultSpecId() + " became " + fresh.defaultSpecId() + ", last partition field id "
            + base.lastPartitionId() + " became " + fresh.lastPartitionId() + "); run this change again on the"
            + " current spec");
      }
      if (fresh.currentSchemaId() != base.currentSchemaId()) {
        for (PartitionField f : spec.fields()) {
          if (fresh.schema().findField(f.sourceId()).isEmpty()) {
            throw new ValidationException("conflict: column " + f.sourceId() + " of partition field '" + f.name()
                + "' was dropped by a concurrent schema change");
          }
        }
      }
      return fresh.toBuilder().lastUpdatedMs(ctx.nowMs()).addPartitionSpec(spec)
          .setDefaultPartitionSpec(TableMetadataBuilder.LAST_ADDED).build();
    }, Optional.empty(), () -> {});
  }
}
