import { deadLetterJobs, devEmails, idempotencyKeys } from "@helpdesk/db/schema";
import { and, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { inBatches, type SweepRun } from "./removed-counts.ts";
import { daysBefore, platformRetention } from "./retention-periods.ts";

/** What the platform keeps for a fixed time, whatever the organization: platformRetention. */
export async function sweepPlatformRows(ctx: SystemContext, run: SweepRun) {
  const { db } = ctx;
  const devEmailsBefore = daysBefore(run.now, platformRetention.devEmailsDays);
  await inBatches(run, "devEmails", async () => {
    const batch = db
      .select({ id: devEmails.id })
      .from(devEmails)
      .where(lt(devEmails.createdAt, devEmailsBefore))
      .limit(run.batchSize);
    const deleted = await db
      .delete(devEmails)
      .where(inArray(devEmails.id, batch))
      .returning({ id: devEmails.id });
    return deleted.length;
  });

  const retriedBefore = daysBefore(run.now, platformRetention.retriedDeadLettersDays);
  const failedBefore = daysBefore(run.now, platformRetention.deadLettersDays);
  await inBatches(run, "deadLetters", async () => {
    const expired = or(
      and(isNotNull(deadLetterJobs.retriedAt), lt(deadLetterJobs.retriedAt, retriedBefore)),
      and(isNull(deadLetterJobs.retriedAt), lt(deadLetterJobs.failedAt, failedBefore)),
    );
    const batch = db
      .select({ id: deadLetterJobs.id })
      .from(deadLetterJobs)
      .where(expired)
      .limit(run.batchSize);
    const deleted = await db
      .delete(deadLetterJobs)
      .where(inArray(deadLetterJobs.id, batch))
      .returning({ id: deadLetterJobs.id });
    return deleted.length;
  });

  const keysBefore = daysBefore(run.now, platformRetention.idempotencyKeysDays);
  await inBatches(run, "idempotencyKeys", async () => {
    const expired = lt(idempotencyKeys.createdAt, keysBefore);
    // No single-column key: the batch is picked by row address.
    const batch = db.select({ ctid: sql`ctid` }).from(idempotencyKeys).where(expired).limit(run.batchSize);
    const deleted = await db
      .delete(idempotencyKeys)
      .where(sql`ctid = any(array(${batch}))`)
      .returning({ key: idempotencyKeys.key });
    return deleted.length;
  });
}
