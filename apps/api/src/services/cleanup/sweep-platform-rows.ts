import { deadLetterJobs, devEmails, idempotencyKeys } from "@helpdesk/db/schema";
import { and, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import type { SweepRun } from "./batches.ts";
import { deleteInBatches } from "./delete-in-batches.ts";
import { daysBefore, platformRetention } from "./retention-periods.ts";

/** What the platform keeps for a fixed time, whatever the organization: platformRetention. */
export async function sweepPlatformRows(ctx: SystemContext, run: SweepRun) {
  const { db } = ctx;
  const devEmailsBefore = daysBefore(run.now, platformRetention.devEmailsDays);
  await deleteInBatches(
    db,
    run,
    "devEmails",
    devEmails,
    devEmails.id,
    lt(devEmails.createdAt, devEmailsBefore),
  );

  const retriedBefore = daysBefore(run.now, platformRetention.retriedDeadLettersDays);
  const failedBefore = daysBefore(run.now, platformRetention.deadLettersDays);
  await deleteInBatches(
    db,
    run,
    "deadLetters",
    deadLetterJobs,
    deadLetterJobs.id,
    or(
      and(isNotNull(deadLetterJobs.retriedAt), lt(deadLetterJobs.retriedAt, retriedBefore)),
      and(isNull(deadLetterJobs.retriedAt), lt(deadLetterJobs.failedAt, failedBefore)),
    ),
  );

  const keysBefore = daysBefore(run.now, platformRetention.idempotencyKeysDays);
  // No single-column key: the batch is picked by row address.
  await deleteInBatches(
    db,
    run,
    "idempotencyKeys",
    idempotencyKeys,
    sql`ctid`,
    lt(idempotencyKeys.createdAt, keysBefore),
  );
}
