import { deadLetterJobs, notifications, outboxEvents } from "@helpdesk/db/schema";
import { and, isNotNull, lt, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { SystemContext } from "../../context.ts";

const DAY_MS = 86_400_000;

/** How long each kind of row is kept (docs/jobs.md). */
export const retention = {
  relayedOutboxDays: 7,
  readNotificationsDays: 90,
  deadLettersDays: 90,
};

/**
 * Deletes expired rows in batches of `batchSize`, so a large backlog never holds a long lock or one
 * huge transaction; stops after `maxBatches` per kind and leaves the rest to the next sweep.
 */
export async function sweepRetention(ctx: SystemContext, batchSize: number, maxBatches = 50) {
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY_MS);
  const sweep = (table: PgTable, idColumn: PgColumn, where: ReturnType<typeof and>) =>
    deleteInBatches(ctx, table, idColumn, where, batchSize, maxBatches);
  return {
    outboxEvents: await sweep(
      outboxEvents,
      outboxEvents.id,
      and(isNotNull(outboxEvents.relayedAt), lt(outboxEvents.relayedAt, ago(retention.relayedOutboxDays))),
    ),
    notifications: await sweep(
      notifications,
      notifications.id,
      and(isNotNull(notifications.readAt), lt(notifications.readAt, ago(retention.readNotificationsDays))),
    ),
    deadLetters: await sweep(
      deadLetterJobs,
      deadLetterJobs.id,
      lt(deadLetterJobs.failedAt, ago(retention.deadLettersDays)),
    ),
  };
}

async function deleteInBatches(
  ctx: SystemContext,
  table: PgTable,
  idColumn: PgColumn,
  where: ReturnType<typeof and>,
  batchSize: number,
  maxBatches: number,
): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await ctx.db.execute(
      sql`delete from ${table} where ${idColumn} in (select ${idColumn} from ${table} where ${where} limit ${batchSize})`,
    );
    const count = result.count ?? 0;
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
