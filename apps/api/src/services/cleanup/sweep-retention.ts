import { deadLetterJobs, idempotencyKeys, notifications } from "@helpdesk/db/schema";
import { and, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";

const DAY_MS = 86_400_000;

/** How long each kind of row is kept (docs/jobs.md). */
export const retention = {
  readNotificationsDays: 90,
  deadLettersDays: 90,
  /** Replayed for a day, as the API promises (http/idempotency.ts). */
  idempotencyKeysDays: 1,
};

/**
 * Deletes expired rows in batches of `batchSize`, so a large backlog never holds a long lock or one
 * huge transaction; stops after `maxBatches` per kind and leaves the rest to the next sweep.
 */
export async function sweepRetention(ctx: SystemContext, batchSize: number, maxBatches = 50) {
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY_MS);
  const { db } = ctx;
  return {
    notifications: await inBatches(batchSize, maxBatches, () => {
      const expired = and(
        isNotNull(notifications.readAt),
        lt(notifications.readAt, ago(retention.readNotificationsDays)),
      );
      const batch = db.select({ id: notifications.id }).from(notifications).where(expired).limit(batchSize);
      return db
        .delete(notifications)
        .where(inArray(notifications.id, batch))
        .returning({ id: notifications.id });
    }),
    deadLetters: await inBatches(batchSize, maxBatches, () => {
      const expired = lt(deadLetterJobs.failedAt, ago(retention.deadLettersDays));
      const batch = db.select({ id: deadLetterJobs.id }).from(deadLetterJobs).where(expired).limit(batchSize);
      return db
        .delete(deadLetterJobs)
        .where(inArray(deadLetterJobs.id, batch))
        .returning({ id: deadLetterJobs.id });
    }),
    idempotencyKeys: await inBatches(batchSize, maxBatches, () => {
      const expired = lt(idempotencyKeys.createdAt, ago(retention.idempotencyKeysDays));
      // No single-column key: the batch is picked by row address.
      const batch = db.select({ ctid: sql`ctid` }).from(idempotencyKeys).where(expired).limit(batchSize);
      return db
        .delete(idempotencyKeys)
        .where(sql`ctid = any(array(${batch}))`)
        .returning({ key: idempotencyKeys.key });
    }),
  };
}

async function inBatches(batchSize: number, maxBatches: number, deleteBatch: () => Promise<unknown[]>) {
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = (await deleteBatch()).length;
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
