import type { Env } from "@helpdesk/config/env";
import type { Database } from "@helpdesk/db/client";
import { createDevOutboxTransport } from "@helpdesk/email/dev-outbox-transport";
import { createResendTransport } from "@helpdesk/email/resend-transport";
import type { EmailTransport } from "@helpdesk/email/transport";
import { jobCatalog } from "@helpdesk/jobs/catalog";
import { type QueueConfig, queueConfigs } from "@helpdesk/jobs/queues";
import { JobRuntime } from "@helpdesk/jobs/runtime";
import { registerSchedulersWhenReachable } from "@helpdesk/jobs/schedulers";
import { startWorkerPool, type WorkerPool } from "@helpdesk/jobs/worker-pool";
import type { ProductJobs } from "../context/service-context.ts";
import { createHandlers } from "../jobs/handlers.ts";
import type { Logger } from "../logging/logger.ts";
import { createRealtimeEmitter } from "../realtime/emitter.ts";
import { MessageEmailWaits } from "../services/email/message-email-waits.ts";
import { createExportSettings } from "./exports.ts";

/**
 * The producer side: queues, typed enqueue/publish and the outbox relay (every process has one).
 * `extraQueues` are watched beside the product's (tests park probe jobs there).
 */
export function createJobRuntime(
  config: Env,
  db: Database,
  log: Logger,
  extraQueues: Readonly<Record<string, QueueConfig>> = {},
): ProductJobs {
  return new JobRuntime({
    catalog: jobCatalog,
    queues: { ...queueConfigs, ...extraQueues },
    prefix: config.QUEUE_PREFIX,
    valkeyUrl: config.VALKEY_URL,
    db,
    log,
  });
}

/** Resend when RESEND_API_KEY is set; otherwise the development outbox shown at /dev/emails. */
export function createEmailTransport(config: Env, db: Database): EmailTransport {
  return config.RESEND_API_KEY
    ? createResendTransport({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL })
    : createDevOutboxTransport(db);
}

export type JobProcessing = WorkerPool & { schedulers: Promise<string[]> };

/**
 * The consumer side: a worker per queue and the scheduled scans (worker.ts, or server.ts with
 * WORKERS=on). Schedulers are registered in the background, so a boot during a Valkey outage
 * neither crashes nor holds up the HTTP server; `schedulers` settles once they are registered.
 */
export function startJobProcessing(jobs: ProductJobs, config: Env): JobProcessing {
  const realtime = createRealtimeEmitter(config.VALKEY_URL, config.QUEUE_PREFIX);
  const handlers = createHandlers({
    db: jobs.db,
    jobs,
    log: jobs.log,
    realtime,
    email: {
      transport: createEmailTransport(config, jobs.db),
      from: config.EMAIL_FROM,
      appUrl: config.APP_URL,
      publicUrl: config.PUBLIC_URL,
      accountTokenSecret: config.JWT_SECRET,
      debounceMs: config.EMAIL_DEBOUNCE_MS,
      maxWaitMs: config.EMAIL_MAX_WAIT_MS,
    },
    messageEmailWaits: new MessageEmailWaits(),
    exports: createExportSettings(config),
  });
  const pool = startWorkerPool(jobs, handlers, {
    lockDurationMs: config.JOB_LOCK_DURATION_MS,
    stalledIntervalMs: config.JOB_STALLED_INTERVAL_MS,
    limiters: { email: { max: config.EMAIL_RATE_LIMIT_PER_SECOND, duration: 1_000 } },
  });
  const schedulers = registerSchedulersWhenReachable(jobs);
  schedulers.then((ids) =>
    jobs.log.info({ queues: pool.workers.map((w) => w.name), schedulers: ids }, "workers started"),
  );
  return {
    ...pool,
    schedulers,
    async close(timeoutMs) {
      const result = await pool.close(timeoutMs);
      await realtime.close();
      return result;
    },
  };
}
