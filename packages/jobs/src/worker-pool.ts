import { hostname } from "node:os";
import { closeValkey } from "@helpdesk/valkey/connection";
import { type Job, Worker } from "bullmq";
import { reconcileDeadLetters, recordDeadLetter } from "./dead-letters.ts";
import type { Catalog, JobHandlers } from "./define.ts";
import { createProcessor } from "./processor.ts";
import { workerConnection } from "./queue-clients.ts";
import type { JobRuntime } from "./runtime.ts";

export interface WorkerPoolOptions {
  /**
   * How long a job's lock lasts without renewal. A worker renews it every half period; if the
   * process dies, another worker takes the job over once the lock has expired and a stall check
   * runs: within lockDuration + stalledInterval (default 30 s + 30 s).
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** A job found stalled more often than this fails (and is dead-lettered): it may be what kills workers. */
  maxStalledCount?: number;
  /** Only these queues (default: every queue that has a job in the catalog). */
  queues?: string[];
  /** Replaces each queue's configured concurrency (benchmarks). */
  concurrency?: number;
  /** Replaces a queue's limiter, e.g. the e-mail provider's quota from the environment. */
  limiters?: Readonly<Record<string, { max: number; duration: number }>>;
  reconcileIntervalMs?: number;
}

export interface WorkerPool {
  workers: Worker[];
  /** Stops taking jobs, lets active ones finish for up to `timeoutMs`, then closes. */
  close(timeoutMs?: number): Promise<{ timedOut: boolean }>;
}

/** Starts one BullMQ worker per queue of the catalog, with dead-letter recording wired in. */
export function startWorkerPool<C extends Catalog>(
  runtime: JobRuntime<C>,
  handlers: JobHandlers<C>,
  options: WorkerPoolOptions = {},
): WorkerPool {
  const log = runtime.log;
  const connection = workerConnection(runtime.valkeyUrl, (error) =>
    log.warn({ err: error }, "worker connection error"),
  );
  const processor = createProcessor(runtime.catalog, handlers, log);
  const queues = options.queues ?? [
    ...new Set(Object.values(runtime.catalog).map((definition) => definition.queue)),
  ];

  for (const name of Object.keys(options.limiters ?? {})) {
    if (!runtime.hasQueue(name))
      throw new Error(`A limiter names queue "${name}", which this runtime doesn't serve`);
  }
  const workers = queues.map((queue) => {
    const config = runtime.queueConfigs[queue];
    if (!config) throw new Error(`No queue named "${queue}"`);
    const worker = new Worker(queue, processor, {
      // Recorded on each job as processedBy: which host and process ran it.
      name: `${hostname()}:${process.pid}`,
      connection,
      prefix: runtime.prefix,
      concurrency: options.concurrency ?? config.concurrency,
      limiter: options.limiters?.[queue] ?? config.limiter,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 1,
      // Per-minute completed/failed counts for the stats route; one day of minutes.
      metrics: { maxDataPoints: 24 * 60 },
    });
    worker.on("failed", (job: Job | undefined) => {
      if (job) void onFailed(job);
    });
    worker.on("error", (error) => log.warn({ err: error, queue }, "worker error"));
    return worker;
  });

  /** BullMQ's failed set holds only final failures; retries wait in delayed. The state decides. */
  async function onFailed(job: Job) {
    try {
      if ((await job.getState()) === "failed") await recordDeadLetter(runtime.db, job, log);
    } catch (error) {
      log.error({ err: error, jobId: job.id }, "could not record dead letter; the reconciler will retry");
    }
  }

  const reconcile = setInterval(() => {
    for (const queue of queues) {
      reconcileDeadLetters(runtime.db, runtime.queue(queue), log).catch((error) =>
        log.warn({ err: error, queue }, "dead-letter reconciliation failed"),
      );
    }
  }, options.reconcileIntervalMs ?? 60_000);

  return {
    workers,
    async close(timeoutMs = 25_000) {
      clearInterval(reconcile);
      const graceful = Promise.all(workers.map((worker) => worker.close())).then(() => false);
      const deadline = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref());
      const timedOut = await Promise.race([graceful, deadline]);
      if (timedOut) {
        log.warn({ timeoutMs }, "active jobs did not finish in time; they will be recovered as stalled");
        await Promise.all(workers.map((worker) => worker.close(true)));
      }
      await closeValkey(connection);
      return { timedOut };
    },
  };
}
