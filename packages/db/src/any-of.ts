import { type Column, type SQL, sql } from "drizzle-orm";

/**
 * `column = any($1)` with the whole list bound as one array parameter, where Drizzle's `inArray`
 * writes `in ($1, $2, …)`: every query is prepared and cached per connection
 * (packages/db/src/client.ts), and a list of varying length would make a statement per length.
 * The array goes in PostgreSQL's text form, cast to the column's type.
 */
export function anyOf(column: Column, values: readonly string[]): SQL {
  const literal = `{${values.map((value) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
  return sql`${column} = any(${literal}::${sql.raw(column.getSQLType())}[])`;
}
