import { deadLetterJobs } from "@helpdesk/db/schema";
import type { Queue } from "bullmq";
import { and, eq, isNull } from "drizzle-orm";
import type { JobAdminContext } from "../../context.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { canSeeJob, retriedBy } from "./scope.ts";

/**
 * Moves a failed job that BullMQ still holds back to waiting, keeping its id. Its dead letter (if
 * any) is marked retried, so the dead-letter list doesn't offer a second retry of the same job.
 */
export async function retryFailedJob(ctx: JobAdminContext, queue: Queue, jobId: string) {
  if (!canSeeJob(ctx.scope, jobId)) throw new NotFoundError("Job");
  const job = await queue.getJob(jobId);
  if (!job?.id) throw new NotFoundError("Job");
  const state = await job.getState();
  if (state !== "failed")
    throw new ConflictError(`Only failed jobs can be retried; this one is ${state}`, { state });
  await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
  await ctx.db
    .update(deadLetterJobs)
    .set({ retriedAt: new Date(), retriedJobId: job.id, retriedBy: retriedBy(ctx.scope) })
    .where(
      and(
        eq(deadLetterJobs.queue, queue.name),
        eq(deadLetterJobs.jobId, job.id),
        isNull(deadLetterJobs.retriedAt),
      ),
    );
  ctx.log.info({ queue: queue.name, jobId }, "failed job retried");
  return { id: job.id, queue: queue.name, state: await job.getState() };
}
