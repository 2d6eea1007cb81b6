import type { Queue } from "bullmq";
import type { JobAdminContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { canSeeJob, failureForScope } from "./scope.ts";

/** A job as BullMQ holds it, with its state and logs; another organization's job is "not found". */
export async function getJobDetails(ctx: JobAdminContext, queue: Queue, jobId: string) {
  if (!canSeeJob(ctx.scope, jobId)) throw new NotFoundError("Job");
  const job = await queue.getJob(jobId);
  if (!job?.id) throw new NotFoundError("Job");
  const [state, logs] = await Promise.all([job.getState(), queue.getJobLogs(jobId, 0, 99)]);
  const at = (ms: number | undefined) => (ms ? new Date(ms) : null);
  const failure = failureForScope(ctx.scope, job.failedReason || null, job.stacktrace?.join("\n") || null);
  return {
    id: job.id,
    queue: queue.name,
    name: job.name,
    state,
    progress: job.progress,
    data: job.data,
    returnvalue: job.returnvalue ?? null,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: failure.message,
    stacktrace: failure.stack ? (job.stacktrace ?? []) : [],
    logs: logs.logs,
    timestamps: { created: at(job.timestamp), processed: at(job.processedOn), finished: at(job.finishedOn) },
  };
}
