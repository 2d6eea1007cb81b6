import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import type { Catalog, JobHandlers } from "./define.ts";
import { organizationOfJobId, organizationOfPayload } from "./job-ids.ts";
import { jobDuration, jobsCompleted, jobsFailed } from "./metrics.ts";

/**
 * Wraps the catalog's handlers into one BullMQ processor: re-validates the payload with the job's
 * schema (a bad payload is permanent: UnrecoverableError, no retry, straight to dead letters), logs
 * one line at start, finish and failure, and records duration and outcome metrics.
 */
export function createProcessor<C extends Catalog>(catalog: C, handlers: JobHandlers<C>, baseLog: Logger) {
  return async (job: Job): Promise<unknown> => {
    const log = baseLog.child({
      queue: job.queueName,
      jobName: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      organizationId: organizationOfPayload(job.data) ?? organizationOfJobId(job.id ?? ""),
    });
    const definition = catalog[job.name];
    const handler = (
      handlers as Record<string, (payload: unknown, run: { job: Job; log: Logger }) => Promise<unknown>>
    )[job.name];
    if (!definition || !handler) {
      log.error("job has no definition or handler in this process");
      throw new UnrecoverableError(`No job named "${job.name}" in the catalog`);
    }
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      const reason = `Invalid payload: ${z.prettifyError(parsed.error)}`;
      log.error({ reason }, "job failed: invalid payload, not retried");
      jobsFailed.inc({ queue: job.queueName, job: job.name });
      throw new UnrecoverableError(reason);
    }
    const started = performance.now();
    log.info("job started");
    try {
      const result = await handler(parsed.data, { job, log });
      const seconds = (performance.now() - started) / 1000;
      log.info({ durationMs: Math.round(seconds * 1000) }, "job completed");
      jobDuration.observe({ queue: job.queueName, job: job.name, outcome: "completed" }, seconds);
      jobsCompleted.inc({ queue: job.queueName, job: job.name });
      return result;
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      // A rate-limit signal is not a failure: the job goes back to wait without using an attempt.
      if (!(error instanceof Error && error.name === "RateLimitError")) {
        log.warn({ err: error, durationMs: Math.round(seconds * 1000) }, "job failed");
        jobDuration.observe({ queue: job.queueName, job: job.name, outcome: "failed" }, seconds);
        jobsFailed.inc({ queue: job.queueName, job: job.name });
      }
      throw error;
    }
  };
}
