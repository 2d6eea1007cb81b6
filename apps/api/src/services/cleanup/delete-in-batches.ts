import type { Executor } from "@helpdesk/db/client";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { inBatches, type SweepRun } from "./batches.ts";
import type { RemovedKind } from "./removed-counts.ts";

/**
 * Deletes the rows of `table` matching `where`, `run.batchSize` at a time, counted as `kind`:
 * each batch picks its rows by `id` (a key column, or `ctid` for a table without a
 * single-column key), then deletes them by that id. `= any(array(…))` rather than `in (…)`, so
 * the delete finds its rows by the key's index (or by row address) instead of a join.
 */
export function deleteInBatches(
  db: Executor,
  run: SweepRun,
  kind: RemovedKind,
  table: PgTable,
  id: PgColumn | SQL,
  where: SQL | undefined,
) {
  return inBatches(run, kind, async () => {
    const batch = db.select({ id }).from(table).where(where).limit(run.batchSize);
    const deleted = await db.delete(table).where(sql`${id} = any(array(${batch}))`).returning({ id });
    return deleted.length;
  });
}
