import { deadLetterJobs } from "@helpdesk/db/schema";
import type { Queue } from "bullmq";
import { and, eq, isNull } from "drizzle-orm";
import type { JobAdminContext } from "../../context/service-context.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import { canSeeJob, retriedBy } from "./scope.ts";

/**
 * Moves a failed job that BullMQ still holds back to waiting, keeping its id. Its dead letter for
 * this failure is claimed first: a failure already retried from the dead-letter list (as a new
 * job) answers 409 here, so one failure never runs twice.
 */
export async function retryFailedJob(ctx: JobAdminContext, queue: Queue, jobId: string) {
  if (!canSeeJob(ctx.scope, jobId)) throw new NotFoundError("Job");
  const job = await queue.getJob(jobId);
  if (!job?.id) throw new NotFoundError("Job");
  const state = await job.getState();
  if (state !== "failed")
    throw new ConflictError(`Only failed jobs can be retried; this one is ${state}`, { state });

  const thisFailure = and(
    eq(deadLetterJobs.queue, queue.name),
    eq(deadLetterJobs.jobId, job.id),
    eq(deadLetterJobs.failureKey, job.finishedOn ?? 0),
  );
  const [deadLetter] = await ctx.db.select().from(deadLetterJobs).where(thisFailure);
  if (deadLetter) {
    const [claimed] = await ctx.db
      .update(deadLetterJobs)
      .set({ retriedAt: new Date(), retriedJobId: job.id, retriedBy: retriedBy(ctx.scope) })
      .where(and(eq(deadLetterJobs.id, deadLetter.id), isNull(deadLetterJobs.retriedAt)))
      .returning({ id: deadLetterJobs.id });
    if (!claimed) {
      throw new ConflictError("This failure was already retried", { retriedJobId: deadLetter.retriedJobId });
    }
  }
  try {
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    if (deadLetter) {
      await ctx.db
        .update(deadLetterJobs)
        .set({ retriedAt: null, retriedJobId: null, retriedBy: null })
        .where(eq(deadLetterJobs.id, deadLetter.id));
    }
    throw error;
  }
  ctx.log.info({ queue: queue.name, jobId }, "failed job retried");
  return { id: job.id, queue: queue.name, state: await job.getState() };
}
