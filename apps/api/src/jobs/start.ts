import type { Env } from "@helpdesk/config/env";
import type { Database } from "@helpdesk/db/client";
import { jobCatalog } from "@helpdesk/jobs/catalog";
import { JobRuntime } from "@helpdesk/jobs/runtime";
import { registerSchedulers } from "@helpdesk/jobs/schedulers";
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

/** The consumer side: a worker per queue and the scheduled scans (worker.ts, or server.ts with WORKERS=on). */
export async function startJobProcessing(jobs: ProductJobs, config: Env): Promise<WorkerPool> {
  const pool = startWorkerPool(jobs, createHandlers({ db: jobs.db, jobs, log: jobs.log }), {
    lockDurationMs: config.JOB_LOCK_DURATION_MS,
    stalledIntervalMs: config.JOB_STALLED_INTERVAL_MS,
  });
  const schedulers = await registerSchedulers(jobs);
  jobs.log.info({ queues: pool.workers.map((worker) => worker.name), schedulers }, "workers started");
  return pool;
}
