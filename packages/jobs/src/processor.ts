import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import type { Catalog, JobHandlers, JobRun } from "./define.ts";
import { organizationOfJobId, organizationOfPayload } from "./job-ids.ts";
import { jobDuration, jobsCompleted, jobsFailed } from "./metrics.ts";

type AnyHandler = (payload: unknown, run: JobRun) => Promise<unknown>;

/**
 * Wraps the catalog's handlers into one BullMQ processor: re-validates the payload with the job's
 * schema (a bad payload is permanent: UnrecoverableError, no retry, straight to dead letters), logs
 * one line at start (debug), finish (info) and failure (warn), and records duration and outcome metrics.
 *
 * This runs for every job, so it avoids per-job allocations it can: log lines carry a bindings
 * object instead of a child logger (the handler's child is made only if the handler logs), and
 * metric label sets are resolved once per (queue, job name).
 */
export function createProcessor<C extends Catalog>(catalog: C, handlers: JobHandlers<C>, baseLog: Logger) {
  const metricsFor = memoize((queue: string, name: string) => ({
    completed: jobsCompleted.labels(queue, name),
    failed: jobsFailed.labels(queue, name),
    durationCompleted: jobDuration.labels(queue, name, "completed"),
    durationFailed: jobDuration.labels(queue, name, "failed"),
  }));

  return async (job: Job): Promise<unknown> => {
    const bindings = {
      queue: job.queueName,
      jobName: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      organizationId: organizationOfPayload(job.data) ?? organizationOfJobId(job.id ?? ""),
    };
    const metrics = metricsFor(job.queueName, job.name);
    const definition = catalog[job.name];
    const handler = (handlers as Record<string, AnyHandler>)[job.name];
    if (!definition || !handler) {
      baseLog.error(bindings, "job has no definition or handler in this process");
      throw new UnrecoverableError(`No job named "${job.name}" in the catalog`);
    }
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      const reason = `Invalid payload: ${z.prettifyError(parsed.error)}`;
      baseLog.error({ ...bindings, reason }, "job failed: invalid payload, not retried");
      metrics.failed.inc();
      throw new UnrecoverableError(reason);
    }
    let child: Logger | undefined;
    const run: JobRun = {
      job,
      get log() {
        child ??= baseLog.child(bindings);
        return child;
      },
    };
    const started = performance.now();
    // Debug, not info: at info a start line per job cost ~10% of no-op throughput (bench/), and the
    // completion or failure line carries the same fields plus the duration.
    baseLog.debug(bindings, "job started");
    try {
      const result = await handler(parsed.data, run);
      const seconds = (performance.now() - started) / 1000;
      baseLog.info({ ...bindings, durationMs: Math.round(seconds * 1000) }, "job completed");
      metrics.durationCompleted.observe(seconds);
      metrics.completed.inc();
      return result;
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      // A rate-limit signal is not a failure: the job goes back to wait without using an attempt.
      if (!(error instanceof Error && error.name === "RateLimitError")) {
        baseLog.warn({ ...bindings, err: error, durationMs: Math.round(seconds * 1000) }, "job failed");
        metrics.durationFailed.observe(seconds);
        metrics.failed.inc();
      }
      throw error;
    }
  };
}

function memoize<T>(make: (queue: string, name: string) => T): (queue: string, name: string) => T {
  const cache = new Map<string, T>();
  return (queue, name) => {
    const key = `${queue}\u0000${name}`;
    let value = cache.get(key);
    if (!value) {
      value = make(queue, name);
      cache.set(key, value);
    }
    return value;
  };
}
