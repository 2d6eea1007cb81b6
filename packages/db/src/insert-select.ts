import { Column, getTableColumns, is, Placeholder, param, SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** A value for one column: plain data, an SQL expression, a column of the source, or a placeholder. */
type ColumnValue<V> = V | SQL | Column | Placeholder;
export type RowValues<T extends PgTable> = {
  [K in keyof T["$inferInsert"]]: ColumnValue<T["$inferInsert"][K]>;
};
type SelectedRow<T extends PgTable> = { [K in keyof T["_"]["columns"]]: SQL.Aliased };

/**
 * The select list of an `INSERT … SELECT … FROM source` that writes a row if the source has one: the
 * single-statement writes insert a message, an outbox row, only where a row was written earlier in
 * the same statement (a data-modifying CTE), which `INSERT … VALUES` can't make conditional.
 *
 * Drizzle wants every column of the table, in its order; this fills the ones left out from their
 * SQL defaults, so a column added to the table needs no edit here and a required one left out is a
 * compile error. A column whose default is made in JS (`$defaultFn`, the ids) must be given. Values are cast to their column's type: in a
 * SELECT list, PostgreSQL would otherwise read a bound value as text.
 *
 * Build the SELECT with the database's own builder (`db.insert(t).select(db.select(selectRow(…)).from(src))`):
 * the query builder Drizzle hands to `insert().select(qb => …)` has no casing, and would name the
 * source's columns in camelCase.
 */
export function selectRow<T extends PgTable>(table: T, values: RowValues<T>): SelectedRow<T> {
  const given = values as Record<string, unknown>;
  const row: Record<string, SQL.Aliased> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = given[key] !== undefined ? given[key] : defaultOf(column);
    row[key] = expression(value, column).as(column.name);
  }
  return row as SelectedRow<T>;
}

function defaultOf(column: Column): unknown {
  // A default made in JS (a UUIDv7 id) would be made once, when the statement is built, and a
  // statement built once and prepared would then insert the same value every time.
  if (column.defaultFn) {
    throw new Error(`selectRow: give "${column.name}" a value (or a placeholder): its default is made in JS`);
  }
  if (column.default !== undefined) return column.default;
  return null;
}

function expression(value: unknown, column: Column): SQL {
  if (is(value, SQL)) return value;
  if (is(value, Column)) return sql`${value}`;
  const type = sql.raw(column.getSQLType());
  // Filled when a prepared statement runs: encoded like a value; a null, or a string (already in
  // the driver's text form, e.g. an ISO time), passed as it is.
  if (is(value, Placeholder)) {
    const encoder = {
      mapToDriverValue: (given: unknown) =>
        given == null || typeof given === "string" ? given : column.mapToDriverValue(given),
    };
    return sql`${param(value, encoder)}::${type}`;
  }
  return value === null || value === undefined ? sql`null::${type}` : sql`${param(value, column)}::${type}`;
}
