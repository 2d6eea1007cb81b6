import { anyOf } from "@helpdesk/db/any-of";
import type { Database } from "@helpdesk/db/client";
import { deadLetterJobs } from "@helpdesk/db/schema";
import type { Job, Queue } from "bullmq";
import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import { organizationOfJobId, organizationOfPayload } from "./job-ids.ts";
import { deadLettersRecorded } from "./metrics.ts";

/**
 * Records a job's final failure, exactly once: the unique key (queue, job id, finishedOn) turns a
 * second observation of the same failure (another process, the reconciler) into a no-op.
 * Returns true when this call created the row.
 */
export async function recordDeadLetter(db: Database, job: Job, log: Logger): Promise<boolean> {
  if (!job.id) return false;
  const failedAtMs = job.finishedOn ?? Date.now();
  const [row] = await db
    .insert(deadLetterJobs)
    .values({
      queue: job.queueName,
      jobName: job.name,
      jobId: job.id,
      organizationId: organizationOfPayload(job.data) ?? organizationOfJobId(job.id) ?? null,
      payload: job.data ?? null,
      errorMessage: job.failedReason || "unknown error",
      stack: job.stacktrace?.at(-1) ?? null,
      attemptsMade: job.attemptsMade,
      failedAt: new Date(failedAtMs),
      failureKey: failedAtMs,
    })
    .onConflictDoNothing()
    .returning({ id: deadLetterJobs.id, organizationId: deadLetterJobs.organizationId });
  if (!row) return false;
  deadLettersRecorded.inc({ queue: job.queueName, job: job.name });
  log.error(
    {
      deadLetterId: row.id,
      queue: job.queueName,
      jobName: job.name,
      jobId: job.id,
      organizationId: row.organizationId,
      attemptsMade: job.attemptsMade,
      reason: job.failedReason,
    },
    "job moved to dead letters",
  );
  return true;
}

/**
 * Safety net for the `failed` event: a process can die between BullMQ marking a job failed and
 * the event handler writing its row. Looks at the newest failed jobs of the queue and records the
 * ones with no dead letter yet.
 */
export async function reconcileDeadLetters(
  db: Database,
  queue: Queue,
  log: Logger,
  window = 200,
): Promise<number> {
  const jobs = (await queue.getJobs(["failed"], 0, window - 1)).filter((job): job is Job & { id: string } =>
    Boolean(job?.id),
  );
  if (jobs.length === 0) return 0;
  const known = await db
    .select({ jobId: deadLetterJobs.jobId, failureKey: deadLetterJobs.failureKey })
    .from(deadLetterJobs)
    .where(
      and(
        eq(deadLetterJobs.queue, queue.name),
        anyOf(
          deadLetterJobs.jobId,
          jobs.map((job) => job.id),
        ),
      ),
    );
  // By failure, not by job: a job retried by id that failed again is a new failure to record.
  const recordedFailures = new Set(known.map((row) => `${row.jobId}@${row.failureKey}`));
  let recorded = 0;
  for (const job of jobs) {
    if (recordedFailures.has(`${job.id}@${job.finishedOn ?? 0}`)) continue;
    if (await recordDeadLetter(db, job, log)) recorded += 1;
  }
  return recorded;
}
