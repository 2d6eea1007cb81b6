import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import type { Catalog, JobHandlers, JobRun } from "./define.ts";
import { organizationOfJobId, organizationOfPayload } from "./job-ids.ts";
import { jobDuration, jobsCompleted, jobsFailed } from "./metrics.ts";
import { withTimeout } from "./timeout.ts";

type AnyHandler = (payload: unknown, run: JobRun) => Promise<unknown>;

/**
 * Wraps the catalog's handlers into one BullMQ processor: re-validates the payload with the job's
 * schema (a bad payload is permanent: UnrecoverableError, no retry, straight to dead letters), logs
 * one line at start (debug), finish (info) and failure (warn), and records duration and outcome shared.
 *
 * This runs for every job, so it keeps per-job work small (bench/ compares it with raw BullMQ):
 * metric label sets and a logger carrying queue and job name are made once per (queue, job name),
 * and the handler's own child logger only if the handler logs. The start and completion lines skip
 * the redaction the base logger applies: they hold only the fixed fields below, and redaction's
 * wildcard paths cost more than the rest of the line (bench/RESULTS.md).
 */
export function createProcessor<C extends Catalog>(catalog: C, handlers: JobHandlers<C>, baseLog: Logger) {
  const perJob = memoize((queue: string, name: string) => ({
    lines: baseLog.child({ queue, jobName: name }, { redact: [] }),
    completed: jobsCompleted.labels(queue, name),
    failed: jobsFailed.labels(queue, name),
    durationCompleted: jobDuration.labels(queue, name, "completed"),
    durationFailed: jobDuration.labels(queue, name, "failed"),
  }));

  return async (job: Job, token?: string): Promise<unknown> => {
    const fields = {
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      organizationId: organizationOfPayload(job.data) ?? organizationOfJobId(job.id ?? ""),
    };
    const bindings = () => ({ queue: job.queueName, jobName: job.name, ...fields });
    const shared = perJob(job.queueName, job.name);
    const definition = catalog[job.name];
    const handler = (handlers as Record<string, AnyHandler>)[job.name];
    if (!definition || !handler) {
      baseLog.error(bindings(), "job has no definition or handler in this process");
      throw new UnrecoverableError(`No job named "${job.name}" in the catalog`);
    }
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      const reason = `Invalid payload: ${z.prettifyError(parsed.error)}`;
      baseLog.error({ ...bindings(), reason }, "job failed: invalid payload, not retried");
      shared.failed.inc();
      throw new UnrecoverableError(reason);
    }
    let child: Logger | undefined;
    const run: JobRun = {
      job,
      signal: neverAborted,
      get log() {
        child ??= baseLog.child(bindings());
        return child;
      },
      async delayUntil(timestamp) {
        await job.moveToDelayed(timestamp, token);
        return new DelayedError();
      },
    };
    const started = performance.now();
    // Debug, not info: at info a start line per job cuts throughput (bench/RESULTS.md), and the
    // completion or failure line carries the same fields plus the duration.
    shared.lines.debug(fields, "job started");
    try {
      const { timeoutMs } = definition;
      const result = timeoutMs
        ? await withTimeout(timeoutMs, (signal) => {
            run.signal = signal;
            return handler(parsed.data, run);
          })
        : await handler(parsed.data, run);
      const seconds = (performance.now() - started) / 1000;
      shared.lines.info({ ...fields, durationMs: Math.round(seconds * 1000) }, "job completed");
      shared.durationCompleted.observe(seconds);
      shared.completed.inc();
      return result;
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      // A rate-limit or delay signal is not a failure: the job goes back without using an attempt.
      if (error instanceof DelayedError) {
        shared.lines.debug(fields, "job delayed");
      } else if (!(error instanceof Error && error.name === "RateLimitError")) {
        baseLog.warn({ ...bindings(), err: error, durationMs: Math.round(seconds * 1000) }, "job failed");
        shared.durationFailed.observe(seconds);
        shared.failed.inc();
      }
      throw error;
    }
  };
}

/** Jobs without a timeout share one signal that never fires. */
const neverAborted = new AbortController().signal;

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
