package dev.floe.partition;

import dev.floe.error.InvalidInputException;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a table's rows are split into partitions (hidden partitioning): users filter on source
 * columns and planning prunes with the transforms. Partition field ids start at 1000.
 */
public record PartitionSpec(int specId, List<PartitionField> fields) {
  public static final int FIRST_FIELD_ID = 1000;
  private static final PartitionSpec UNPARTITIONED = new PartitionSpec(0, List.of());

  public PartitionSpec {
    fields = List.copyOf(fields);
    Set<String> names = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (PartitionField f : fields) {
      if (!names.add(f.name())) {
        throw new InvalidInputException("partition-spec", "partition field name '" + f.name() + "' is used twice");
      }
      if (!ids.add(f.fieldId())) {
        throw new InvalidInputException("partition-spec", "partition field id " + f.fieldId() + " is used twice");
      }
    }
  }

  public static PartitionSpec unpartitioned() {
    return UNPARTITIONED;
  }

  public boolean isUnpartitioned() {
    return fields.isEmpty();
  }

  /** The highest partition field id, or 999 when there are none. */
  public int lastAssignedFieldId() {
    return fields.stream().mapToInt(PartitionField::fieldId).max().orElse(FIRST_FIELD_ID - 1);
  }

  /** The struct of partition values: one optional field per partition field. */
  public Types.StructType partitionType(Schema schema) {
    List<NestedField> out = new ArrayList<>();
    for (PartitionField f : fields) {
      Type source = schema.findField(f.sourceId()).map(NestedField::type).orElse(Types.STRING);
      out.add(NestedField.optional(f.fieldId(), f.name(), f.transform().resultType(source)));
    }
    return new Types.StructType(out);
  }

  /** The partition fields that take their values from this source column. */
  public List<PartitionField> fieldsBySourceId(int sourceId) {
    return fields.stream().filter(f -> f.sourceId() == sourceId).toList();
  }

  /** The relative directory for a partition tuple, e.g. {@code ts_day=2026-01-01/id_bucket=3}. */
  public String partitionPath(PartitionData partition) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      PartitionField f = fields.get(i);
      if (i > 0) {
        sb.append('/');
      }
      sb.append(escape(f.name())).append('=')
          .append(escape(f.transform().toHumanString(partition.get(i))));
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Whether the two specs partition the same way (ignoring spec ids). */
  public boolean compatibleWith(PartitionSpec other) {
    if (fields.size() != other.fields.size()) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      PartitionField a = fields.get(i);
      PartitionField b = other.fields.get(i);
      if (a.sourceId() != b.sourceId() || !a.transform().equals(b.transform())
          || !a.name().equals(b.name())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the CLI/SQL form: a comma-separated list of {@code col}, {@code identity(col)},
   * {@code year(col)}, {@code month(col)}, {@code day(col)}, {@code hour(col)},
   * {@code bucket(N, col)}, {@code truncate(W, col)}, {@code void(col)}. Blank means unpartitioned.
   */
  public static PartitionSpec parse(Schema schema, String text) {
    if (text == null || text.isBlank()) {
      return unpartitioned();
    }
    List<PartitionField> fields = new ArrayList<>();
    int nextId = FIRST_FIELD_ID;
    for (String term : splitTopLevel(text)) {
      PartitionTerm t = PartitionTerm.parse(schema, term, "partition-by");
      fields.add(new PartitionField(t.sourceId(), nextId++, t.defaultName(), t.transform()));
    }
    return new PartitionSpec(0, fields);
  }

  static String defaultName(String column, Transform t) {
    if (t instanceof Transforms.Identity) {
      return column;
    }
    if (t instanceof Transforms.Bucket) {
      return column + "_bucket";
    }
    if (t instanceof Transforms.Truncate) {
      return column + "_trunc";
    }
    if (t instanceof Transforms.Void) {
      return column + "_null";
    }
    return column + "_" + t;
  }

  /** Splits a list of terms at the commas outside parentheses. */
  public static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  public Optional<PartitionField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return fields.isEmpty() ? "unpartitioned" : fields.toString();
  }
}
