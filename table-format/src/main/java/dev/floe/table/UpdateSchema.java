package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.types.Schema;
import dev.floe.types.Type;
import java.util.Collection;

/**
 * Evolves the table's schema by field id, in one commit: data files are never rewritten. Changes
 * apply in the order called, each to the result of the ones before, so a column added here can be
 * moved here too. Nested fields are named with dots ({@code address.city}); a list's element
 * struct as {@code tags.element}, a map's value struct as {@code attrs.value}.
 *
 * <p>Files written under older schemas read under the new one: dropped columns vanish, added ones
 * read as their initial default (null when they have none), renamed ones keep their data,
 * promoted ones widen. The commit conflicts when another schema change committed first (the
 * current schema id or the last assigned column id moved on): this one was computed on a schema
 * that is no longer current, so it fails rather than clobber the other.
 *
 * <pre>{@code
 * table.updateSchema()
 *     .addColumn("discount", Types.decimal(9, 2))
 *     .renameColumn("amount", "total")
 *     .updateColumn("qty", Types.LONG)
 *     .moveAfter("discount", "total")
 *     .commit();
 * }</pre>
 */
public interface UpdateSchema {
  /** Adds an optional top-level column, null in existing rows. */
  UpdateSchema addColumn(String name, Type type);

  /** Adds an optional field to the struct {@code parent} names. */
  UpdateSchema addColumn(String parent, String name, Type type);

  /**
   * Adds an optional top-level column whose existing rows read as {@code defaultValue} and which
   * writers fill with it when a row leaves it out (a literal as filters take them).
   */
  UpdateSchema addColumn(String name, Type type, Object defaultValue);

  /** Adds a required top-level column; existing rows read as {@code defaultValue}, which is required. */
  UpdateSchema addRequiredColumn(String name, Type type, Object defaultValue);

  /** Adds a required field to the struct {@code parent} names, with the default existing rows read as. */
  UpdateSchema addRequiredColumn(String parent, String name, Type type, Object defaultValue);

  /** Drops a column (with its nested fields). Identifier fields and partition or sort sources of the current spec or order cannot be dropped. */
  UpdateSchema deleteColumn(String name);

  UpdateSchema renameColumn(String name, String newName);

  /** Widens a primitive column: int to long, float to double, decimal precision. */
  UpdateSchema updateColumn(String name, Type.PrimitiveType newType);

  UpdateSchema makeColumnOptional(String name);

  UpdateSchema updateColumnDoc(String name, String doc);

  /** Sets the value writers store when a row leaves the column out (null removes it from an optional column). */
  UpdateSchema updateColumnDefault(String name, Object writeDefault);

  UpdateSchema moveFirst(String name);

  UpdateSchema moveBefore(String name, String beforeName);

  UpdateSchema moveAfter(String name, String afterName);

  /** The columns that identify a row (required, primitive, not float or double); empty for none. */
  UpdateSchema setIdentifierFields(Collection<String> names);

  /** The schema the changes made so far give, without committing. */
  Schema apply();

  CommitResult commit();
}
