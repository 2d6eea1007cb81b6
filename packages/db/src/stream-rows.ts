import type postgres from "postgres";
import type { Database } from "./client.ts";

interface BuiltQuery {
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * The rows of a Drizzle-built select, `batchSize` at a time, through a server-side cursor
 * (postgres.js `cursor`): a result of any size streams without ever being held whole. Each row is
 * an array in the select's field order, as the driver decodes it: Drizzle's own mapping is skipped,
 * so select columns in the form the consumer wants (e.g. timestamps formatted in SQL).
 * Leaving the loop early closes the cursor.
 */
export async function* streamRows(
  db: Database,
  query: BuiltQuery,
  batchSize: number,
): AsyncGenerator<unknown[][]> {
  const { sql, params } = query.toSQL();
  // Drizzle keeps its driver on `$client` (its return type says so; the Database alias drops it).
  const client = (db as Database & { $client: postgres.Sql }).$client;
  yield* client
    .unsafe(sql, params as never[])
    .values()
    .cursor(batchSize) as AsyncIterable<unknown[][]>;
}
