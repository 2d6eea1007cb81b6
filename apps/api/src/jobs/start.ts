import type { Env } from "@helpdesk/config/env";
import type { Database } from "@helpdesk/db/client";
import { jobCatalog } from "@helpdesk/jobs/catalog";
import { JobRuntime } from "@helpdesk/jobs/runtime";
import { registerSchedulersWhenReachable } from "@helpdesk/jobs/schedulers";
import { startWorkerPool, type WorkerPool } from "@helpdesk/jobs/worker-pool";
import type { ProductJobs } from "../context.ts";
import type { Logger } from "../logger.ts";
import { createHandlers } from "./index.ts";

/** The producer side: queues, typed enqueue/publish and the outbox relay (every process has one). */
export function createJobRuntime(config: Env, db: Database, log: Logger): ProductJobs {
  return new JobRuntime({
    catalog: jobCatalog,
    prefix: config.QUEUE_PREFIX,
    valkeyUrl: config.VALKEY_URL,
    db,
    log,
  });
}

/**
 * The consumer side: a worker per queue and the scheduled scans (worker.ts, or server.ts with
 * WORKERS=on). Schedulers are registered in the background, so a boot during a Valkey outage
 * neither crashes nor holds up the HTTP server; `schedulers` settles once they are registered.
 */
export type JobProcessing = WorkerPool & { schedulers: Promise<string[]> };

export function startJobProcessing(jobs: ProductJobs, config: Env): JobProcessing {
  const pool = startWorkerPool(jobs, createHandlers({ db: jobs.db, jobs, log: jobs.log }), {
    lockDurationMs: config.JOB_LOCK_DURATION_MS,
    stalledIntervalMs: config.JOB_STALLED_INTERVAL_MS,
  });
  const schedulers = registerSchedulersWhenReachable(jobs);
  schedulers.then((ids) =>
    jobs.log.info({ queues: pool.workers.map((w) => w.name), schedulers: ids }, "workers started"),
  );
  return { ...pool, schedulers };
}
