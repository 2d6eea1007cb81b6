import type { JobsOptions } from "bullmq";

export const queueNames = [
  "email",
  "ticket-notifications",
  "sla",
  "ticket-actions",
  "reports",
  "cleanup",
] as const;
export type QueueName = (typeof queueNames)[number];

export interface QueueConfig {
  /** Jobs one worker process runs at once on this queue. */
  concurrency: number;
  /** Queue-wide rate limit shared by every worker process (e.g. an upstream API's quota). */
  limiter?: { max: number; duration: number };
  /** Defaults for every job of the queue; a job definition may override them. */
  jobOptions: JobsOptions;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Shared defaults: 5 attempts with exponential backoff (2 s, 4 s, 8 s, 16 s), the last 1,000
 * completed jobs kept for inspection, failed jobs kept 7 days (their dead-letter row lives on in
 * PostgreSQL), 100 log lines per job.
 */
const defaults: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { age: 7 * DAY_SECONDS },
  keepLogs: 100,
};

/** Every queue's settings, side by side, so their differences are visible at a glance. */
export const queueConfigs: Record<QueueName, QueueConfig> = {
  // Resend allows 2 requests/s by default; retries spread over ~4 minutes ride out a provider blip.
  email: {
    concurrency: 5,
    limiter: { max: 2, duration: 1_000 },
    jobOptions: { ...defaults, attempts: 8, backoff: { type: "exponential", delay: 1_000 } },
  },
  // Cheap DB writes and socket emits: high concurrency keeps live notifications live.
  "ticket-notifications": { concurrency: 20, jobOptions: defaults },
  // Timers of many deadlines fall due together; each is two short statements.
  sla: { concurrency: 25, jobOptions: { ...defaults, attempts: 4 } },
  "ticket-actions": { concurrency: 5, jobOptions: defaults },
  // Heavy and rare: a fixed minute between attempts rather than hammering a struggling database.
  reports: {
    concurrency: 2,
    jobOptions: { ...defaults, attempts: 3, backoff: { type: "fixed", delay: 60_000 } },
  },
  // Sweeps are idempotent and rescheduled anyway; few attempts, and keep less history.
  cleanup: {
    concurrency: 1,
    jobOptions: {
      ...defaults,
      attempts: 3,
      backoff: { type: "fixed", delay: 5 * 60_000 },
      removeOnComplete: { count: 100 },
    },
  },
};
